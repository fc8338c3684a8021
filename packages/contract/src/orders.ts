import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, PageQuery, StringEnum, Text, Timestamp } from './common.ts';

import { ORDER_STATUSES, OrderEventType, PAYMENT_STATUSES } from './constants.ts';
import { Shipment, TrackedShipment } from './shipments.ts';
export { OrderStatus, ORDER_STATUSES } from './constants.ts';
export const OrderStatusSchema = StringEnum(ORDER_STATUSES);
export { PaymentStatus, PAYMENT_STATUSES } from './constants.ts';
export const PaymentStatusSchema = StringEnum(PAYMENT_STATUSES);

export { OrderEventType } from './constants.ts';
export const OrderEventTypeSchema = StringEnum(Object.values(OrderEventType));

export const Visibility = { CUSTOMER: 'customer', INTERNAL: 'internal' } as const;
export type Visibility = (typeof Visibility)[keyof typeof Visibility];
export const VisibilitySchema = StringEnum(['customer', 'internal']);

/** Order number: 10 characters from an alphabet without 0/O/1/I. */
export const ORDER_NUMBER_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const OrderNumber = Type.String({ pattern: '^[2-9A-HJ-NP-Z]{10}$' });

export const Address = Type.Object(
  {
    name: Text(100, 1),
    line1: Text(200, 1),
    line2: Type.Optional(Text(200)),
    city: Text(100, 1),
    region: Type.Optional(Text(100)),
    postalCode: Text(20, 1),
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
  },
  { additionalProperties: false },
);
export type Address = Static<typeof Address>;

const Options = Type.Record(Type.String({ maxLength: 50 }), Type.String({ maxLength: 100 }), {
  maxProperties: 10,
});

export const OrderItemInput = Type.Object(
  {
    productId: Id,
    quantity: Type.Integer({ minimum: 1, maximum: 1000 }),
    options: Type.Optional(Options),
  },
  { additionalProperties: false },
);

export const PlaceOrderBody = Type.Object(
  {
    items: Type.Optional(Type.Array(OrderItemInput, { maxItems: 100 })),
    /** Order the signed-in customer's cart; the cart is emptied when the order is created. */
    fromCart: Type.Optional(Type.Boolean()),
    title: Type.Optional(Text(200, 1)),
    description: Type.Optional(Text(5000)),
    specialInstructions: Type.Optional(Text(2000)),
    shippingAddress: Type.Optional(Address),
  },
  { additionalProperties: false },
);
export type PlaceOrderBody = Static<typeof PlaceOrderBody>;

export const OrderItem = Type.Object({
  productId: Nullable(Id),
  sku: Type.String(),
  name: Type.String(),
  unitPriceCents: Type.Integer(),
  quantity: Type.Integer(),
  options: Type.Record(Type.String(), Type.String()),
});
export type OrderItem = Static<typeof OrderItem>;

/** Who placed an order, for the staff who fulfil it: how to reach them. */
export const OrderCustomer = Type.Object({
  id: Id,
  name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
});
export type OrderCustomer = Static<typeof OrderCustomer>;

export const Order = Type.Object(
  {
    id: Id,
    orderNumber: Type.String(),
    customerId: Id,
    /** The customer's name as it was when the order was placed. */
    customerName: Nullable(Type.String()),
    /** Who placed it and how to reach them, as their account is now: for staff and admins only (SPEC §14). */
    customer: Type.Optional(OrderCustomer),
    items: Type.Array(OrderItem),
    title: Nullable(Type.String()),
    description: Nullable(Type.String()),
    specialInstructions: Nullable(Type.String()),
    totalCents: Type.Integer(),
    currency: Type.String(),
    status: OrderStatusSchema,
    heldFromStatus: Nullable(OrderStatusSchema),
    paymentReceived: Type.Boolean(),
    /** The sum of the refunds recorded on the order (SPEC §12); never more than totalCents. */
    refundedCents: Type.Integer(),
    /** UNPAID until payment is received; PARTIALLY_REFUNDED or REFUNDED once refunds are recorded. */
    paymentStatus: PaymentStatusSchema,
    shippingAddress: Nullable(Address),
    carrier: Nullable(Type.String()),
    trackingNumber: Nullable(Type.String()),
    estimatedDelivery: Nullable(Type.String()),
    assignedStaffId: Nullable(Id),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    statusUpdatedAt: Timestamp,
    completedAt: Nullable(Timestamp),
    cancelledAt: Nullable(Timestamp),
    version: Type.Integer(),
    /** The packages the order left in, numbered 1, 2, … (SPEC §11). */
    shipments: Type.Array(Shipment),
    /** The statuses the requesting user may move this order to now. */
    allowedTransitions: Type.Array(OrderStatusSchema),
  },
  { $id: 'Order' },
);
export type Order = Static<typeof Order>;

export const UpdateOrderBody = Type.Object(
  {
    title: Type.Optional(Text(200, 1)),
    description: Type.Optional(Nullable(Text(5000))),
    specialInstructions: Type.Optional(Nullable(Text(2000))),
    shippingAddress: Type.Optional(Nullable(Address)),
    carrier: Type.Optional(Nullable(Text(100))),
    trackingNumber: Type.Optional(Nullable(Text(100))),
    estimatedDelivery: Type.Optional(Nullable(Type.String({ format: 'date' }))),
    assignedStaffId: Type.Optional(Nullable(Id)),
    paymentReceived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOrderBody = Static<typeof UpdateOrderBody>;

export const CUSTOMER_EDITABLE = ['title', 'description', 'specialInstructions', 'shippingAddress'] as const;
export const STAFF_EDITABLE = [
  'carrier',
  'trackingNumber',
  'estimatedDelivery',
  'assignedStaffId',
  'paymentReceived',
] as const;

export const MoveStatusBody = Type.Object(
  {
    status: OrderStatusSchema,
    note: Type.Optional(Text(2000)),
    /** The version the client last saw: when given, the move applies only if nobody changed the order since. */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type MoveStatusBody = Static<typeof MoveStatusBody>;

/** The most orders one bulk move takes (SPEC §14). */
export const BULK_MOVE_MAX = 200;

export const BulkMoveBody = Type.Object(
  {
    orderIds: Type.Array(Id, { minItems: 1, maxItems: BULK_MOVE_MAX, uniqueItems: true }),
    status: OrderStatusSchema,
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type BulkMoveBody = Static<typeof BulkMoveBody>;

/** Per order, in the order asked: moved, or why not (the error a single move would have answered). */
export const BulkMoveResult = Type.Object(
  {
    results: Type.Array(
      Type.Object({
        id: Id,
        ok: Type.Boolean(),
        error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
      }),
    ),
  },
  { $id: 'BulkMoveResult' },
);
export type BulkMoveResult = Static<typeof BulkMoveResult>;

export const CancelBody = Type.Object({ note: Type.Optional(Text(2000)) }, { additionalProperties: false });

export const AddNoteBody = Type.Object(
  { body: Text(5000, 1), visibility: VisibilitySchema },
  { additionalProperties: false },
);
export type AddNoteBody = Static<typeof AddNoteBody>;

export const OrderEvent = Type.Object(
  {
    id: Type.Integer(),
    orderId: Id,
    type: OrderEventTypeSchema,
    fromStatus: Nullable(OrderStatusSchema),
    toStatus: Nullable(OrderStatusSchema),
    actorId: Nullable(Id),
    /** Who did it, in the history staff read; not on live events or the customer's history. */
    actorName: Type.Optional(Nullable(Type.String())),
    note: Nullable(Type.String()),
    visibility: VisibilitySchema,
    at: Timestamp,
  },
  { $id: 'OrderEvent' },
);
export type OrderEvent = Static<typeof OrderEvent>;

export const OrdersQuery = Type.Object(
  {
    status: Type.Optional(OrderStatusSchema),
    q: Type.Optional(Text(100)),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    assignedTo: Type.Optional(Id),
    customerId: Type.Optional(Id),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type OrdersQuery = Static<typeof OrdersQuery>;

/** The list's filters without its paging: what the CSV export of orders takes. */
export const OrdersExportQuery = Type.Omit(OrdersQuery, ['limit', 'cursor'], { additionalProperties: false });
export type OrdersExportQuery = Static<typeof OrdersExportQuery>;

export const OrderHistory = Type.Object({ items: Type.Array(OrderEvent) });

/** An order by its id or its order number: one path, `/orders/{id}`, for both. */
export const OrderRefParams = Type.Object({
  id: Type.Union([Id, OrderNumber], { description: "The order's id, or its order number" }),
});

export const TrackParams = Type.Object({ orderNumber: Type.String({ minLength: 1, maxLength: 20 }) });

export const Tracking = Type.Object(
  {
    orderNumber: Type.String(),
    status: OrderStatusSchema,
    timeline: Type.Array(Type.Object({ status: OrderStatusSchema, at: Timestamp })),
    carrier: Nullable(Type.String()),
    trackingNumber: Nullable(Type.String()),
    estimatedDelivery: Nullable(Type.String()),
    shipments: Type.Array(TrackedShipment),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Tracking' },
);
export type Tracking = Static<typeof Tracking>;
