import type { Refund, Return } from '@igniflo/contract';
import type { NumberedRefund } from './refunds.repository.ts';
import type { RefundRow, ReturnItemRow, ReturnRow } from './returns.table.ts';

/** A return as read with its items and the refund that settled it. */
export interface LoadedReturn {
  row: ReturnRow;
  items: ReturnItemRow[];
  refund: RefundRow | undefined;
}

export const toReturn = ({ row, items, refund }: LoadedReturn): Return => ({
  id: row.id,
  orderId: row.order_id,
  orderNumber: row.order_number,
  customerId: row.customer_id,
  number: row.number,
  status: row.status,
  items: items.map((item) => ({
    productId: item.product_id,
    sku: item.sku,
    name: item.name,
    quantity: item.quantity,
    reason: item.reason,
  })),
  customerNote: row.customer_note,
  staffNote: row.staff_note,
  restocked: items.flatMap((item) =>
    item.restocked ? [{ productId: item.product_id, quantity: item.restocked }] : [],
  ),
  refund: refund
    ? {
        id: refund.id,
        amountCents: refund.amount_cents,
        currency: refund.currency,
        createdAt: refund.created_at,
      }
    : null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  approvedAt: row.approved_at,
  rejectedAt: row.rejected_at,
  receivedAt: row.received_at,
  refundedAt: row.refunded_at,
  closedAt: row.closed_at,
});

export const toRefund = (row: NumberedRefund): Refund => ({
  id: row.id,
  orderId: row.order_id,
  returnId: row.return_id,
  returnNumber: row.return_number,
  amountCents: row.amount_cents,
  currency: row.currency,
  reason: row.reason,
  createdAt: row.created_at,
});
