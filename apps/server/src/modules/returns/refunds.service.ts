/**
 * Refunds (SPEC §12), recorded rather than sent to a payment processor. Owns `refunds`. Each runs
 * through `orders.fulfil`: with the order locked, the sum of its refunds is checked against its
 * total and raised in the same transaction, so concurrent refunds can never exceed what was paid.
 */
import type { OrderRefunds, RecordRefundBody, Refund } from '@igniflo/contract';
import { now, type Db } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor, OrdersService } from '../orders/orders.service.ts';
import { eventData } from '../order-log/order-log.ts';
import { insertRefund, refundsOfOrder } from './refunds.repository.ts';
import { assertReturnMove, describeRefund, formatMoney } from './return-rules.ts';
import { toRefund } from './returns.mapper.ts';
import { findReturn, updateReturn } from './returns.repository.ts';

export type RefundsService = ReturnType<typeof createRefundsService>;

export function createRefundsService({ db, orders }: { db: Db; orders: OrdersService }) {
  return {
    /** An admin records money given back; naming a RECEIVED return of the order settles it (REFUNDED). */
    async record(actor: Actor, orderId: string, body: RecordRefundBody): Promise<Refund> {
      if (actor.role !== 'ADMIN') throw forbidden();
      const reason = body.reason.trim();
      if (!reason) throw invalid('Give a reason for the refund', [{ path: '/reason' }]);
      return orders.fulfil(actor.id, orderId, async (tx, order) => {
        if (order.payment_received !== 1) {
          throw conflict('Nothing was paid for this order: mark the payment received before refunding it');
        }
        const remaining = order.total_cents - order.refunded_cents;
        if (body.amountCents > remaining) {
          throw conflict(
            `At most ${formatMoney(remaining, order.currency)} of this order can still be refunded`,
            [{ remainingCents: remaining, requestedCents: body.amountCents }],
          );
        }
        const at = now();
        let returnNumber: number | null = null;
        if (body.returnId !== undefined) {
          const settled = await findReturn(tx, body.returnId);
          if (!settled || settled.order_id !== order.id) throw notFound('Return');
          const to = assertReturnMove(settled.number, settled.status, 'refund');
          await updateReturn(tx, settled.id, { status: to, refunded_at: at, updated_at: at });
          returnNumber = settled.number;
        }
        const row = {
          id: newId(),
          order_id: order.id,
          return_id: body.returnId ?? null,
          amount_cents: body.amountCents,
          currency: order.currency,
          reason,
          actor_id: actor.id,
          created_at: at,
        };
        await insertRefund(tx, row);
        return {
          result: toRefund({ ...row, return_number: returnNumber }),
          refundedCents: body.amountCents,
          events: [
            {
              type: 'refund_recorded',
              note: describeRefund(body.amountCents, order.currency, reason, returnNumber),
              visibility: 'customer',
              data: eventData({
                refund: { amountCents: body.amountCents, currency: order.currency, reason },
              }),
            },
          ],
        };
      });
    },

    /** The order's refunds, oldest first, for its owner, staff and admins. */
    async ofOrder(actor: Actor, orderId: string): Promise<OrderRefunds> {
      const order = await orders.visible(actor, orderId);
      return { items: (await refundsOfOrder(db, order.id)).map(toRefund) };
    },
  };
}
