/** Reading one order: as its viewer may see it, its history, and the public tracking view. */
import type { Order, OrderCustomer, OrderEvent, Tracking } from '@igniflo/contract';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { TRACKED_TYPES, type OrderLog } from '../order-log/order-log.ts';
import { orderOfNumber, presentOrder, presentOrders, visibleOrder, type Actor } from './order-access.ts';
import { toOrderEvent } from './orders.mapper.ts';
import { findOrdersByIds } from './orders.repository.ts';
import { userDirectory } from '../users/user-directory.ts';
import { shipmentDirectory } from '../shipments/shipment-directory.ts';
import { toTrackedShipment } from '../shipments/shipments.mapper.ts';

export function createOrderReading({ db, orderLog }: { db: Db; orderLog: OrderLog }) {
  return {
    async get(actor: Actor, idOrNumber: string): Promise<Order> {
      return presentOrder(db, await visibleOrder(db, actor, idOrNumber), actor.role);
    },

    /** The orders among `ids` as their own customers see them, by id, read together. */
    async asTheirCustomersSee(ids: string[]): Promise<Map<string, Order>> {
      const orders = await presentOrders(db, await findOrdersByIds(db, [...new Set(ids)]), 'CUSTOMER');
      return new Map(orders.map((order) => [order.id, order]));
    },

    /** The order if the actor may see it; another customer's order is "not found". */
    visible: (actor: Actor, idOrNumber: string) => visibleOrder(db, actor, idOrNumber),

    async history(actor: Actor, id: string): Promise<{ items: OrderEvent[] }> {
      const order = await visibleOrder(db, actor, id);
      if (actor.role === 'CUSTOMER') {
        const rows = await orderLog.history(order.id, { visibility: 'customer' });
        return { items: rows.map(toOrderEvent) };
      }
      // Staff read who did what; customers are not told which staff member it was.
      const rows = await orderLog.history(order.id, {});
      const actors = [...new Set(rows.flatMap((row) => (row.actor_id ? [row.actor_id] : [])))];
      const names = await userDirectory.names(db, actors);
      return {
        items: rows.map((row) => ({
          ...toOrderEvent(row),
          actorName: row.actor_id ? (names.get(row.actor_id) ?? null) : null,
        })),
      };
    },

    /** The customer of an order the actor (staff) may see: name, email and phone to reach them. */
    async customer(actor: Actor, id: string): Promise<OrderCustomer> {
      const order = await visibleOrder(db, actor, id);
      const customer = (await userDirectory.contacts(db, [order.customer_id])).get(order.customer_id);
      if (!customer) throw notFound('Customer');
      return customer;
    },

    /** The id behind a public order number; 404 when there is none. */
    async idOfNumber(orderNumber: string): Promise<string> {
      const order = await orderOfNumber(db, orderNumber);
      if (!order) throw notFound('Order');
      return order.id;
    },

    /** Public tracking: status and packages only; no names, addresses, prices, items or notes. */
    async track(orderNumber: string): Promise<Tracking> {
      const order = await orderOfNumber(db, orderNumber);
      if (!order) throw notFound('Order');
      const [rows, shipments] = await Promise.all([
        orderLog.history(order.id, { types: TRACKED_TYPES }),
        shipmentDirectory.ofOrders(db, [order.id]),
      ]);
      return {
        orderNumber: order.order_number,
        status: order.status,
        timeline: rows.flatMap((e) => (e.to_status ? [{ status: e.to_status, at: e.at }] : [])),
        carrier: order.carrier,
        trackingNumber: order.tracking_number,
        estimatedDelivery: order.estimated_delivery,
        shipments: (shipments.get(order.id) ?? []).map(toTrackedShipment),
        createdAt: order.created_at,
        updatedAt: order.updated_at,
      };
    },
  };
}
