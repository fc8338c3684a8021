import type { Generated, Insertable, Selectable } from 'kysely';
import type { ReturnStatus } from '@igniflo/contract';

export interface ReturnsTable {
  id: string;
  order_id: string;
  order_number: string;
  customer_id: string;
  /** 1, 2, … within the order. */
  number: number;
  status: ReturnStatus;
  customer_note: string | null;
  staff_note: string | null;
  created_at: string;
  updated_at: string;
  approved_at: string | null;
  rejected_at: string | null;
  received_at: string | null;
  refunded_at: string | null;
  closed_at: string | null;
}
export type ReturnRow = Selectable<ReturnsTable>;
export type NewReturnRow = Insertable<ReturnsTable>;

export interface ReturnItemsTable {
  id: Generated<number>;
  return_id: string;
  product_id: string;
  /** The order line's snapshot. */
  sku: string;
  name: string;
  quantity: number;
  reason: string;
  /** Null until the return is received; then the units put back on sale. */
  restocked: number | null;
}
export type ReturnItemRow = Selectable<ReturnItemsTable>;

export interface RefundsTable {
  id: string;
  order_id: string;
  return_id: string | null;
  amount_cents: number;
  /** The order's currency. */
  currency: string;
  reason: string;
  actor_id: string | null;
  created_at: string;
}
export type RefundRow = Selectable<RefundsTable>;
export type NewRefundRow = Insertable<RefundsTable>;
