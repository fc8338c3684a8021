/**
 * Returns (SPEC §12): a customer asks to send items back, staff approve or reject, receive what
 * arrives (restocking what can be sold again) or close it. Owns `returns` and `return_items`.
 * Every step runs through `orders.fulfil`: the order locked (so two steps on one order queue, and a
 * step is taken once), its version raised, and the step in the order's history.
 */
import type {
  OrderReturns,
  ReceiveReturnBody,
  RequestReturnBody,
  Return,
  ReturnsQuery,
  ReturnStatus,
} from '@igniflo/contract';
import type { Updateable } from 'kysely';
import { now, type Db, type Executor, type Tx } from '../../platform/db/database.ts';
import { forbidden, invalid, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { decodeCursor, DEFAULT_LIMIT, toPage } from '../../lib/pagination.ts';
import type { Inventory } from '../inventory/inventory.service.ts';
import type { Actor, OrdersService } from '../orders/orders.service.ts';
import { eventData } from '../order-log/order-log.ts';
import { refundsOfReturns } from './refunds.repository.ts';
import {
  assertRestockFits,
  assertReturnable,
  assertReturnMove,
  assertWithinWindow,
  describeReturn,
  oneLinePerProduct,
  returnableUnits,
  returnWindowEnd,
  type ReturnAction,
} from './return-rules.ts';
import { toReturn } from './returns.mapper.ts';
import {
  findReturn,
  insertReturn,
  itemsOfReturns,
  listReturns,
  returnCount,
  returnsOfOrder,
  setRestocked,
  unitsInReturns,
  updateReturn,
} from './returns.repository.ts';
import type { ReturnRow, ReturnsTable } from './returns.table.ts';

export type ReturnsService = ReturnType<typeof createReturnsService>;

const isStaff = (actor: Actor) => actor.role === 'STAFF' || actor.role === 'ADMIN';

/** The time each status is reached, as the return's row keeps it. */
const REACHED_AT: Record<Exclude<ReturnStatus, 'REQUESTED'>, keyof ReturnsTable> = {
  APPROVED: 'approved_at',
  REJECTED: 'rejected_at',
  RECEIVED: 'received_at',
  REFUNDED: 'refunded_at',
  CLOSED: 'closed_at',
};

/** A note as stored: trimmed, and null when nothing is left. */
const noteOf = (note: string | undefined): string | null => note?.trim() || null;

/** Returns as the API shows them, each with its items and refund: three queries for any number. */
export async function presentReturns(db: Executor, rows: ReturnRow[]): Promise<Return[]> {
  const ids = rows.map((row) => row.id);
  const [items, refunds] = await Promise.all([itemsOfReturns(db, ids), refundsOfReturns(db, ids)]);
  return rows.map((row) => toReturn({ row, items: items.get(row.id) ?? [], refund: refunds.get(row.id) }));
}

async function presentReturn(db: Executor, id: string): Promise<Return> {
  const row = await findReturn(db, id);
  if (!row) throw notFound('Return');
  const [presented] = await presentReturns(db, [row]);
  if (!presented) throw notFound('Return');
  return presented;
}

/** Moves a return a step on (`extra` adds to the step's change), in the locked order's transaction. */
type StepWork = (tx: Tx, current: ReturnRow, at: string) => Promise<Updateable<ReturnsTable>>;

export function createReturnsService({
  db,
  orders,
  inventory,
  returnWindowDays,
}: {
  db: Db;
  orders: OrdersService;
  inventory: Inventory;
  returnWindowDays: number;
}) {
  /** The return if the actor may see it; another customer's return is "not found". */
  async function visibleReturn(actor: Actor, id: string): Promise<ReturnRow> {
    const row = await findReturn(db, id);
    if (!row || (actor.role === 'CUSTOMER' && row.customer_id !== actor.id)) throw notFound('Return');
    return row;
  }

  async function step(
    actor: Actor,
    id: string,
    action: ReturnAction,
    note: string | undefined,
    extra?: StepWork,
  ): Promise<Return> {
    if (!isStaff(actor)) throw forbidden();
    const found = await findReturn(db, id);
    if (!found) throw notFound('Return');
    const staffNote = noteOf(note);
    return orders.fulfil(actor.id, found.order_id, async (tx) => {
      // Read again under the order's lock: a concurrent step has either committed or not begun.
      const current = await findReturn(tx, id);
      if (!current) throw notFound('Return');
      const to = assertReturnMove(current.number, current.status, action);
      const at = now();
      await updateReturn(tx, id, {
        status: to,
        updated_at: at,
        ...(to !== 'REQUESTED' ? { [REACHED_AT[to]]: at } : {}),
        ...(staffNote ? { staff_note: staffNote } : {}),
        ...(await extra?.(tx, current, at)),
      });
      return {
        result: await presentReturn(tx, id),
        events: [
          {
            type: 'return_updated',
            note: describeReturn(current.number, to, { note: staffNote }),
            visibility: 'customer',
            data: eventData({ return: { id, number: current.number, status: to } }),
          },
        ],
      };
    });
  }

  return {
    /** A customer asks to return items of their own delivered or completed order, within the window. */
    async request(actor: Actor, orderId: string, body: RequestReturnBody): Promise<Return> {
      if (actor.role !== 'CUSTOMER') throw forbidden();
      const order = await orders.visible(actor, orderId);
      const lines = oneLinePerProduct(body.items, '/items');
      for (const [productId, line] of lines) {
        if (!line.reason.trim()) {
          throw invalid('Give a reason for each line', [{ path: '/items', productId }]);
        }
      }
      const requested = new Map([...lines].map(([productId, line]) => [productId, line.quantity]));
      return orders.fulfil(actor.id, order.id, async (tx, locked, items) => {
        assertWithinWindow(
          { status: locked.status, completedAt: locked.completed_at ?? locked.status_updated_at },
          returnWindowDays,
          Date.now(),
        );
        const ordered = items.map((item) => ({ productId: item.product_id, quantity: item.quantity }));
        assertReturnable(requested, returnableUnits(ordered, await unitsInReturns(tx, locked.id)));
        const number = (await returnCount(tx, locked.id)) + 1;
        const id = newId();
        const at = now();
        await insertReturn(
          tx,
          {
            id,
            order_id: locked.id,
            order_number: locked.order_number,
            customer_id: locked.customer_id,
            number,
            status: 'REQUESTED',
            customer_note: noteOf(body.note),
            staff_note: null,
            created_at: at,
            updated_at: at,
          },
          [...lines].map(([productId, line]) => {
            const item = items.find((i) => i.product_id === productId);
            return {
              product_id: productId,
              sku: item?.sku ?? '',
              name: item?.name ?? '',
              quantity: line.quantity,
              reason: line.reason.trim(),
            };
          }),
        );
        const units = [...requested.values()].reduce((sum, quantity) => sum + quantity, 0);
        return {
          result: await presentReturn(tx, id),
          events: [
            {
              type: 'return_requested',
              note: describeReturn(number, 'REQUESTED', { units }),
              visibility: 'customer',
              data: eventData({ return: { id, number, status: 'REQUESTED' } }),
            },
          ],
        };
      });
    },

    /** Staff and admin: every return (by status); a customer: their own. Newest first. */
    async list(actor: Actor, query: ReturnsQuery): Promise<{ items: Return[]; nextCursor: string | null }> {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await listReturns(db, {
        customerId: actor.role === 'CUSTOMER' ? actor.id : undefined,
        status: query.status,
        beforeId: decodeCursor(query.cursor),
        limit,
      });
      const page = toPage(rows, limit, (row) => row);
      return { items: await presentReturns(db, page.items), nextCursor: page.nextCursor };
    },

    async get(actor: Actor, id: string): Promise<Return> {
      const row = await visibleReturn(actor, id);
      return presentReturn(db, row.id);
    },

    /** An order's returns, and what may still be returned of it until when (its page's "Return items"). */
    async ofOrder(actor: Actor, orderId: string): Promise<OrderReturns> {
      const order = await orders.get(actor, orderId);
      const [rows, inReturns] = await Promise.all([
        returnsOfOrder(db, order.id),
        unitsInReturns(db, order.id),
      ]);
      const windowEnd = returnWindowEnd(
        { status: order.status, completedAt: order.completedAt ?? order.statusUpdatedAt },
        returnWindowDays,
      );
      const open = windowEnd !== null && Date.now() <= Date.parse(windowEnd);
      const returnable = open ? returnableUnits(order.items, inReturns) : new Map<string, number>();
      return {
        items: await presentReturns(db, rows),
        returnWindowEndsAt: windowEnd,
        returnable: [...returnable].map(([productId, quantity]) => ({ productId, quantity })),
      };
    },

    approve: (actor: Actor, id: string, note?: string) => step(actor, id, 'approve', note),
    reject: (actor: Actor, id: string, note?: string) => step(actor, id, 'reject', note),
    close: (actor: Actor, id: string, note?: string) => step(actor, id, 'close', note),

    /**
     * The items arrived: the units to restock go back on sale through the ledger (reason `return`),
     * once — a second receive finds the return RECEIVED under the order's lock and is refused.
     */
    receive: (actor: Actor, id: string, body: ReceiveReturnBody) =>
      step(actor, id, 'receive', body.note, async (tx, current, at) => {
        const restock = new Map(
          [...oneLinePerProduct(body.restock, '/restock')].map(([productId, line]) => [
            productId,
            line.quantity,
          ]),
        );
        const items = (await itemsOfReturns(tx, [current.id])).get(current.id) ?? [];
        assertRestockFits(restock, new Map(items.map((item) => [item.product_id, item.quantity])));
        await setRestocked(tx, current.id, restock);
        const lines = [...restock].flatMap(([productId, quantity]) =>
          quantity > 0 ? [{ productId, quantity }] : [],
        );
        await inventory.release(tx, lines, {
          reason: 'return',
          orderId: current.order_id,
          actorId: actor.id,
          at,
        });
        return {};
      }),
  };
}
