import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Case-insensitive substring match that behaves the same on SQLite and PostgreSQL. */
export const contains = (column: string, q: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`lower(${sql.ref(column)}) like ${likePattern(q)} escape '\\'`;
