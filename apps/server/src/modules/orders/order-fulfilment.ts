/**
 * Fulfilment changes other modules make to an order (shipments, SPEC §11): one transaction with the
 * order locked, the other module's work, the order's version raised (so no rendered order goes
 * stale, order-list.ts), its status moved where the work says, and the events in the order log.
 */
import type { OrderStatus } from '@igniflo/contract';
import { now, type Db, type Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { notFound } from '../../lib/errors.ts';
import type { NewEvent, OrderLog } from '../order-log/order-log.ts';
import { itemsOf, lockOrder, updateOrderAtVersion } from './orders.repository.ts';
import type { OrderItemRow, OrderRow } from './orders.table.ts';

/** What a fulfilment change did: its result, the order's new status if it moves, its history entries. */
export interface FulfilmentOutcome<T> {
  result: T;
  status?: OrderStatus | undefined;
  events: Pick<NewEvent, 'type' | 'note' | 'visibility' | 'data'>[];
}

export type FulfilmentWork<T> = (
  tx: Tx,
  order: OrderRow,
  items: OrderItemRow[],
) => Promise<FulfilmentOutcome<T>>;

export function createOrderFulfilment({ db, orderLog }: { db: Db; orderLog: OrderLog }) {
  return {
    /**
     * Runs `work` on the order, locked until the commit (concurrent changes to one order queue here,
     * so checks of what is still unshipped cannot race). Status moves made here are the ones
     * shipments drive (to PARTIALLY_SHIPPED, SHIPPED, DELIVERED), not a person's workflow move.
     * `actorId` is null for a carrier's report.
     */
    async fulfil<T>(actorId: string | null, orderId: string, work: FulfilmentWork<T>): Promise<T> {
      return transaction(db, async (tx) => {
        const order = await lockOrder(tx, orderId);
        if (!order) throw notFound('Order');
        const items = (await itemsOf(tx, [order.id])).get(order.id) ?? [];
        const { result, status, events } = await work(tx, order, items);
        const moves = status !== undefined && status !== order.status;
        // Nothing happened (a report seen before): the order, its version and its history stay.
        if (events.length === 0 && !moves) return result;
        const at = now();
        const updated = await updateOrderAtVersion(tx, order.id, order.version, {
          updated_at: at,
          ...(moves
            ? {
                status,
                held_from_status: null,
                status_updated_at: at,
                ...(status === 'DELIVERED' ? { completed_at: at } : {}),
              }
            : {}),
        });
        if (!updated) throw new Error('a locked order changed its version');
        const logged: NewEvent[] = events.map((event) => ({
          ...event,
          from_status: null,
          to_status: null,
          actor_id: actorId,
          at,
        }));
        if (moves) {
          logged.push({
            type: 'status_changed',
            from_status: order.status,
            to_status: status,
            actor_id: actorId,
            note: null,
            visibility: 'customer',
            at,
          });
        }
        await orderLog.append(tx, order, logged);
        return result;
      });
    },
  };
}
