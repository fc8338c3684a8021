/** Packages an order leaves in (SPEC §11): what staff send, what carriers report, what readers see. */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, Text, Timestamp, StringEnum } from './common.ts';
import { SHIPMENT_STATUSES } from './constants.ts';

export { ShipmentStatus, SHIPMENT_STATUSES, FINAL_SHIPMENT_STATUSES } from './constants.ts';
export const ShipmentStatusSchema = StringEnum(SHIPMENT_STATUSES);

const DateOnly = Type.String({ format: 'date' });
const TrackingUrl = Type.String({ format: 'uri', maxLength: 2000, pattern: '^https?://' });

/** A date window, either end open. */
export const DeliveryWindow = Type.Object({ from: Nullable(DateOnly), to: Nullable(DateOnly) });
export type DeliveryWindow = Static<typeof DeliveryWindow>;

export const ShipmentItem = Type.Object({ productId: Id, quantity: Type.Integer() });
export type ShipmentItem = Static<typeof ShipmentItem>;

export const ShipmentEvent = Type.Object({
  status: ShipmentStatusSchema,
  at: Timestamp,
  location: Nullable(Type.String()),
  note: Nullable(Type.String()),
});
export type ShipmentEvent = Static<typeof ShipmentEvent>;

export const Shipment = Type.Object({
  id: Id,
  /** 1, 2, … within the order. */
  number: Type.Integer(),
  items: Type.Array(ShipmentItem),
  carrier: Nullable(Type.String()),
  trackingNumber: Nullable(Type.String()),
  trackingUrl: Nullable(Type.String()),
  status: ShipmentStatusSchema,
  estimatedDelivery: DeliveryWindow,
  /** Oldest first. */
  events: Type.Array(ShipmentEvent),
  createdAt: Timestamp,
  shippedAt: Nullable(Timestamp),
  deliveredAt: Nullable(Timestamp),
});
export type Shipment = Static<typeof Shipment>;

/** A package as the public tracking page sees it: no items, no staff notes. */
export const TrackedShipment = Type.Object({
  number: Type.Integer(),
  carrier: Nullable(Type.String()),
  trackingNumber: Nullable(Type.String()),
  trackingUrl: Nullable(Type.String()),
  status: ShipmentStatusSchema,
  estimatedDelivery: DeliveryWindow,
  events: Type.Array(
    Type.Object({ status: ShipmentStatusSchema, at: Timestamp, location: Nullable(Type.String()) }),
  ),
  shippedAt: Nullable(Timestamp),
  deliveredAt: Nullable(Timestamp),
});
export type TrackedShipment = Static<typeof TrackedShipment>;

export const CreateShipmentBody = Type.Object(
  {
    /** Empty only for an order without items (a custom request). */
    items: Type.Array(
      Type.Object(
        { productId: Id, quantity: Type.Integer({ minimum: 1, maximum: 1000 }) },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
    carrier: Text(100, 1),
    trackingNumber: Text(100, 1),
    trackingUrl: Type.Optional(TrackingUrl),
    estimatedDelivery: Type.Optional(
      Type.Object(
        { from: Type.Optional(DateOnly), to: Type.Optional(DateOnly) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type CreateShipmentBody = Static<typeof CreateShipmentBody>;

export const AddShipmentEventBody = Type.Object(
  {
    status: ShipmentStatusSchema,
    /** When it happened; now when left out. */
    at: Type.Optional(Timestamp),
    location: Type.Optional(Text(200)),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type AddShipmentEventBody = Static<typeof AddShipmentEventBody>;

export const ShipmentParams = Type.Object({ id: Id, shipmentId: Id });

/** An inbound tracking update from a carrier or aggregator, signed (docs/carrier-events.md). */
export const CarrierEventBody = Type.Object(
  {
    trackingNumber: Text(100, 1),
    carrier: Type.Optional(Text(100)),
    status: ShipmentStatusSchema,
    at: Timestamp,
    location: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);
export type CarrierEventBody = Static<typeof CarrierEventBody>;

export const CarrierEventResult = Type.Object({
  /** applied: recorded; duplicate: already recorded; ignored: no package has this tracking number, or it is finished. */
  result: StringEnum(['applied', 'duplicate', 'ignored'] as const),
});
export type CarrierEventResult = Static<typeof CarrierEventResult>;
