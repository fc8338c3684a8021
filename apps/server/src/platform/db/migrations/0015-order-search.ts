/**
 * Order search (SPEC §14): `GET /orders?q=` finds a substring, any case, of the order number,
 * title, customer name or tracking number of an order, its customer's name or email, a SKU of its
 * items or a tracking number of its packages. Each is searched where it lives (orders, users,
 * order_items, shipments) and the matches united by order id (orders.repository.ts).
 *
 * PostgreSQL: trigram GIN indexes (pg_trgm) on the lower-cased columns, which serve
 * `lower(col) like '%…%'` from three characters on. SQLite has no index for a substring match
 * short of FTS5, which would need a copy of every searched column kept in step by triggers on
 * four tables: instead a narrow covering index per table holds the lower-cased columns, so a
 * search reads those rather than the rows (about a tenth of the bytes). The plans and timings
 * for 100k orders are in docs/order-search.md (bench/src/search-plans.ts prints them).
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.ts';

/** What is searched, per table, and the key each match answers. */
const SEARCHED: { table: string; columns: string[]; key: string }[] = [
  { table: 'orders', columns: ['order_number', 'title', 'customer_name', 'tracking_number'], key: 'id' },
  { table: 'users', columns: ['email', 'name'], key: 'id' },
  { table: 'order_items', columns: ['sku'], key: 'order_id' },
  { table: 'shipments', columns: ['tracking_number'], key: 'order_id' },
];

/** PostgreSQL: one trigram index per column; SQLite: one covering index per table. */
const indexNames = (postgres: boolean) =>
  SEARCHED.flatMap(({ table, columns }) =>
    postgres ? columns.map((column) => `${table}_${column}_trgm_idx`) : [`${table}_search_idx`],
  );

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    for (const { table, columns } of SEARCHED) {
      for (const column of columns) {
        await sql`create index ${sql.id(`${table}_${column}_trgm_idx`)} on ${sql.id(table)} using gin (lower(${sql.id(column)}) gin_trgm_ops)`.execute(
          db,
        );
      }
    }
    return;
  }
  for (const { table, columns, key } of SEARCHED) {
    const lowered = columns.map((column) => sql`lower(${sql.id(column)})`);
    await sql`create index ${sql.id(`${table}_search_idx`)} on ${sql.id(table)} (${sql.join([...lowered, sql.id(key)])})`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of indexNames(isPostgres(db))) await db.schema.dropIndex(name).execute();
}
