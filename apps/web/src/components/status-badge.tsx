import type { OrderStatus } from '@igniflo/contract';

export const STATUS_LABEL: Record<OrderStatus, string> = {
  PENDING: 'Received',
  CONFIRMED: 'Confirmed',
  IN_PROGRESS: 'Being prepared',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  COMPLETED: 'Completed',
  ON_HOLD: 'On hold',
  CANCELLED: 'Cancelled',
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`badge badge-${status.toLowerCase()}`}>{STATUS_LABEL[status]}</span>;
}
