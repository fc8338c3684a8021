/**
 * The shipments module's face for the orders module, which shows an order's packages, ships or
 * delivers the rest of an order moved straight to SHIPPED or DELIVERED, and edits items only of an
 * order with no package yet. Plain functions on the executor they are given, so they join the
 * caller's transaction.
 */
import type { Shipment } from '@igniflo/contract';
import { eventData } from '../order-log/order-log.ts';
import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../lib/ids.ts';
import { describeShipment, describeStatus, summed, unshippedOf, type Line } from './shipment-rules.ts';
import {
  insertShipment,
  insertShipmentEvent,
  openShipments,
  shipmentCount,
  shipmentsOf,
  shippedQuantities,
  updateShipment,
} from './shipments.repository.ts';
import { toShipment } from './shipments.mapper.ts';

/** What the orders module knows of the order being shipped. */
export interface OrderToShip {
  id: string;
  carrier: string | null;
  tracking_number: string | null;
  estimated_delivery: string | null;
}

/** A package's entry for the order's history. */
export interface PackageEvent {
  type: 'shipment_created' | 'shipment_updated';
  note: string;
  data: string;
}

export const shipmentDirectory = {
  /** The packages of each order, numbered, with items and events; one read for all of them. */
  async ofOrders(db: Executor, orderIds: string[]): Promise<Map<string, Shipment[]>> {
    const loaded = await shipmentsOf(db, orderIds);
    return new Map([...loaded].map(([orderId, shipments]) => [orderId, shipments.map(toShipment)]));
  },

  /** How many packages the order has: none until something ships. */
  count: (db: Executor, orderId: string): Promise<number> => shipmentCount(db, orderId),

  /**
   * Ships everything still unshipped as one package, with the order's carrier and tracking number:
   * an order moved to SHIPPED directly. A custom order without items gets one empty package when it
   * has none yet. Returns the order-history event, or null when nothing was left to ship.
   */
  async shipRemainder(
    tx: Executor,
    order: OrderToShip,
    lines: readonly Line[],
    at: string,
  ): Promise<PackageEvent | null> {
    const left = unshippedOf(lines, await shippedQuantities(tx, order.id));
    const items = [...summed([...left].map(([productId, quantity]) => ({ productId, quantity })))].flatMap(
      ([productId, quantity]) => (quantity > 0 ? [{ product_id: productId, quantity }] : []),
    );
    const count = await shipmentCount(tx, order.id);
    if (items.length === 0 && count > 0) return null;
    const number = count + 1;
    const id = newId();
    await insertShipment(
      tx,
      {
        id,
        order_id: order.id,
        number,
        carrier: order.carrier,
        tracking_number: order.tracking_number,
        tracking_url: null,
        status: 'LABEL_CREATED',
        status_at: at,
        estimated_from: null,
        estimated_to: order.estimated_delivery,
        created_at: at,
        shipped_at: at,
        delivered_at: null,
      },
      items,
      { status: 'LABEL_CREATED', at, location: null, note: null, source: 'staff', created_at: at },
    );
    const units = items.reduce((sum, item) => sum + item.quantity, 0);
    return {
      type: 'shipment_created',
      note: describeShipment(number, order.carrier, order.tracking_number, units),
      data: eventData({
        shipment: {
          id,
          number,
          status: 'LABEL_CREATED',
          carrier: order.carrier,
          trackingNumber: order.tracking_number,
          trackingUrl: null,
        },
      }),
    };
  },

  /** Marks every open package delivered: an order moved to DELIVERED by hand. Returns the history events. */
  async deliverAll(tx: Executor, orderId: string, at: string): Promise<PackageEvent[]> {
    const open = await openShipments(tx, orderId);
    for (const shipment of open) {
      await insertShipmentEvent(tx, {
        shipment_id: shipment.id,
        status: 'DELIVERED',
        at,
        location: null,
        note: null,
        source: 'staff',
        created_at: at,
      });
      await updateShipment(tx, shipment.id, { status: 'DELIVERED', status_at: at, delivered_at: at });
    }
    return open.map((shipment) => ({
      type: 'shipment_updated',
      note: describeStatus(shipment.number, 'DELIVERED', null),
      data: eventData({
        shipment: { id: shipment.id, number: shipment.number, status: 'DELIVERED', location: null },
      }),
    }));
  },
};
