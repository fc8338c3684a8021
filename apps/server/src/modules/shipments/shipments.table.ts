import type { Generated, Insertable, Selectable } from 'kysely';
import type { ShipmentStatus } from '@igniflo/contract';

export interface ShipmentsTable {
  id: string;
  order_id: string;
  /** 1, 2, … within the order. */
  number: number;
  carrier: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  status: ShipmentStatus;
  /** When the event the status comes from happened. */
  status_at: string;
  estimated_from: string | null;
  estimated_to: string | null;
  created_at: string;
  shipped_at: string | null;
  delivered_at: string | null;
}
export type ShipmentRow = Selectable<ShipmentsTable>;
export type NewShipmentRow = Insertable<ShipmentsTable>;

export interface ShipmentItemsTable {
  id: Generated<number>;
  shipment_id: string;
  product_id: string;
  quantity: number;
}
export type ShipmentItemRow = Selectable<ShipmentItemsTable>;

export interface ShipmentEventsTable {
  id: Generated<number>;
  shipment_id: string;
  status: ShipmentStatus;
  at: string;
  location: string | null;
  note: string | null;
  /** Who reported it: staff through the API, or a carrier's signed update. */
  source: 'staff' | 'carrier';
  created_at: string;
}
export type ShipmentEventRow = Selectable<ShipmentEventsTable>;
export type NewShipmentEventRow = Insertable<ShipmentEventsTable>;
