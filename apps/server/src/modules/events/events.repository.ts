import type { Executor } from '../../platform/db/database.ts';
import type { OrderEventRow } from '../orders/orders.table.ts';

/** Who a stream is for: staff and admin see every order event; a customer their own orders'; a tracker one order's status. */
export type StreamScope =
  { kind: 'all' } | { kind: 'customer'; userId: string } | { kind: 'order'; orderId: string };

export interface FeedRow extends OrderEventRow {
  order_number: string;
  customer_id: string;
}

export const TRACKED_TYPES = ['created', 'status_changed'] as const;

/** Order events after `afterId` (up to `untilId`), oldest first, with the order's number and customer. */
export async function eventsAfter(
  db: Executor,
  afterId: number,
  { untilId, limit, scope }: { untilId?: number; limit: number; scope: StreamScope },
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
      query = query.where('e.order_id', '=', scope.orderId).where('e.type', 'in', [...TRACKED_TYPES]);
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
