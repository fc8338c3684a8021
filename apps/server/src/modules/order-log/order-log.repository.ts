import type { Visibility } from '@igniflo/contract';
import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { isPostgres } from '../../platform/db/dialect.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { ORDER_EVENT_COLUMNS, type NewOrderEventRow, type OrderEventRow } from './order-log.table.ts';

/** Who a stream is for: staff and admin see every order event; a customer their own orders'; a tracker one order's status. */
export type StreamScope =
  { kind: 'all' } | { kind: 'customer'; userId: string } | { kind: 'order'; orderId: string };

/** An order event with its order's number and customer, as streams and webhooks read it. */
export interface FeedRow extends OrderEventRow {
  order_number: string;
  customer_id: string;
}

/** The event types on a public tracker's timeline. */
export const TRACKED_TYPES = ['created', 'status_changed'] as const;
/** The package events a public tracker is woken for (what it then reads has no personal data). */
export const PACKAGE_TYPES = ['shipment_created', 'shipment_updated'] as const;
/** Everything a public tracker's stream carries. */
export const TRACKER_STREAM_TYPES: readonly OrderEventRow['type'][] = [...TRACKED_TYPES, ...PACKAGE_TYPES];

const EVENT_ORDER_LOCK = 7_245_001;

const insertEventRows = prepared((db, events: NewOrderEventRow[]) =>
  db.insertInto('order_events').values(events).returning(ORDER_EVENT_COLUMNS),
);

/** An event's columns but its id, which the insert takes from the sequence. */
const EVENT_VALUES = ORDER_EVENT_COLUMNS.filter((c) => c !== 'id');

/**
 * Inserts order events so that their ids become visible in id order. On PostgreSQL two
 * transactions can take ids 10 and 11 and commit 11 first; a reader tailing the table by id would
 * then skip 10 for good. So the insert first takes a transaction-scoped lock (in its FROM, before
 * any row and so any id is made: one statement, one round trip), and the next id is only taken
 * after the previous holder has committed; appending is the last step of every order change, to
 * hold it briefly. SQLite has a single writer, so ids already commit in order there.
 */
export async function insertEventsInOrder(tx: Tx, events: NewOrderEventRow[]): Promise<OrderEventRow[]> {
  if (events.length === 0) return [];
  if (!isPostgres(tx)) return (await insertEventRows(tx, events)).rows;
  const columns = sql.join(EVENT_VALUES.map((c) => sql.ref(c)));
  const { rows } = await sql<OrderEventRow>`
    insert into order_events (${columns})
    select ${sql.join(EVENT_VALUES.map((c) => sql.ref(`e.${c}`)))}
    from (select pg_advisory_xact_lock(${sql.lit(EVENT_ORDER_LOCK)})) as locked,
      unnest(${sql.join(EVENT_VALUES.map((c) => sql`${events.map((e) => e[c] ?? null)}::text[]`))}) as e (${columns})
    returning ${sql.join(ORDER_EVENT_COLUMNS.map((c) => sql.ref(c)))}`.execute(tx);
  return rows;
}

/** What eventInsertPart takes: the events, as JSON rows in order. */
export type EventInsertValues = {
  log_events: string;
};

export const eventInsertValues = (events: NewOrderEventRow[]): EventInsertValues => ({
  log_events: JSON.stringify(events),
});

/**
 * insertEventsInOrder as a part of a statement that writes an order in one round trip (PostgreSQL),
 * built from stand-ins of its values: a CTE `logged` that inserts the events, in the order given
 * (so in id order), only when the CTE named `gate` has a row, and returns them. Its lock is held
 * until that statement commits.
 */
export function eventInsertPart(v: EventInsertValues, gate: string) {
  return sql`logged as (
    insert into order_events (${EVENT_VALUE_LIST})
    select ${EVENT_VALUE_LIST}
    from (select pg_advisory_xact_lock(${sql.lit(EVENT_ORDER_LOCK)})) as locked,
      json_populate_recordset(null::order_events, ${v.log_events}::json) with ordinality as e
    where exists (select 1 from ${sql.table(gate)})
    order by e.ordinality
    returning ${EVENT_COLUMN_LIST}
  )`;
}

// The column lists as one piece of SQL each: fewer nodes for Kysely to build and compile per order.
const EVENT_VALUE_LIST = sql.raw(EVENT_VALUES.map((c) => `"${c}"`).join(', '));
const EVENT_COLUMN_LIST = sql.raw(ORDER_EVENT_COLUMNS.map((c) => `"${c}"`).join(', '));

export async function eventsOf(
  db: Executor,
  orderId: string,
  filter: { visibility?: Visibility; types?: readonly OrderEventRow['type'][] } = {},
): Promise<OrderEventRow[]> {
  let query = db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('id');
  if (filter.visibility) query = query.where('visibility', '=', filter.visibility);
  if (filter.types) query = query.where('type', 'in', [...filter.types]);
  return query.execute();
}

/** Order events after `afterId` (up to `untilId`), oldest first, with the order's number and customer. */
export async function eventsAfter(
  db: Executor,
  afterId: number,
  { untilId, limit, scope }: { untilId?: number | undefined; limit: number; scope: StreamScope },
): Promise<FeedRow[]> {
  let query = db
    .selectFrom('order_events as e')
    .innerJoin('orders as o', 'o.id', 'e.order_id')
    .selectAll('e')
    .select(['o.order_number', 'o.customer_id'])
    .where('e.id', '>', afterId)
    .orderBy('e.id')
    .limit(limit);
  if (untilId !== undefined) query = query.where('e.id', '<=', untilId);
  switch (scope.kind) {
    case 'all':
      break;
    case 'customer':
      query = query.where('o.customer_id', '=', scope.userId).where('e.visibility', '=', 'customer');
      break;
    case 'order':
      query = query.where('e.order_id', '=', scope.orderId).where('e.type', 'in', [...TRACKER_STREAM_TYPES]);
      break;
  }
  return query.execute();
}

export async function latestEventId(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('order_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}
