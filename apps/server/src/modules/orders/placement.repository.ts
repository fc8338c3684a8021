/**
 * Placing an order on PostgreSQL in two round trips: one read of what the order copies (its
 * products and the customer's name), then one statement that writes everything — the
 * Idempotency-Key with its answer, the stock and its ledger, the order and its items, the event
 * and what the order log's subscribers write — or nothing. A single statement is a transaction of
 * its own; its parts see each other only through what they return, so each write is gated on the
 * CTE `placement`, which has a row only when no product was refused and the key (if any) was free.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { nameStatement } from '../../platform/db/prepared.ts';
import type { OrderEventRow } from '../order-log/order-log.ts';
import type { ProductRow } from '../products/products.table.ts';
import type { OrderItemRow, OrderRow } from './orders.table.ts';

/** The CTE every write of the placement statement is gated on. */
export const PLACEMENT = 'placement';

/** The products (those that exist) and the customer's name, read in one round trip. */
export async function readPlacementSnapshot(
  db: Executor,
  customerId: string,
  productIds: string[],
): Promise<{ customerName: string | null; products: Map<string, ProductRow> }> {
  const { rows } = await sql<ProductRow & { customer_name: string | null }>`
    select u.name as customer_name, p.id, p.sku, p.name, p.description, p.price_cents, p.currency,
      p.stock, p.active, p.image_url, p.created_at, p.updated_at
    from users u left join products p on p.id = any(${productIds}::text[])
    where u.id = ${customerId}`.execute(db);
  const products = new Map<string, ProductRow>();
  for (const { customer_name: _name, ...product } of rows) {
    if (product.id !== null) products.set(product.id, product);
  }
  return { customerName: rows[0]?.customer_name ?? null, products };
}

/** The Idempotency-Key claimed with its answer, as `placement`: a new key, or one older than `expiredBefore`. */
export function keyClaimPart(v: {
  userId: string;
  key: string;
  requestHash: string;
  answer: string;
  at: string;
  expiredBefore: string;
}) {
  return sql`${sql.table(PLACEMENT)} as (
    insert into idempotency_keys (user_id, key, request_hash, response_status, response_body, created_at)
    select ${v.userId}::text, ${v.key}::text, ${v.requestHash}::text, 201, ${v.answer}::text, ${v.at}::text
    where not exists (select 1 from stock_refused)
    on conflict (user_id, key) do update set request_hash = excluded.request_hash,
      response_status = excluded.response_status, response_body = excluded.response_body,
      created_at = excluded.created_at
    where idempotency_keys.created_at < ${v.expiredBefore}::text
    returning 1 as placed
  )`;
}

/** `placement` for an order without an Idempotency-Key: a row unless a product was refused. */
export const unkeyedPart = () =>
  sql`${sql.table(PLACEMENT)} as (select 1 as placed where not exists (select 1 from stock_refused))`;

/** The order and its items. */
export function orderInsertPart(order: OrderRow, items: Omit<OrderItemRow, 'id' | 'order_id'>[]) {
  const columns = Object.keys(order) as (keyof OrderRow)[];
  const column = <K extends keyof (typeof items)[number]>(key: K) => items.map((item) => item[key]);
  return sql`placed_order as (
    insert into orders (${sql.raw(columns.map((c) => `"${c}"`).join(', '))})
    select ${sql.join(columns.map((c) => order[c]))}
    where exists (select 1 from ${sql.table(PLACEMENT)})
    returning id
  ), placed_items as (
    insert into order_items (order_id, line, product_id, sku, name, unit_price_cents, quantity, options)
    select o.id, i.* from placed_order o,
      unnest(${column('line')}::int[], ${column('product_id')}::text[], ${column('sku')}::text[],
        ${column('name')}::text[], ${column('unit_price_cents')}::int[], ${column('quantity')}::int[],
        ${column('options')}::text[])
        as i (line, product_id, sku, name, unit_price_cents, quantity, options)
  )`;
}

export interface PlacementOutcome {
  /** Whether the order was placed; if not, `refused` says why, or else the key was taken. */
  placed: boolean;
  refused: { id: string; reason: 'unavailable' | 'short' | 'changed' }[];
  /** The events written, for the order log to announce. */
  events: OrderEventRow[];
}

/**
 * Runs the parts as one statement (named, so PostgreSQL plans it once per connection and shape).
 * The CTEs the main query reads run first, the order log's last, so its lock is held briefly.
 */
export async function runPlacement(db: Executor, parts: RawBuilder<unknown>[]): Promise<PlacementOutcome> {
  const query = sql<{ placed: number; refused: PlacementOutcome['refused']; events: OrderEventRow[] }>`
    with ${sql.join(parts, sql`, `)}
    select (select count(*) from ${sql.table(PLACEMENT)})::int as placed,
      (select coalesce(json_agg(r), '[]') from stock_refused r) as refused,
      (select count(*) from stock_taken) + (select count(*) from placed_order) as written,
      (select coalesce(json_agg(l order by l.id), '[]') from logged l) as events`.compile(db);
  nameStatement(query.sql);
  const { rows } = await db.executeQuery(query);
  const row = rows[0];
  return { placed: row?.placed === 1, refused: row?.refused ?? [], events: row?.events ?? [] };
}
