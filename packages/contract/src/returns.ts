/** Returns (RMA) and recorded refunds (SPEC §12): what a customer asks to send back, what staff decide, what admins refund. */
import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, PageQuery, StringEnum, Text, Timestamp } from './common.ts';
import { RETURN_STATUSES } from './constants.ts';

export { ReturnStatus, RETURN_STATUSES } from './constants.ts';
export const ReturnStatusSchema = StringEnum(RETURN_STATUSES);

/** Units of one product: what may still be returned, what was put back on sale. */
export const ProductUnits = Type.Object({ productId: Id, quantity: Type.Integer() });
export type ProductUnits = Static<typeof ProductUnits>;

export const ReturnItem = Type.Object({
  productId: Id,
  sku: Type.String(),
  name: Type.String(),
  quantity: Type.Integer(),
  reason: Type.String(),
});
export type ReturnItem = Static<typeof ReturnItem>;

export const ReturnRefund = Type.Object({
  id: Id,
  amountCents: Type.Integer(),
  currency: Type.String(),
  createdAt: Timestamp,
});

export const Return = Type.Object(
  {
    id: Id,
    orderId: Id,
    orderNumber: Type.String(),
    customerId: Id,
    /** 1, 2, … within the order. */
    number: Type.Integer(),
    status: ReturnStatusSchema,
    items: Type.Array(ReturnItem),
    customerNote: Nullable(Type.String()),
    /** The shop's latest word on the return (why it was rejected, say); the customer reads it. */
    staffNote: Nullable(Type.String()),
    /** Units put back on sale when the items arrived: fewer than returned when some came back damaged. */
    restocked: Type.Array(ProductUnits),
    /** The refund recorded for this return, once REFUNDED. */
    refund: Nullable(ReturnRefund),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    approvedAt: Nullable(Timestamp),
    rejectedAt: Nullable(Timestamp),
    receivedAt: Nullable(Timestamp),
    refundedAt: Nullable(Timestamp),
    closedAt: Nullable(Timestamp),
  },
  { $id: 'Return' },
);
export type Return = Static<typeof Return>;

export const RequestReturnBody = Type.Object(
  {
    /** One line per product. */
    items: Type.Array(
      Type.Object(
        { productId: Id, quantity: Type.Integer({ minimum: 1, maximum: 1000 }), reason: Text(200, 1) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type RequestReturnBody = Static<typeof RequestReturnBody>;

/** Approve, reject, close: an optional note the customer reads. */
export const ReturnNoteBody = Type.Object(
  { note: Type.Optional(Text(2000)) },
  { additionalProperties: false },
);
export type ReturnNoteBody = Static<typeof ReturnNoteBody>;

export const ReceiveReturnBody = Type.Object(
  {
    /** Units of each returned product to put back on sale; a product left out, or 0, is not restocked. */
    restock: Type.Array(
      Type.Object(
        { productId: Id, quantity: Type.Integer({ minimum: 0, maximum: 1000 }) },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type ReceiveReturnBody = Static<typeof ReceiveReturnBody>;

export const ReturnsQuery = Type.Object(
  { status: Type.Optional(ReturnStatusSchema), ...PageQuery },
  { additionalProperties: false },
);
export type ReturnsQuery = Static<typeof ReturnsQuery>;

/** An order's returns, and what may still be returned of it, until when. */
export const OrderReturns = Type.Object(
  {
    items: Type.Array(Return),
    /** The end of the return window: null until the order is DELIVERED or COMPLETED. */
    returnWindowEndsAt: Nullable(Timestamp),
    /** Units of each product that a new return may hold now: none once the window has closed. */
    returnable: Type.Array(ProductUnits),
  },
  { $id: 'OrderReturns' },
);
export type OrderReturns = Static<typeof OrderReturns>;

export const Refund = Type.Object(
  {
    id: Id,
    orderId: Id,
    returnId: Nullable(Id),
    returnNumber: Nullable(Type.Integer()),
    amountCents: Type.Integer(),
    currency: Type.String(),
    reason: Type.String(),
    createdAt: Timestamp,
  },
  { $id: 'Refund' },
);
export type Refund = Static<typeof Refund>;

export const RecordRefundBody = Type.Object(
  {
    amountCents: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
    reason: Text(500, 1),
    /** A RECEIVED return of this order that the refund settles; it becomes REFUNDED. */
    returnId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type RecordRefundBody = Static<typeof RecordRefundBody>;

export const OrderRefunds = Type.Object({ items: Type.Array(Refund) });
export type OrderRefunds = Static<typeof OrderRefunds>;
