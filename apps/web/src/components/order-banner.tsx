import type { Order, OrderEvent } from '@igniflo/contract';
import { formatTime } from '../lib/api.ts';
import { Alert } from './ui/alert.tsx';

/** The reason given with the move into the order's current status, if there was one. */
export function reasonFor(order: Order, history: OrderEvent[]): string | null {
  const move = [...history].reverse().find((e) => e.toStatus === order.status);
  return move?.note ?? null;
}

/**
 * On hold or cancelled: a banner that says so in the customer's words, with the reason given,
 * what happens next, and (cancelled) the refund (UX guide §1).
 */
export function OrderBanner({ order, history }: { order: Order; history: OrderEvent[] }) {
  const reason = reasonFor(order, history);
  if (order.status === 'ON_HOLD')
    return (
      <Alert tone="warning" title="This order is on hold">
        {reason && <p className="m-0">Reason: {reason}</p>}
        <p className="m-0">
          The shop picks it up again as soon as it can; this page shows the change when it does.
        </p>
      </Alert>
    );
  if (order.status === 'CANCELLED')
    return (
      <Alert tone="neutral" title="This order was cancelled">
        {order.cancelledAt && <p className="m-0">Cancelled {formatTime(order.cancelledAt)}.</p>}
        {reason && <p className="m-0">Reason: {reason}</p>}
        <p className="m-0">
          {order.paymentReceived
            ? 'Your payment is refunded to the way you paid.'
            : 'No payment was taken for this order.'}
        </p>
      </Alert>
    );
  return null;
}
