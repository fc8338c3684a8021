/**
 * CSV out: rows read a page at a time and written through csv-stringify, so an export of any size
 * holds one page in memory. The stream pulls the next page only when the client has taken what
 * was written (backpressure through pipeline), and a client that goes away stops the reads.
 */
import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';

/** Rows per read: large enough to keep round trips few, small enough to keep memory flat. */
export const EXPORT_PAGE_SIZE = 500;

export type Cell = string | number | boolean | null | undefined;

/**
 * Pages of rows in keyset order, newest id first: `read(beforeId, limit)` returns at most `limit`
 * rows with ids below `beforeId`; the last row's id is where the next page starts.
 */
export async function* keysetPages<Row extends { id: string }>(
  read: (beforeId: string | undefined, limit: number) => Promise<Row[]>,
  size = EXPORT_PAGE_SIZE,
): AsyncGenerator<Row[]> {
  let beforeId: string | undefined;
  for (;;) {
    const rows = await read(beforeId, size);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    beforeId = rows.at(-1)?.id;
  }
}

/**
 * A CSV document: a header of `columns`, then each record of `records`. Quoting is the library's;
 * a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so a
 * spreadsheet shows it as text instead of running it as a formula (numbers are left as they are).
 * A byte order mark lets spreadsheet programs read it as UTF-8.
 */
export function csvStream(columns: readonly string[], records: AsyncIterable<Cell[]>): Readable {
  const stringifier = stringify({
    header: true,
    columns: [...columns],
    bom: true,
    escape_formulas: true,
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
  pipeline(Readable.from(records), stringifier, () => {
    // An error or a client gone: pipeline has already destroyed both ends.
  });
  return stringifier;
}

/** RFC 6266: a download named `name` (ASCII only here). */
export const attachment = (name: string) => `attachment; filename="${name}"`;

/** A file name stamped with today's date: `orders-2026-12-07.csv`. */
export const datedName = (stem: string, extension: string, at = new Date()) =>
  `${stem}-${at.toISOString().slice(0, 10)}.${extension}`;

/** The OpenAPI description of a CSV response. */
export const CSV_RESPONSE = {
  description: 'A CSV file (RFC 4180, UTF-8 with a byte order mark), a header row first',
  content: { 'text/csv': { schema: { type: 'string' } } },
};
