/**
 * Changes to placed orders: workflow moves, field updates, notes, and other modules' changes
 * recorded in the order's history. Each is one transaction with its events in the order log;
 * every change raises the order's version (updateOrderAtVersion), which is what tells readers of
 * rendered orders (order-list.ts) that theirs is stale.
 */
import {
  type AddNoteBody,
  type Order,
  type OrderEvent,
  type OrderStatus,
  type UpdateOrderBody,
  CUSTOMER_EDITABLE,
  STAFF_EDITABLE,
} from '@igniflo/contract';
import { now, type Db, type Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, forbidden, invalid, notFound } from '../../lib/errors.ts';
import type { Inventory } from '../inventory/inventory.service.ts';
import type { NewEvent, OrderLog } from '../order-log/order-log.ts';
import { presentOrder, visibleOrder, type Actor } from './order-access.ts';
import { assertMove } from './order-workflow.ts';
import { toOrderEvent } from './orders.mapper.ts';
import { itemsOf, lockOrder, updateOrderAtVersion } from './orders.repository.ts';
import type { OrderRow, OrdersTable } from './orders.table.ts';
import { shipmentDirectory, type PackageEvent } from '../shipments/shipment-directory.ts';

const changedMeanwhile = () => conflict('The order was changed by someone else; reload and try again');

export interface StatusMove {
  status: OrderStatus;
  note?: string | undefined;
  version?: number | undefined;
}

/** Whether a user may be assigned orders: an active staff member or admin. */
export type StaffCheck = (userId: string) => Promise<boolean>;

export function createOrderChanges(deps: {
  db: Db;
  inventory: Inventory;
  orderLog: OrderLog;
  isActiveStaff: StaffCheck;
}) {
  const { db, inventory, orderLog, isActiveStaff } = deps;

  /** Cancelling puts every reserved unit back, through the ledger. */
  async function returnStock(tx: Tx, orderId: string, actorId: string, at: string) {
    const items = (await itemsOf(tx, [orderId])).get(orderId) ?? [];
    const lines = items.flatMap((item) =>
      item.product_id ? [{ productId: item.product_id, quantity: item.quantity }] : [],
    );
    await inventory.release(tx, lines, { reason: 'order cancelled', orderId, actorId, at });
  }

  /**
   * The packages follow a move made by hand (SPEC §11): to SHIPPED, everything unshipped leaves
   * as one package; to DELIVERED, every open package is delivered. The history events of each.
   */
  async function followPackages(
    tx: Tx,
    order: OrderRow,
    to: OrderStatus,
    at: string,
  ): Promise<PackageEvent[]> {
    if (to === 'DELIVERED') return shipmentDirectory.deliverAll(tx, order.id, at);
    if (to !== 'SHIPPED') return [];
    const items = (await itemsOf(tx, [order.id])).get(order.id) ?? [];
    const lines = items.map((item) => ({ productId: item.product_id, quantity: item.quantity }));
    const shipped = await shipmentDirectory.shipRemainder(tx, order, lines, at);
    return shipped === null ? [] : [shipped];
  }

  return {
    async moveStatus(actor: Actor, id: string, { status: to, note, version }: StatusMove): Promise<Order> {
      return transaction(db, async (tx) => {
        const order = await visibleOrder(tx, actor, id);
        if (version !== undefined && version !== order.version) throw changedMeanwhile();
        assertMove({ status: order.status, heldFrom: order.held_from_status }, to, actor.role);
        const at = now();
        const updated = await updateOrderAtVersion(tx, order.id, order.version, {
          status: to,
          held_from_status: to === 'ON_HOLD' ? order.status : null,
          status_updated_at: at,
          updated_at: at,
          ...(to === 'DELIVERED' || to === 'COMPLETED' ? { completed_at: at } : {}),
          ...(to === 'CANCELLED' ? { cancelled_at: at } : {}),
        });
        if (!updated) throw changedMeanwhile();
        if (to === 'CANCELLED') await returnStock(tx, order.id, actor.id, at);
        const packageEvents = await followPackages(tx, updated, to, at);
        const result = await presentOrder(tx, updated, actor.role);
        await orderLog.append(tx, order, [
          ...packageEvents.map((event): NewEvent => ({
            ...event,
            from_status: null,
            to_status: null,
            actor_id: actor.id,
            visibility: 'customer',
            at,
          })),
          {
            type: 'status_changed',
            from_status: order.status,
            to_status: to,
            actor_id: actor.id,
            note: note ?? null,
            visibility: 'customer',
            at,
          },
        ]);
        return result;
      });
    },

    async update(actor: Actor, id: string, patch: UpdateOrderBody): Promise<Order> {
      const fields = Object.keys(patch) as (keyof UpdateOrderBody)[];
      const customerFields = fields.filter((f) => (CUSTOMER_EDITABLE as readonly string[]).includes(f));
      const staffFields = fields.filter((f) => (STAFF_EDITABLE as readonly string[]).includes(f));
      if (actor.role === 'CUSTOMER' && staffFields.length > 0) {
        throw forbidden(`A customer may not change ${staffFields.join(', ')}`);
      }
      if (actor.role === 'STAFF' && customerFields.length > 0) {
        throw forbidden(`Staff may not change ${customerFields.join(', ')}`);
      }
      if (patch.assignedStaffId && !(await isActiveStaff(patch.assignedStaffId))) {
        throw invalid('assignedStaffId must name an active staff member or admin', [
          { path: '/assignedStaffId' },
        ]);
      }
      return transaction(db, async (tx) => {
        const order = await visibleOrder(tx, actor, id);
        if (customerFields.length > 0 && actor.role === 'CUSTOMER' && order.status !== 'PENDING') {
          throw conflict('An order can only be edited while it is PENDING');
        }
        const at = now();
        const set: Partial<OrdersTable> = { updated_at: at };
        if (patch.title !== undefined) set.title = patch.title.trim();
        if (patch.description !== undefined) set.description = patch.description;
        if (patch.specialInstructions !== undefined) set.special_instructions = patch.specialInstructions;
        if (patch.shippingAddress !== undefined) {
          set.shipping_address = patch.shippingAddress ? JSON.stringify(patch.shippingAddress) : null;
        }
        if (patch.carrier !== undefined) set.carrier = patch.carrier;
        if (patch.trackingNumber !== undefined) set.tracking_number = patch.trackingNumber;
        if (patch.estimatedDelivery !== undefined) set.estimated_delivery = patch.estimatedDelivery;
        if (patch.assignedStaffId !== undefined) set.assigned_staff_id = patch.assignedStaffId;
        if (patch.paymentReceived !== undefined) set.payment_received = patch.paymentReceived ? 1 : 0;
        const updated = await updateOrderAtVersion(tx, order.id, order.version, set);
        if (!updated) throw changedMeanwhile();
        const result = await presentOrder(tx, updated, actor.role);
        await orderLog.append(tx, order, updateEvents(order, patch, fields, actor.id, at));
        return result;
      });
    },

    async addNote(actor: Actor, id: string, { body, visibility }: AddNoteBody): Promise<OrderEvent> {
      return transaction(db, async (tx) => {
        const order = await visibleOrder(tx, actor, id);
        const at = now();
        const [event] = await orderLog.append(tx, order, [
          {
            type: 'note_added',
            from_status: null,
            to_status: null,
            actor_id: actor.id,
            note: body,
            visibility,
            at,
          },
        ]);
        if (!event) throw new Error('note event was not written');
        return toOrderEvent(event);
      });
    },

    /**
     * Runs another module's change to an order (media, for one) in a transaction together with
     * the order event that records it. `work` gets the order as it is now, locked until the
     * commit, so its checks of the order cannot race.
     */
    async recordWith<T>(
      actor: Actor,
      order: OrderRow,
      event: Pick<NewEvent, 'type' | 'note' | 'visibility'>,
      work: (tx: Tx, current: OrderRow) => Promise<T>,
    ): Promise<T> {
      return transaction(db, async (tx) => {
        const current = await lockOrder(tx, order.id);
        if (!current) throw notFound('Order');
        const result = await work(tx, current);
        await orderLog.append(tx, current, [
          { ...event, from_status: null, to_status: null, actor_id: actor.id, at: now() },
        ]);
        return result;
      });
    },
  };
}

/** The events an update writes: what changed for the customer, the assignment, the payment. */
function updateEvents(
  order: OrderRow,
  patch: UpdateOrderBody,
  fields: (keyof UpdateOrderBody)[],
  actorId: string,
  at: string,
): NewEvent[] {
  const event = (type: NewEvent['type'], note: string, visibility: 'customer' | 'internal'): NewEvent => ({
    type,
    from_status: null,
    to_status: null,
    actor_id: actorId,
    note,
    visibility,
    at,
  });
  const events: NewEvent[] = [];
  const changed = fields.filter((f) => f !== 'assignedStaffId' && f !== 'paymentReceived');
  if (changed.length > 0) events.push(event('updated', describeChange(changed), 'customer'));
  if (patch.assignedStaffId !== undefined && patch.assignedStaffId !== order.assigned_staff_id) {
    events.push(event('assigned', patch.assignedStaffId ? 'Assigned' : 'Unassigned', 'internal'));
  }
  if (patch.paymentReceived !== undefined && (patch.paymentReceived ? 1 : 0) !== order.payment_received) {
    events.push(
      event('payment_received', patch.paymentReceived ? 'Payment received' : 'Payment unmarked', 'customer'),
    );
  }
  return events;
}

/** What an update changed, in words a customer reads ("Updated the carrier and the tracking number"). */
const FIELD_WORDS: Record<Exclude<keyof UpdateOrderBody, 'assignedStaffId' | 'paymentReceived'>, string> = {
  title: 'the title',
  description: 'the description',
  specialInstructions: 'the special instructions',
  shippingAddress: 'the shipping address',
  carrier: 'the carrier',
  trackingNumber: 'the tracking number',
  estimatedDelivery: 'the delivery estimate',
};

export function describeChange(fields: (keyof typeof FIELD_WORDS)[]): string {
  const words = fields.map((f) => FIELD_WORDS[f]);
  const list = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : words[0];
  return `Updated ${list}`;
}
