import { useParams } from 'react-router';
import { StatusBadge } from '../../components/status-badge.tsx';
import { Timeline } from '../../components/timeline.tsx';
import { useLiveTracking, useTracking } from '../../hooks/api/tracking.ts';
import { ApiError } from '../../lib/api.ts';
import { Skeleton } from '../../components/list-state.tsx';

/** Public tracking: no sign-in, updates live while open. */
export function TrackPage() {
  const orderNumber = (useParams().orderNumber ?? '').toUpperCase();
  const tracking = useTracking(orderNumber);
  const live = useLiveTracking(orderNumber, tracking.isSuccess);

  if (tracking.isPending) return <Skeleton label={`Looking up order ${orderNumber}`} />;
  if (tracking.isLoadingError) {
    const notFound = tracking.error instanceof ApiError && tracking.error.status === 404;
    return (
      <section>
        <h1>Order {orderNumber}</h1>
        <p role="alert">
          {notFound ? 'No order has this number. Check it and try again.' : tracking.error.message}
        </p>
      </section>
    );
  }
  const order = tracking.data;
  return (
    <section aria-labelledby="order-title">
      <h1 id="order-title">Order {order.orderNumber}</h1>
      <p className="status-line" aria-live="polite">
        Status: <StatusBadge status={order.status} />
      </p>
      <p className={`live live-${live}`} role="status">
        {live === 'open'
          ? 'Live: updates appear here as they happen'
          : live === 'reconnecting'
            ? 'Reconnecting…'
            : 'Connecting…'}
      </p>
      {order.carrier && (
        <p>
          Shipped with {order.carrier}
          {order.trackingNumber ? `, tracking number ${order.trackingNumber}` : ''}
        </p>
      )}
      {order.estimatedDelivery && <p>Estimated delivery: {order.estimatedDelivery}</p>}
      <h2>History</h2>
      <Timeline entries={order.timeline} />
    </section>
  );
}
