/**
 * The contract's plain values, without TypeBox: the web app imports these (and the event stream)
 * from `@igniflo/contract/constants`, so its bundle carries no schemas.
 */
export const ErrorCode = {
  VALIDATION_ERROR: 'VALIDATION_ERROR',
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  REAUTH_REQUIRED: 'REAUTH_REQUIRED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  OVER_FULFILLED: 'OVER_FULFILLED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const OrderStatus = {
  PENDING: 'PENDING',
  CONFIRMED: 'CONFIRMED',
  IN_PROGRESS: 'IN_PROGRESS',
  /** Some items have left in shipments, others not yet (SPEC §11). */
  PARTIALLY_SHIPPED: 'PARTIALLY_SHIPPED',
  SHIPPED: 'SHIPPED',
  DELIVERED: 'DELIVERED',
  COMPLETED: 'COMPLETED',
  ON_HOLD: 'ON_HOLD',
  CANCELLED: 'CANCELLED',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];
export const ORDER_STATUSES = Object.values(OrderStatus);

export const OrderEventType = {
  CREATED: 'created',
  STATUS_CHANGED: 'status_changed',
  UPDATED: 'updated',
  NOTE_ADDED: 'note_added',
  ASSIGNED: 'assigned',
  PAYMENT_RECEIVED: 'payment_received',
  MEDIA_ADDED: 'media_added',
  SHIPMENT_CREATED: 'shipment_created',
  SHIPMENT_UPDATED: 'shipment_updated',
  /** A customer asked to return items (SPEC §12). */
  RETURN_REQUESTED: 'return_requested',
  /** A return was approved, rejected, received or closed. */
  RETURN_UPDATED: 'return_updated',
  REFUND_RECORDED: 'refund_recorded',
  /** Staff changed the order's lines: an edit, or a custom request priced. */
  ITEMS_EDITED: 'items_edited',
} as const;
export type OrderEventType = (typeof OrderEventType)[keyof typeof OrderEventType];

/** A package's status, normalised like the big tracking aggregators (SPEC §11). */
export const ShipmentStatus = {
  LABEL_CREATED: 'LABEL_CREATED',
  IN_TRANSIT: 'IN_TRANSIT',
  OUT_FOR_DELIVERY: 'OUT_FOR_DELIVERY',
  DELIVERED: 'DELIVERED',
  /** Delayed, a failed delivery attempt, lost. */
  EXCEPTION: 'EXCEPTION',
  RETURNED_TO_SENDER: 'RETURNED_TO_SENDER',
} as const;
export type ShipmentStatus = (typeof ShipmentStatus)[keyof typeof ShipmentStatus];
export const SHIPMENT_STATUSES = Object.values(ShipmentStatus);
/** After these a package's status no longer changes. */
export const FINAL_SHIPMENT_STATUSES: readonly ShipmentStatus[] = ['DELIVERED', 'RETURNED_TO_SENDER'];

/** A return (RMA, SPEC §12): asked for, then approved or rejected; approved items come back, then refunded or closed. */
export const ReturnStatus = {
  REQUESTED: 'REQUESTED',
  APPROVED: 'APPROVED',
  REJECTED: 'REJECTED',
  RECEIVED: 'RECEIVED',
  REFUNDED: 'REFUNDED',
  /** Finished without a refund: never sent back, or received and settled otherwise. */
  CLOSED: 'CLOSED',
} as const;
export type ReturnStatus = (typeof ReturnStatus)[keyof typeof ReturnStatus];
export const RETURN_STATUSES = Object.values(ReturnStatus);

/** Where an order's money stands, from paymentReceived and the refunds recorded (SPEC §12). */
export const PaymentStatus = {
  UNPAID: 'UNPAID',
  PAID: 'PAID',
  PARTIALLY_REFUNDED: 'PARTIALLY_REFUNDED',
  REFUNDED: 'REFUNDED',
} as const;
export type PaymentStatus = (typeof PaymentStatus)[keyof typeof PaymentStatus];
export const PAYMENT_STATUSES = Object.values(PaymentStatus);
/** The sku of an order line that is no product (a custom line, priced by staff, SPEC §12). */
export const CUSTOM_SKU = 'CUSTOM';
/** How the history note of a custom request's first pricing begins: the customer's quote is ready. */
export const QUOTE_READY_NOTE = 'Quote ready';

/** The columns of the products CSV, in order: what the export writes and the import reads. */
export const PRODUCT_CSV_COLUMNS = [
  'sku',
  'name',
  'description',
  'priceCents',
  'currency',
  'stock',
  'active',
  'imageUrl',
] as const;

/** The largest products CSV the import takes, and the most rows in it. */
export const PRODUCT_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const PRODUCT_IMPORT_MAX_ROWS = 10_000;
