/**
 * Shipments (SPEC §11): the packages an order leaves in and their tracking. Owns `shipments`,
 * `shipment_items` and `shipment_events`. Every change runs through `orders.fulfil`: one
 * transaction, the order locked, its version raised, the order's status following its packages,
 * and the change in the order log.
 */
import type {
  AddShipmentEventBody,
  CarrierEventBody,
  CarrierEventResult,
  CreateShipmentBody,
  OrderStatus,
  Shipment,
  ShipmentStatus,
} from '@igniflo/contract';
import { now, type Db, type Tx } from '../../platform/db/database.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { ErrorCode } from '@igniflo/contract';
import { newId } from '../../lib/ids.ts';
import type { Actor, OrdersService } from '../orders/orders.service.ts';
import { eventData } from '../order-log/order-log.ts';
import {
  allDelivered,
  assertEventFollows,
  assertFits,
  describeShipment,
  describeStatus,
  isFinal,
  SHIPPABLE,
  statusAfterShipping,
  summed,
  unshippedOf,
} from './shipment-rules.ts';
import {
  findByTrackingNumber,
  findShipment,
  hasEvent,
  insertShipment,
  insertShipmentEvent,
  shipmentCount,
  shipmentsOf,
  shippedQuantities,
  updateShipment,
} from './shipments.repository.ts';
import { toShipment } from './shipments.mapper.ts';
import type { ShipmentRow } from './shipments.table.ts';

export type ShipmentsService = ReturnType<typeof createShipmentsService>;

/** A status report on one package, from staff or a carrier. */
interface Report {
  status: ShipmentStatus;
  at: string;
  location: string | null;
  note: string | null;
  source: 'staff' | 'carrier';
}

/** Times compared as one text: "…T10:00:00Z" and "…T10:00:00.000Z" are the same report. */
const normalTime = (at: string): string => new Date(at).toISOString();

const isStaff = (actor: Actor) => actor.role === 'STAFF' || actor.role === 'ADMIN';

export function createShipmentsService({ db, orders }: { db: Db; orders: OrdersService }) {
  async function loaded(tx: Tx, orderId: string, shipmentId: string): Promise<Shipment> {
    const shipment = (await shipmentsOf(tx, [orderId])).get(orderId)?.find((s) => s.row.id === shipmentId);
    if (!shipment) throw notFound('Shipment');
    return toShipment(shipment);
  }

  /**
   * Records a report on a package in the order's transaction: the package takes the status unless
   * a later report already set it; a SHIPPED order whose packages are all delivered is DELIVERED.
   * Undefined when the same report was recorded before (nothing changes).
   */
  async function record(
    tx: Tx,
    order: { id: string; status: OrderStatus },
    shipment: ShipmentRow,
    report: Report,
  ) {
    if (await hasEvent(tx, shipment.id, report.status, report.at)) return undefined;
    assertEventFollows(shipment.status, report.status);
    await insertShipmentEvent(tx, { ...report, shipment_id: shipment.id, created_at: now() });
    if (report.at >= shipment.status_at) {
      await updateShipment(tx, shipment.id, {
        status: report.status,
        status_at: report.at,
        ...(report.status === 'DELIVERED' ? { delivered_at: report.at } : {}),
      });
    }
    const statuses = (await shipmentsOf(tx, [order.id])).get(order.id)?.map((s) => s.row.status) ?? [];
    return {
      status: order.status === 'SHIPPED' && allDelivered(statuses) ? ('DELIVERED' as const) : undefined,
      events: [
        {
          type: 'shipment_updated' as const,
          note: describeStatus(shipment.number, report.status, report.location),
          visibility: 'customer' as const,
          data: eventData({
            shipment: {
              id: shipment.id,
              number: shipment.number,
              status: report.status,
              location: report.location,
            },
          }),
        },
      ],
    };
  }

  return {
    async create(actor: Actor, orderId: string, body: CreateShipmentBody): Promise<Shipment> {
      if (!isStaff(actor)) throw forbidden();
      return orders.fulfil(actor.id, orderId, async (tx, order, items) => {
        if (!SHIPPABLE.includes(order.status)) {
          throw new AppError(
            ErrorCode.INVALID_TRANSITION,
            409,
            `An order in ${order.status} cannot ship; it must be IN_PROGRESS or PARTIALLY_SHIPPED`,
          );
        }
        const lines = items.map((item) => ({ productId: item.product_id, quantity: item.quantity }));
        const unshipped = unshippedOf(lines, await shippedQuantities(tx, order.id));
        const requested = summed(body.items);
        assertFits(requested, unshipped);
        for (const [productId, quantity] of requested) {
          unshipped.set(productId, (unshipped.get(productId) ?? 0) - quantity);
        }
        const at = now();
        const number = (await shipmentCount(tx, order.id)) + 1;
        const id = newId();
        await insertShipment(
          tx,
          {
            id,
            order_id: order.id,
            number,
            carrier: body.carrier,
            tracking_number: body.trackingNumber,
            tracking_url: body.trackingUrl ?? null,
            status: 'LABEL_CREATED',
            status_at: at,
            estimated_from: body.estimatedDelivery?.from ?? null,
            estimated_to: body.estimatedDelivery?.to ?? null,
            created_at: at,
            shipped_at: at,
            delivered_at: null,
          },
          [...requested].map(([productId, quantity]) => ({ product_id: productId, quantity })),
          { status: 'LABEL_CREATED', at, location: null, note: null, source: 'staff', created_at: at },
        );
        const units = [...requested.values()].reduce((sum, quantity) => sum + quantity, 0);
        return {
          result: await loaded(tx, order.id, id),
          status: statusAfterShipping(unshipped),
          events: [
            {
              type: 'shipment_created',
              note: describeShipment(number, body.carrier, body.trackingNumber, units),
              visibility: 'customer',
              data: eventData({
                shipment: {
                  id,
                  number,
                  status: 'LABEL_CREATED',
                  carrier: body.carrier,
                  trackingNumber: body.trackingNumber,
                  trackingUrl: body.trackingUrl ?? null,
                },
              }),
            },
          ],
        };
      });
    },

    /** Staff report a package's status. The same status at the same time again changes nothing. */
    async addEvent(
      actor: Actor,
      orderId: string,
      shipmentId: string,
      body: AddShipmentEventBody,
    ): Promise<Shipment> {
      if (!isStaff(actor)) throw forbidden();
      return orders.fulfil(actor.id, orderId, async (tx, order) => {
        const shipment = await findShipment(tx, order.id, shipmentId);
        if (!shipment) throw notFound('Shipment');
        const report: Report = {
          status: body.status,
          at: normalTime(body.at ?? now()),
          location: body.location ?? null,
          note: body.note ?? null,
          source: 'staff',
        };
        const change = await record(tx, order, shipment, report);
        return { result: await loaded(tx, order.id, shipmentId), ...(change ?? { events: [] }) };
      });
    },

    /**
     * A carrier's signed report (the route checks the signature). Unknown tracking numbers and
     * finished packages are ignored; a report seen before changes nothing.
     */
    async carrierEvent(body: CarrierEventBody): Promise<CarrierEventResult['result']> {
      const matches = await findByTrackingNumber(db, body.trackingNumber, body.carrier);
      const report: Report = {
        status: body.status,
        at: normalTime(body.at),
        location: body.location ?? null,
        note: null,
        source: 'carrier',
      };
      let result: CarrierEventResult['result'] = 'ignored';
      for (const match of matches) {
        const applied = await orders.fulfil(null, match.order_id, async (tx, order) => {
          const shipment = await findShipment(tx, order.id, match.id);
          if (!shipment) return { result: 'ignored' as const, events: [] };
          if (await hasEvent(tx, shipment.id, report.status, report.at)) {
            return { result: 'duplicate' as const, events: [] };
          }
          if (isFinal(shipment.status)) return { result: 'ignored' as const, events: [] };
          const change = await record(tx, order, shipment, report);
          return { result: 'applied' as const, ...(change ?? { events: [] }) };
        });
        if (applied === 'applied' || (applied === 'duplicate' && result === 'ignored')) result = applied;
      }
      return result;
    },
  };
}
