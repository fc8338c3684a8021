import type { OrderStatus } from '@igniflo/contract';
import type { Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { isPostgres } from '../../platform/db/dialect.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { likePattern, matchesPattern } from '../../platform/db/search.ts';
import type {
  IdempotencyKeyRow,
  KeyClaim,
  NewOrderRow,
  OrderItemRow,
  OrderRow,
  OrdersTable,
} from './orders.table.ts';

export const findOrderById = (db: Executor, id: string): Promise<OrderRow | undefined> =>
  db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();

/** The orders among `ids`. */
export const findOrdersByIds = (db: Executor, ids: string[]): Promise<OrderRow[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('orders').selectAll().where('id', 'in', ids).execute();

export const findOrderByNumber = (db: Executor, orderNumber: string): Promise<OrderRow | undefined> =>
  db.selectFrom('orders').selectAll().where('order_number', '=', orderNumber).executeTakeFirst();

/** An order without its customer's name, which the insert copies from the customer's account. */
export type OrderToInsert = Omit<NewOrderRow, 'customer_name'>;

const customerNameOf = (db: Executor, customerId: string) =>
  db.selectFrom('users').select('name').where('id', '=', customerId);

// The name comes in the insert itself rather than from a read before it: one round trip fewer.
const insertOrderRow = prepared((db, order: OrderToInsert) =>
  db
    .insertInto('orders')
    .values({ ...order, customer_name: customerNameOf(db, order.customer_id) })
    .returning('customer_name'),
);
const insertItemRows = prepared((db, items: Omit<OrderItemRow, 'id'>[]) =>
  db.insertInto('order_items').values(items),
);

export async function insertOrder(
  db: Executor,
  order: OrderToInsert,
  items: Omit<OrderItemRow, 'id' | 'order_id'>[],
): Promise<{ customerName: string | null }> {
  if (isPostgres(db) && items.length > 0) {
    // One round trip: the items in a data-modifying WITH of the order's insert (their foreign key
    // is checked at the statement's end, when the order is there).
    const row = await db
      .with('items', (qc) =>
        qc.insertInto('order_items').values(items.map((item) => ({ ...item, order_id: order.id }))),
      )
      .insertInto('orders')
      .values({ ...order, customer_name: customerNameOf(db, order.customer_id) })
      .returning('customer_name')
      .executeTakeFirstOrThrow();
    return { customerName: row.customer_name };
  }
  const { rows } = await insertOrderRow(db, order);
  if (items.length > 0) {
    await insertItemRows(
      db,
      items.map((item) => ({ ...item, order_id: order.id })),
    );
  }
  return { customerName: rows[0]?.customer_name ?? null };
}

export async function itemsOf(db: Executor, orderIds: string[]): Promise<Map<string, OrderItemRow[]>> {
  const byOrder = new Map<string, OrderItemRow[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return byOrder;
  const rows = await db
    .selectFrom('order_items')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .orderBy('order_id')
    .orderBy('line')
    .execute();
  for (const row of rows) byOrder.get(row.order_id)?.push(row);
  return byOrder;
}

/**
 * Replaces an existing order's items, raising its version with them (as every write to an order
 * does): rendered orders are keyed by version (order-list.ts), so a list can never show the old
 * items. Undefined when the order changed since `version` was read.
 */
export async function replaceItemsAtVersion(
  db: Executor,
  orderId: string,
  version: number,
  items: Omit<OrderItemRow, 'id' | 'order_id'>[],
  patch: Updateable<OrdersTable>,
): Promise<OrderRow | undefined> {
  const updated = await updateOrderAtVersion(db, orderId, version, patch);
  if (!updated) return undefined;
  await db.deleteFrom('order_items').where('order_id', '=', orderId).execute();
  if (items.length > 0) {
    await db
      .insertInto('order_items')
      .values(items.map((item) => ({ ...item, order_id: orderId })))
      .execute();
  }
  return updated;
}

/** The order, locked until the transaction ends: an update that changes nothing, portable to both dialects. */
export const lockOrder = (db: Executor, id: string): Promise<OrderRow | undefined> =>
  db
    .updateTable('orders')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();

/** Optimistic concurrency: applies only if nobody changed the order since `version` was read. */
export async function updateOrderAtVersion(
  db: Executor,
  id: string,
  version: number,
  patch: Updateable<OrdersTable>,
): Promise<OrderRow | undefined> {
  return db
    .updateTable('orders')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export interface OrderFilter {
  customerId?: string | undefined;
  status?: OrderStatus | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  assignedTo?: string | undefined;
  beforeId?: string | undefined;
  limit: number;
}

/** A filter's conditions as the queries take them: only those set, the search as a LIKE pattern. */
interface Conditions {
  customerId?: string | undefined;
  status?: OrderStatus | undefined;
  assignedTo?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  pattern?: string | undefined;
}

const conditionsOf = (filter: OrderFilter): Conditions => ({
  customerId: filter.customerId || undefined,
  status: filter.status || undefined,
  assignedTo: filter.assignedTo || undefined,
  from: filter.from || undefined,
  to: filter.to || undefined,
  pattern: filter.q ? likePattern(filter.q) : undefined,
});

/** The orders the conditions let through. Looks only at which are set, so prepared() can build it. */
function matching(db: Executor, c: Conditions) {
  let query = db.selectFrom('orders');
  if (c.customerId !== undefined) query = query.where('customer_id', '=', c.customerId);
  if (c.status !== undefined) query = query.where('status', '=', c.status);
  if (c.assignedTo !== undefined) query = query.where('assigned_staff_id', '=', c.assignedTo);
  if (c.from !== undefined) query = query.where('created_at', '>=', c.from);
  if (c.to !== undefined) query = query.where('created_at', '<', c.to);
  const { pattern } = c;
  if (pattern !== undefined) query = query.where('orders.id', 'in', searchHits(db, pattern));
  return query;
}

/**
 * The ids of the orders a search finds (SPEC §14): its order number, title, customer name or
 * tracking number; its customer's name or email; a SKU of its items; a tracking number of its
 * packages. Each part can use its own index (migration 0014); an order found twice is one
 * order to `in`, so the parts are not deduplicated (no sort on SQLite).
 */
function searchHits(db: Executor, pattern: string) {
  const own = ['order_number', 'title', 'customer_name', 'tracking_number'] as const;
  return db
    .selectFrom('orders as hit')
    .select('hit.id')
    .where((eb) => eb.or(own.map((column) => matchesPattern(`hit.${column}`, pattern))))
    .unionAll(
      db
        .selectFrom('orders as of_customer')
        .select('of_customer.id')
        .where(
          'of_customer.customer_id',
          'in',
          db
            .selectFrom('users')
            .select('users.id')
            .where((eb) =>
              eb.or([matchesPattern('users.email', pattern), matchesPattern('users.name', pattern)]),
            ),
        ),
    )
    .unionAll(
      db
        .selectFrom('order_items')
        .select('order_items.order_id as id')
        .where(matchesPattern('order_items.sku', pattern)),
    )
    .unionAll(
      db
        .selectFrom('shipments')
        .select('shipments.order_id as id')
        .where(matchesPattern('shipments.tracking_number', pattern)),
    );
}

type VersionsValues = Conditions & { beforeId?: string | undefined; limit: number };

function orderVersionsQuery(db: Executor, v: VersionsValues) {
  let query = matching(db, v).select(['id', 'version', 'customer_id']).orderBy('id', 'desc').limit(v.limit);
  if (v.beforeId !== undefined) query = query.where('orders.id', '<', v.beforeId);
  return query;
}
const selectOrderVersions = prepared(orderVersionsQuery);

const versionsValues = (filter: OrderFilter): VersionsValues => ({
  ...conditionsOf(filter),
  beforeId: filter.beforeId || undefined,
  limit: filter.limit + 1,
});

/**
 * The id and version of each order of a page, newest first, limit + 1 of them: the version says
 * whether an order rendered before is still current. Run on every list request, so prepared.
 */
export async function listOrderVersions(
  db: Executor,
  filter: OrderFilter,
): Promise<Pick<OrderRow, 'id' | 'version' | 'customer_id'>[]> {
  return (await selectOrderVersions(db, versionsValues(filter))).rows;
}

/** The list's query as SQL and parameters, for its query plans (bench/src/search-plans.ts). */
export const compileOrderVersions = (db: Executor, filter: OrderFilter) =>
  orderVersionsQuery(db, versionsValues(filter)).compile();

/** The orders among `ids` that the filter still lets through, read in full. */
export const findMatchingOrders = (db: Executor, filter: OrderFilter, ids: string[]): Promise<OrderRow[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : matching(db, conditionsOf(filter)).selectAll().where('id', 'in', ids).execute();

/**
 * The orders the filter lets through with ids below `beforeId`, newest first, at most `limit`:
 * one page of a keyset walk over every match (the CSV export).
 */
export function findOrdersBefore(
  db: Executor,
  filter: Omit<OrderFilter, 'beforeId' | 'limit'>,
  beforeId: string | undefined,
  limit: number,
): Promise<OrderRow[]> {
  let query = matching(db, conditionsOf({ ...filter, limit }))
    .selectAll('orders')
    .orderBy('id', 'desc')
    .limit(limit);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  return query.execute();
}

/**
 * Claims a key for this request with its answer: a new key, or one older than `expiredBefore`
 * (forgotten, so usable again), in one statement, in the transaction that produced the answer.
 * False when an earlier request holds the key. (PostgreSQL claims within its one-statement
 * placement instead: placement.repository.ts.)
 */
export async function claimIdempotencyKey(db: Executor, claim: KeyClaim): Promise<boolean> {
  const inserted = await insertKeyClaim(db, { ...claim.row, expiredBefore: claim.expiredBefore });
  return inserted.rows.length > 0;
}

const insertKeyClaim = prepared((db, v: IdempotencyKeyRow & { expiredBefore: string }) => {
  const answered = {
    request_hash: v.request_hash,
    response_status: v.response_status,
    response_body: v.response_body,
    created_at: v.created_at,
  };
  return db
    .insertInto('idempotency_keys')
    .values({ user_id: v.user_id, key: v.key, ...answered })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'key'])
        .doUpdateSet(answered)
        .where('idempotency_keys.created_at', '<', v.expiredBefore),
    )
    .returning('key');
});

export const findIdempotencyKey = (db: Executor, userId: string, key: string) =>
  db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
