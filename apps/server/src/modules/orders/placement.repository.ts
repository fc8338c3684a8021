/**
 * Placing an order on PostgreSQL in two round trips: one read of what the order copies (its
 * products and the customer's name; shared by the orders placed at the same moment), then one statement that writes everything — the
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
import type { KeyClaim, OrderItemRow, OrderRow } from './orders.table.ts';

/** The CTE every write of the placement statement is gated on. */
export const PLACEMENT = 'placement';

export interface PlacementSnapshot {
  customerName: string | null;
  /** The products that exist, by id. */
  products: Map<string, ProductRow>;
}

interface SnapshotRequest {
  customerId: string;
  productIds: string[];
  resolve: (snapshot: PlacementSnapshot) => void;
  reject: (error: unknown) => void;
}

/**
 * Reads what each order copies (its products and the customer's name). One read runs at a time;
 * the orders that ask meanwhile (or in the same turn of the event loop) are read together by the
 * next, in one round trip: on a busy server a read costs a fraction of one per order, and an idle
 * one reads at once. Nothing is locked or cached; the placement statement finds any product that
 * changed since.
 */
export function placementSnapshots(
  db: Executor,
): (customerId: string, productIds: string[]) => Promise<PlacementSnapshot> {
  let waiting: SnapshotRequest[] = [];

  async function readTogether(batch: SnapshotRequest[]): Promise<void> {
    try {
      const customerIds = [...new Set(batch.map((r) => r.customerId))];
      const productIds = [...new Set(batch.flatMap((r) => r.productIds))];
      // Customers and products side by side in one result (a full join on false is their union).
      const { rows } = await sql<ProductRow & { customer_id: string | null; customer_name: string | null }>`
        select u.id as customer_id, u.name as customer_name, p.*
        from (select id, name from users where id = any(${customerIds}::text[])) u
        full join (
          select id, sku, name, description, price_cents, currency, stock, active, image_url,
            created_at, updated_at
          from products where id = any(${productIds}::text[])
        ) p on false`.execute(db);
      const names = new Map<string, string | null>();
      const products = new Map<string, ProductRow>();
      for (const { customer_id: customerId, customer_name: customerName, ...product } of rows) {
        if (customerId !== null) names.set(customerId, customerName);
        else products.set(product.id, product);
      }
      for (const request of batch) {
        const own = request.productIds.flatMap((id) => {
          const product = products.get(id);
          return product ? [[id, product] as const] : [];
        });
        request.resolve({ customerName: names.get(request.customerId) ?? null, products: new Map(own) });
      }
    } catch (error) {
      for (const request of batch) request.reject(error);
    }
  }

  let reading = false;
  /** One read at a time: the orders that ask while it runs are read together by the next. */
  function next(): void {
    if (reading || waiting.length === 0) return;
    const batch = waiting;
    waiting = [];
    reading = true;
    void readTogether(batch).finally(() => {
      reading = false;
      next();
    });
  }

  return (customerId, productIds) =>
    new Promise((resolve, reject) => {
      waiting.push({ customerId, productIds, resolve, reject });
      // After the other requests that arrived in this turn of the event loop have asked.
      if (waiting.length === 1) setImmediate(next);
    });
}

/** The Idempotency-Key claimed with its answer, as `placement`: a new key, or one older than `expiredBefore`. */
export function keyClaimPart({ row, expiredBefore }: KeyClaim) {
  return sql`${sql.table(PLACEMENT)} as (
    insert into idempotency_keys (user_id, key, request_hash, response_status, response_body, created_at)
    select ${row.user_id}::text, ${row.key}::text, ${row.request_hash}::text, ${row.response_status}::int,
      ${row.response_body}::text, ${row.created_at}::text
    where not exists (select 1 from stock_refused)
    on conflict (user_id, key) do update set request_hash = excluded.request_hash,
      response_status = excluded.response_status, response_body = excluded.response_body,
      created_at = excluded.created_at
    where idempotency_keys.created_at < ${expiredBefore}::text
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
