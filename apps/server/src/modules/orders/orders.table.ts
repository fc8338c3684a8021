import type { Generated, Insertable, Selectable } from 'kysely';
import type { OrderEventType, OrderStatus, Visibility } from '@igniflo/contract';

export interface OrdersTable {
  id: string;
  order_number: string;
  customer_id: string;
  title: string | null;
  description: string | null;
  special_instructions: string | null;
  total_cents: number;
  currency: string;
  status: OrderStatus;
  held_from_status: OrderStatus | null;
  payment_received: number;
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

/** The order history, and the outbox that live events and webhooks are driven from. */
export interface OrderEventsTable {
  id: Generated<number>;
  order_id: string;
  type: OrderEventType;
  from_status: OrderStatus | null;
  to_status: OrderStatus | null;
  actor_id: string | null;
  note: string | null;
  visibility: Visibility;
  at: string;
}
export type OrderEventRow = Selectable<OrderEventsTable>;
/** Every column by name, for prepared() statements, which name what they return (db/prepared.ts). */
export const ORDER_EVENT_COLUMNS = [
  'id',
  'order_id',
  'type',
  'from_status',
  'to_status',
  'actor_id',
  'note',
  'visibility',
  'at',
] as const satisfies readonly (keyof OrderEventsTable)[];
export type NewOrderEventRow = Insertable<OrderEventsTable>;

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  response_status: number;
  response_body: string;
  created_at: string;
}
