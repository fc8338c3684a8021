import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** The LIKE pattern for text containing `q`, wildcards escaped so a search for "50%" means the text "50%". */
export const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Case-insensitive match of a likePattern() that behaves the same on SQLite and PostgreSQL. */
export const matchesPattern = (column: string, pattern: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;

/** Case-insensitive substring match. */
export const contains = (column: string, q: string): RawBuilder<SqlBool> =>
  matchesPattern(column, likePattern(q));
