import type { Shipment, TrackedShipment } from '@igniflo/contract';
import type { LoadedShipment } from './shipments.repository.ts';

export const toShipment = ({ row, items, events }: LoadedShipment): Shipment => ({
  id: row.id,
  number: row.number,
  items: items.map((item) => ({ productId: item.product_id, quantity: item.quantity })),
  carrier: row.carrier,
  trackingNumber: row.tracking_number,
  trackingUrl: row.tracking_url,
  status: row.status,
  estimatedDelivery: { from: row.estimated_from, to: row.estimated_to },
  events: events.map((event) => ({
    status: event.status,
    at: event.at,
    location: event.location,
    note: event.note,
  })),
  createdAt: row.created_at,
  shippedAt: row.shipped_at,
  deliveredAt: row.delivered_at,
});

/** The public view: what is in the package and staff notes stay out. */
export const toTrackedShipment = (shipment: Shipment): TrackedShipment => ({
  number: shipment.number,
  carrier: shipment.carrier,
  trackingNumber: shipment.trackingNumber,
  trackingUrl: shipment.trackingUrl,
  status: shipment.status,
  estimatedDelivery: shipment.estimatedDelivery,
  events: shipment.events.map(({ status, at, location }) => ({ status, at, location })),
  shippedAt: shipment.shippedAt,
  deliveredAt: shipment.deliveredAt,
});
