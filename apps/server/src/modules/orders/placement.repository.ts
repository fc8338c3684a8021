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
import { prepared } from '../../platform/db/prepared.ts';
import type { OrderEventRow } from '../order-log/order-log.ts';
import type { ProductRow } from '../products/products.table.ts';
import { ORDER_COLUMNS, type KeyClaim, type OrderItemRow, type OrderRow } from './orders.table.ts';

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

/** What keyClaimPart takes: the Idempotency-Key's row with its answer, and when an earlier claim is forgotten. */
export type KeyClaimValues = {
  key_user_id: string;
  key_key: string;
  key_request_hash: string;
  key_response_status: number;
  key_response_body: string;
  key_created_at: string;
  key_expired_before: string;
};

export const keyClaimValues = ({ row, expiredBefore }: KeyClaim): KeyClaimValues => ({
  key_user_id: row.user_id,
  key_key: row.key,
  key_request_hash: row.request_hash,
  key_response_status: row.response_status,
  key_response_body: row.response_body,
  key_created_at: row.created_at,
  key_expired_before: expiredBefore,
});

/** The Idempotency-Key claimed with its answer, as `placement`: a new key, or one older than `key_expired_before`. */
export function keyClaimPart(v: KeyClaimValues) {
  return sql`${sql.table(PLACEMENT)} as (
    insert into idempotency_keys (user_id, key, request_hash, response_status, response_body, created_at)
    select ${v.key_user_id}::text, ${v.key_key}::text, ${v.key_request_hash}::text, ${v.key_response_status}::int,
      ${v.key_response_body}::text, ${v.key_created_at}::text
    where not exists (select 1 from stock_refused)
    on conflict (user_id, key) do update set request_hash = excluded.request_hash,
      response_status = excluded.response_status, response_body = excluded.response_body,
      created_at = excluded.created_at
    where idempotency_keys.created_at < ${v.key_expired_before}::text
    returning 1 as placed
  )`;
}

/** `placement` for an order without an Idempotency-Key: a row unless a product was refused. */
export const unkeyedPart = () =>
  sql`${sql.table(PLACEMENT)} as (select 1 as placed where not exists (select 1 from stock_refused))`;

/** What orderInsertPart takes: the order's row and its items' rows, as JSON. */
export type OrderInsertValues = {
  order_row: string;
  order_items: string;
};

export const orderInsertValues = (
  order: OrderRow,
  items: Omit<OrderItemRow, 'id' | 'order_id'>[],
): OrderInsertValues => ({ order_row: JSON.stringify(order), order_items: JSON.stringify(items) });

const ORDER_COLUMN_LIST = sql.raw(ORDER_COLUMNS.map((c) => `"${c}"`).join(', '));

/** The order and its items. */
export function orderInsertPart(v: OrderInsertValues) {
  return sql`placed_order as (
    insert into orders (${ORDER_COLUMN_LIST})
    select ${ORDER_COLUMN_LIST} from json_populate_record(null::orders, ${v.order_row}::json)
    where exists (select 1 from ${sql.table(PLACEMENT)})
    returning id
  ), placed_items as (
    insert into order_items (order_id, line, product_id, sku, name, unit_price_cents, quantity, options)
    select o.id, i.line, i.product_id, i.sku, i.name, i.unit_price_cents, i.quantity, i.options
    from placed_order o, json_populate_recordset(null::order_items, ${v.order_items}::json) as i
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
 * The placement statement, of the `parts` made of an order's values (`V`): built and compiled once
 * per shape of the values, from their stand-ins, then named, so PostgreSQL plans it once per
 * connection and shape (platform/db/prepared.ts). The CTEs the main query reads run first, the
 * order log's last, so its lock is held briefly.
 */
export function placementStatement<V extends Record<string, unknown>>(
  parts: (values: V) => RawBuilder<unknown>[],
): (db: Executor, values: V) => Promise<PlacementOutcome> {
  const statement = prepared((db, values: V) => {
    const query = sql<{ placed: number; refused: PlacementOutcome['refused']; events: OrderEventRow[] }>`
      with ${sql.join(parts(values), sql`, `)}
      select (select count(*) from ${sql.table(PLACEMENT)})::int as placed,
        (select coalesce(json_agg(r), '[]') from stock_refused r) as refused,
        (select count(*) from stock_taken) + (select count(*) from placed_order) as written,
        (select coalesce(json_agg(l order by l.id), '[]') from logged l) as events`;
    return { compile: () => query.compile(db) };
  });
  return async (db, values) => {
    const row = (await statement(db, values)).rows[0];
    return { placed: row?.placed === 1, refused: row?.refused ?? [], events: row?.events ?? [] };
  };
}
