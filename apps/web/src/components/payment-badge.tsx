import type { PaymentStatus } from '@igniflo/contract';
import { Badge, type Tone } from './ui/badge.tsx';

/** One adjective each (UX guide §2: "Unpaid", not "Payment not received"). */
export const PAYMENT_LABEL: Record<PaymentStatus, string> = {
  UNPAID: 'Unpaid',
  PAID: 'Paid',
  PARTIALLY_REFUNDED: 'Partly refunded',
  REFUNDED: 'Refunded',
};

const PAYMENT_TONE: Record<PaymentStatus, Tone> = {
  UNPAID: 'warning',
  PAID: 'success',
  PARTIALLY_REFUNDED: 'info',
  REFUNDED: 'neutral',
};

export function PaymentBadge({ status }: { status: PaymentStatus }) {
  return <Badge tone={PAYMENT_TONE[status]}>{PAYMENT_LABEL[status]}</Badge>;
}
