/**
 * Order search (SPEC §14): `GET /orders?q=` finds a substring, any case, of the order number,
 * title, customer name, email, SKU or tracking number. Each is searched where it lives (orders,
 * users, order_items, shipments), the matches united by order id (orders.repository.ts).
 *
 * PostgreSQL: trigram GIN indexes (pg_trgm) on the lower-cased columns, which serve
 * `lower(col) like '%…%'` for three characters or more. SQLite has no index for a substring
 * match (FTS5's trigram tokenizer would need a copy of every column kept in step by triggers):
 * narrow covering indexes on the lower-cased columns let it scan those instead of the tables.
 * The plans for 100k orders are in docs/operations.md (bench/src/search-plans.ts prints them).
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.ts';

const INDEXES: { name: string; table: string; column: string; key: string }[] = [
  { name: 'orders_number_search_idx', table: 'orders', column: 'order_number', key: 'id' },
  { name: 'orders_title_search_idx', table: 'orders', column: 'title', key: 'id' },
  { name: 'orders_tracking_search_idx', table: 'orders', column: 'tracking_number', key: 'id' },
  { name: 'orders_customer_name_search_idx', table: 'orders', column: 'customer_name', key: 'id' },
  { name: 'users_email_search_idx', table: 'users', column: 'email', key: 'id' },
  { name: 'users_name_search_idx', table: 'users', column: 'name', key: 'id' },
  { name: 'order_items_sku_search_idx', table: 'order_items', column: 'sku', key: 'order_id' },
  { name: 'shipments_tracking_search_idx', table: 'shipments', column: 'tracking_number', key: 'order_id' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  if (pg) await sql`create extension if not exists pg_trgm`.execute(db);
  for (const { name, table, column, key } of INDEXES) {
    const index = sql.id(name);
    const on = sql.id(table);
    const col = sql.id(column);
    await (
      pg
        ? sql`create index ${index} on ${on} using gin (lower(${col}) gin_trgm_ops)`
        : sql`create index ${index} on ${on} (lower(${col}), ${sql.id(key)})`
    ).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { name } of INDEXES) await db.schema.dropIndex(name).execute();
}
