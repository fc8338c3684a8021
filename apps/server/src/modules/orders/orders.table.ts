import type { Generated, Insertable, Selectable } from 'kysely';
import type { OrderStatus } from '@igniflo/contract';

export interface OrdersTable {
  id: string;
  order_number: string;
  customer_id: string;
  /** The customer's name when the order was placed (see insertOrder). */
  customer_name: string | null;
  title: string | null;
  description: string | null;
  special_instructions: string | null;
  total_cents: number;
  currency: string;
  status: OrderStatus;
  held_from_status: OrderStatus | null;
  payment_received: number;
  /** The sum of the order's refunds, kept in the refund's transaction (SPEC §12). */
  refunded_cents: Generated<number>;
  /** JSON of the Address contract type. */
  shipping_address: string | null;
  carrier: string | null;
  tracking_number: string | null;
  estimated_delivery: string | null;
  assigned_staff_id: string | null;
  created_at: string;
  updated_at: string;
  status_updated_at: string;
  completed_at: string | null;
  cancelled_at: string | null;
  version: number;
}
export type OrderRow = Selectable<OrdersTable>;
/** Every column by name; a Record, so that a column added to the table and not here fails to compile. */
const ORDER_COLUMN_SET: Record<keyof OrdersTable, true> = {
  id: true,
  order_number: true,
  customer_id: true,
  customer_name: true,
  title: true,
  description: true,
  special_instructions: true,
  total_cents: true,
  currency: true,
  status: true,
  held_from_status: true,
  payment_received: true,
  refunded_cents: true,
  shipping_address: true,
  carrier: true,
  tracking_number: true,
  estimated_delivery: true,
  assigned_staff_id: true,
  created_at: true,
  updated_at: true,
  status_updated_at: true,
  completed_at: true,
  cancelled_at: true,
  version: true,
};
export const ORDER_COLUMNS = Object.keys(ORDER_COLUMN_SET) as (keyof OrdersTable)[];
export type NewOrderRow = Insertable<OrdersTable>;

export interface OrderItemsTable {
  id: Generated<number>;
  order_id: string;
  line: number;
  product_id: string | null;
  sku: string;
  name: string;
  unit_price_cents: number;
  quantity: number;
  /** JSON object of option name to value. */
  options: string;
}
export type OrderItemRow = Selectable<OrderItemsTable>;

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  response_status: number;
  response_body: string;
  created_at: string;
}
export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;

/** A key with its answer, and the time before which an earlier claim of it is forgotten. */
export interface KeyClaim {
  row: IdempotencyKeyRow;
  expiredBefore: string;
}
