/** Every query of the shipments tables; only the shipments module writes them. */
import type { Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type {
  NewShipmentEventRow,
  NewShipmentRow,
  ShipmentEventRow,
  ShipmentItemRow,
  ShipmentRow,
  ShipmentsTable,
} from './shipments.table.ts';

/** A shipment with its items and events, as read together. */
export interface LoadedShipment {
  row: ShipmentRow;
  items: ShipmentItemRow[];
  events: ShipmentEventRow[];
}

/**
 * The shipments of these orders, each with its items and events, by order: three queries whatever
 * the number of orders, so a page of orders costs the same as one.
 */
export async function shipmentsOf(db: Executor, orderIds: string[]): Promise<Map<string, LoadedShipment[]>> {
  const byOrder = new Map<string, LoadedShipment[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return byOrder;
  const rows = await db
    .selectFrom('shipments')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .orderBy('order_id')
    .orderBy('number')
    .execute();
  if (rows.length === 0) return byOrder;
  const ids = rows.map((row) => row.id);
  const [items, events] = await Promise.all([
    db.selectFrom('shipment_items').selectAll().where('shipment_id', 'in', ids).orderBy('id').execute(),
    db
      .selectFrom('shipment_events')
      .selectAll()
      .where('shipment_id', 'in', ids)
      .orderBy('at')
      .orderBy('id')
      .execute(),
  ]);
  const loaded = new Map<string, LoadedShipment>(rows.map((row) => [row.id, { row, items: [], events: [] }]));
  for (const item of items) loaded.get(item.shipment_id)?.items.push(item);
  for (const event of events) loaded.get(event.shipment_id)?.events.push(event);
  for (const shipment of loaded.values()) byOrder.get(shipment.row.order_id)?.push(shipment);
  return byOrder;
}

/** Units of each product that have left in this order's shipments. */
export async function shippedQuantities(db: Executor, orderId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('shipment_items')
    .innerJoin('shipments', 'shipments.id', 'shipment_items.shipment_id')
    .select(['shipment_items.product_id', (eb) => eb.fn.sum<number | string>('quantity').as('shipped')])
    .where('shipments.order_id', '=', orderId)
    .groupBy('shipment_items.product_id')
    .execute();
  return new Map(rows.map((row) => [row.product_id, Number(row.shipped)]));
}

export async function shipmentCount(db: Executor, orderId: string): Promise<number> {
  const row = await db
    .selectFrom('shipments')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertShipment(
  db: Executor,
  row: NewShipmentRow,
  items: { product_id: string; quantity: number }[],
  firstEvent: Omit<NewShipmentEventRow, 'shipment_id'>,
): Promise<void> {
  await db.insertInto('shipments').values(row).execute();
  if (items.length > 0) {
    await db
      .insertInto('shipment_items')
      .values(items.map((item) => ({ ...item, shipment_id: row.id })))
      .execute();
  }
  await db
    .insertInto('shipment_events')
    .values({ ...firstEvent, shipment_id: row.id })
    .execute();
}

export const findShipment = (db: Executor, orderId: string, id: string): Promise<ShipmentRow | undefined> =>
  db
    .selectFrom('shipments')
    .selectAll()
    .where('id', '=', id)
    .where('order_id', '=', orderId)
    .executeTakeFirst();

/** Packages with this tracking number (and carrier, when given; compared without case). */
export function findByTrackingNumber(
  db: Executor,
  trackingNumber: string,
  carrier: string | undefined,
): Promise<Pick<ShipmentRow, 'id' | 'order_id'>[]> {
  let query = db
    .selectFrom('shipments')
    .select(['id', 'order_id'])
    .where('tracking_number', '=', trackingNumber);
  if (carrier !== undefined)
    query = query.where((eb) => eb(eb.fn('lower', ['carrier']), '=', carrier.toLowerCase()));
  return query.orderBy('id').execute();
}

/** Whether this status at this time is already recorded for the shipment. */
export async function hasEvent(
  db: Executor,
  shipmentId: string,
  status: string,
  at: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('shipment_events')
    .select('id')
    .where('shipment_id', '=', shipmentId)
    .where('status', '=', status as ShipmentRow['status'])
    .where('at', '=', at)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertShipmentEvent(db: Executor, event: NewShipmentEventRow): Promise<void> {
  await db.insertInto('shipment_events').values(event).execute();
}

export async function updateShipment(
  db: Executor,
  id: string,
  patch: Updateable<ShipmentsTable>,
): Promise<void> {
  await db.updateTable('shipments').set(patch).where('id', '=', id).execute();
}

/** The order's shipments not yet finished (delivered or returned). */
export const openShipments = (db: Executor, orderId: string): Promise<ShipmentRow[]> =>
  db
    .selectFrom('shipments')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('status', 'not in', ['DELIVERED', 'RETURNED_TO_SENDER'])
    .orderBy('number')
    .execute();
