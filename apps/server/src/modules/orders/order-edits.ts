/**
 * Edits of an order's lines (SPEC §12), and custom requests priced by one: one transaction on the
 * locked order, the stock difference through inventory, the lines replaced with the version raised
 * (so no rendered order goes stale, order-list.ts), and an `items_edited` event the customer reads.
 */
import { ErrorCode, type EditItemsBody, type Order, type OrderStatus } from '@igniflo/contract';
import { now, type Db } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../lib/errors.ts';
import type { Inventory } from '../inventory/inventory.service.ts';
import type { OrderLog } from '../order-log/order-log.ts';
import { productLookup } from '../products/product-lookup.ts';
import { shipmentDirectory } from '../shipments/shipment-directory.ts';
import { presentOrder, type Actor } from './order-access.ts';
import { describeEdit, editedLines, isCustomLine, stockLines, totalOf } from './order-edit-lines.ts';
import { itemsOf, lockOrder, replaceItemsAtVersion } from './orders.repository.ts';

/** Statuses whose items may still change: nothing has shipped yet. */
export const EDITABLE: readonly OrderStatus[] = ['PENDING', 'CONFIRMED', 'IN_PROGRESS', 'ON_HOLD'];

export function createOrderEdits({
  db,
  inventory,
  orderLog,
}: {
  db: Db;
  inventory: Inventory;
  orderLog: OrderLog;
}) {
  return {
    /**
     * Replaces the order's lines. Refused (409) once anything has shipped or when `version` is not
     * the order's; an edit that changes no line changes nothing, note included.
     */
    async editItems(actor: Actor, id: string, body: EditItemsBody): Promise<Order> {
      if (actor.role !== 'STAFF' && actor.role !== 'ADMIN') throw forbidden();
      return transaction(db, async (tx) => {
        // Locked until the commit: a shipment or a move to SHIPPED waits for the edit, or the edit for it.
        const order = await lockOrder(tx, id);
        if (!order) throw notFound('Order');
        if (body.version !== undefined && body.version !== order.version) {
          throw conflict('The order was changed by someone else; reload and try again');
        }
        if (!EDITABLE.includes(order.status)) {
          throw new AppError(
            ErrorCode.INVALID_TRANSITION,
            409,
            `The items of an order in ${order.status} can no longer change; only before anything ships`,
            [{ status: order.status, editable: EDITABLE }],
          );
        }
        if ((await shipmentDirectory.count(tx, order.id)) > 0) {
          throw conflict('A package of this order has already left: its items can no longer change');
        }
        if (body.items.length === 0 && !order.title && !order.description) {
          throw invalid('Only a custom order (one with a title or description) may have no items', [
            { path: '/items' },
          ]);
        }
        const productIds = [
          ...new Set(body.items.flatMap((line) => (isCustomLine(line) ? [] : [line.productId]))),
        ];
        const products = new Map((await productLookup.byIds(tx, productIds)).map((p) => [p.id, p]));
        const before = (await itemsOf(tx, [order.id])).get(order.id) ?? [];
        const after = editedLines(before, body.items, products, order.currency);
        const totals = { before: order.total_cents, after: totalOf(after) };
        const change = describeEdit(before, after, totals, order.currency);
        if (change === null) return presentOrder(tx, order, actor.role);
        if (totals.after < order.refunded_cents) {
          throw conflict('The new total would be below what was already refunded of this order', [
            { totalCents: totals.after, refundedCents: order.refunded_cents },
          ]);
        }

        const at = now();
        await inventory.exchange(tx, stockLines(before), stockLines(after), {
          reason: 'order edited',
          orderId: order.id,
          actorId: actor.id,
          at,
        });
        const updated = await replaceItemsAtVersion(tx, order.id, order.version, after, {
          total_cents: totals.after,
          updated_at: at,
        });
        if (!updated) throw new Error('a locked order changed its version');
        const result = await presentOrder(tx, updated, actor.role);
        await orderLog.append(tx, order, [
          {
            type: 'items_edited',
            from_status: null,
            to_status: null,
            actor_id: actor.id,
            note: body.note?.trim() ? `${change}\n${body.note.trim()}` : change,
            visibility: 'customer',
            at,
          },
        ]);
        return result;
      });
    },
  };
}
