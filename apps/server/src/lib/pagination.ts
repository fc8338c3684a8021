import { invalid } from './errors.ts';

export interface PageParams {
  limit?: number | undefined;
  cursor?: string | undefined;
}

export const DEFAULT_LIMIT = 20;

/** Cursors are opaque to clients: the base64url of the last item's id. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/.test(id)) throw invalid('cursor is not valid', [{ path: '/cursor' }]);
  return id;
}

export const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');

/** Rows were fetched with limit + 1: the extra row only says whether there is a next page. */
export function toPage<Row extends { id: string }, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(map),
    nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null,
  };
}

/** Cursors over integer ids (events, deliveries, audit entries). */
export function decodeNumericCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const id = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(id) || id < 0) throw invalid('cursor is not valid', [{ path: '/cursor' }]);
  return id;
}

export const encodeNumericCursor = (id: number | undefined): string | null =>
  id === undefined ? null : Buffer.from(String(id), 'utf8').toString('base64url');
