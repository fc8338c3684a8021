import type { OrderStatus } from '@igniflo/contract';
import { Badge, type Tone } from './ui/badge.tsx';

export const STATUS_LABEL: Record<OrderStatus, string> = {
  PENDING: 'Received',
  CONFIRMED: 'Confirmed',
  IN_PROGRESS: 'Being prepared',
  PARTIALLY_SHIPPED: 'Partly shipped',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  COMPLETED: 'Completed',
  ON_HOLD: 'On hold',
  CANCELLED: 'Cancelled',
};

/**
 * Tones after Vendure's reasoning (UX guide §2): waiting on the shop is a warning, on its way is
 * info, arrived is success, and a cancellation is an outcome, not a failure.
 */
export const STATUS_TONE: Record<OrderStatus, Tone> = {
  PENDING: 'warning',
  ON_HOLD: 'warning',
  CONFIRMED: 'info',
  IN_PROGRESS: 'info',
  PARTIALLY_SHIPPED: 'info',
  SHIPPED: 'info',
  DELIVERED: 'success',
  COMPLETED: 'success',
  CANCELLED: 'neutral',
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{STATUS_LABEL[status]}</Badge>;
}
