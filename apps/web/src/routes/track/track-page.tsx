import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import type { Tracking } from '@igniflo/contract';
import { CopyButton } from '../../components/copy-button.tsx';
import { CarrierLine, deliveryDate } from '../../components/delivery-card.tsx';
import { Skeleton } from '../../components/list-state.tsx';
import { OrderStepper, stepOf } from '../../components/order-stepper.tsx';
import { Packages } from '../../components/packages.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { StatusAnnouncer } from '../../components/status-announcer.tsx';
import { STATUS_LABEL, StatusBadge } from '../../components/status-badge.tsx';
import { Timeline } from '../../components/timeline.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { Card } from '../../components/ui/card.tsx';
import { useLiveTracking, useTracking } from '../../hooks/api/tracking.ts';
import { ApiError, formatTime } from '../../lib/api.ts';
import { formatDay, timeAgo, useNow } from '../../lib/time.ts';

/** The headline in plain words (never the raw status), Shopify's and Amazon's way. */
function headline(t: Tracking): string {
  switch (t.status) {
    case 'PENDING':
    case 'CONFIRMED':
      return 'Order received';
    case 'IN_PROGRESS':
      return 'Being prepared';
    case 'PARTIALLY_SHIPPED':
      return 'Partly on its way';
    case 'SHIPPED':
      return t.estimatedDelivery ? `On its way, arriving ${formatDay(t.estimatedDelivery)}` : 'On its way';
    case 'DELIVERED':
    case 'COMPLETED':
      return 'Delivered';
    case 'ON_HOLD':
      return 'On hold';
    case 'CANCELLED':
      return 'Cancelled';
  }
}

/** Keeps search engines off this page: anyone with the number may read it, nobody should find it. */
function useNoIndex() {
  useEffect(() => {
    const meta = document.createElement('meta');
    meta.name = 'robots';
    meta.content = 'noindex, nofollow';
    document.head.append(meta);
    return () => meta.remove();
  }, []);
}

/** Public tracking: no sign-in, updates live while open. Shows no name, address or price. */
export function TrackPage() {
  const orderNumber = (useParams().orderNumber ?? '').toUpperCase();
  const tracking = useTracking(orderNumber);
  const live = useLiveTracking(orderNumber, tracking.isSuccess);
  const now = useNow();
  useNoIndex();

  if (tracking.isPending) return <Skeleton label={`Looking up order ${orderNumber}`} />;
  if (tracking.isLoadingError) {
    const notFound = tracking.error instanceof ApiError && tracking.error.status === 404;
    return (
      <section>
        <PageHeading title={`Order ${orderNumber}`} />
        <p role="alert">
          {notFound ? 'No order has this number. Check it and try again.' : tracking.error.message}
        </p>
        <p>
          <Link to="/track">Look up another order</Link>
        </p>
      </section>
    );
  }
  const order = tracking.data;
  const cancelledAt = order.status === 'CANCELLED' ? order.timeline.at(-1)?.at : undefined;
  return (
    <section aria-labelledby="order-title" className="max-w-2xl">
      <div className="flex flex-wrap items-center gap-2">
        <PageHeading id="order-title" title={`Order ${order.orderNumber}`} className="my-0" />
        <CopyButton value={order.orderNumber} label="Copy order number" />
      </div>
      <p className="my-2 text-2xl font-semibold">{headline(order)}</p>
      <p className="status-line">
        Status: <StatusBadge status={order.status} />
      </p>
      <StatusAnnouncer sentence={`Order ${order.orderNumber} is now ${STATUS_LABEL[order.status]}.`} />

      {order.status === 'ON_HOLD' && (
        <Alert tone="warning" title="This order is on hold">
          The shop has paused it for a moment and will pick it up again; this page shows the change as soon as
          it happens. Questions? Reply to your order confirmation.
        </Alert>
      )}
      {order.status === 'CANCELLED' ? (
        <Alert tone="neutral" title="This order was cancelled">
          {cancelledAt ? `Cancelled ${formatTime(cancelledAt)}. ` : ''}Anything paid for it is refunded to the
          way it was paid.
        </Alert>
      ) : (
        <OrderStepper step={stepOf(order.status, order.timeline)} />
      )}

      <Card className="my-4 flex flex-col gap-2">
        <p className="m-0">{deliveryDate(order)}</p>
        {order.carrier && order.shipments.length === 0 && (
          <CarrierLine carrier={order.carrier} trackingNumber={order.trackingNumber} />
        )}
      </Card>

      <Packages shipments={order.shipments} />

      <p className={live === 'reconnecting' ? 'text-sm text-warning' : 'text-sm text-muted-foreground'}>
        {live === 'open'
          ? 'Live: updates appear here as they happen'
          : live === 'reconnecting'
            ? 'Reconnecting…'
            : 'Connecting…'}
        {' · '}Updated {timeAgo(order.updatedAt, now)}
      </p>
      <h2>History</h2>
      <Timeline entries={order.timeline} />
    </section>
  );
}
