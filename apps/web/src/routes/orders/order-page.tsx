import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Order } from '@igniflo/contract';
import { CopyButton } from '../../components/copy-button.tsx';
import { DownloadButton } from '../../components/download-button.tsx';
import { DeliveryCard } from '../../components/delivery-card.tsx';
import { ItemsChange } from '../../components/items-change.tsx';
import { Packages } from '../../components/packages.tsx';
import { OrderLoader } from '../../components/order-loader.tsx';
import { NoteList } from '../../components/note-list.tsx';
import { OrderBanner } from '../../components/order-banner.tsx';
import { OrderLines } from '../../components/order-lines.tsx';
import { OrderMedia } from '../../components/order-media.tsx';
import { OrderRequest } from '../../components/order-request.tsx';
import { OrderStepper, stepOf } from '../../components/order-stepper.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { PaymentBadge } from '../../components/payment-badge.tsx';
import { ReasonDialog } from '../../components/reason-dialog.tsx';
import { StatusAnnouncer } from '../../components/status-announcer.tsx';
import { STATUS_LABEL, StatusBadge } from '../../components/status-badge.tsx';
import { statusChanges, Timeline } from '../../components/timeline.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card, CardTitle } from '../../components/ui/card.tsx';
import { notify } from '../../components/ui/toaster.tsx';
import { useOrderActions, useOrderHistory } from '../../hooks/api/orders.ts';
import { formatTime } from '../../lib/api.ts';
import { ReturnsCard } from './returns-card.tsx';

export function OrderPage() {
  const id = useParams().id ?? '';
  return (
    <OrderLoader id={id} back={{ to: '/orders', label: 'See your orders' }}>
      {(order) => <CustomerOrder order={order} />}
    </OrderLoader>
  );
}

/** A customer's own order: where it is, what is in it, where it goes, and what they can still do. */
function CustomerOrder({ order }: { order: Order }) {
  const history = useOrderHistory(order.id);
  const events = history.data?.items ?? [];
  const actions = useOrderActions(order);
  const [cancelling, setCancelling] = useState(false);
  const timeline = statusChanges(events);
  const canCancel = order.allowedTransitions.includes('CANCELLED');
  return (
    <section aria-labelledby="order-title" className="flex max-w-4xl flex-col gap-4">
      <div>
        <div className="flex flex-wrap items-center gap-2">
          <PageHeading id="order-title" title={`Order ${order.orderNumber}`} className="my-0" />
          <CopyButton value={order.orderNumber} label="Copy order number" />
        </div>
        <p className="m-0 text-muted-foreground">Placed {formatTime(order.createdAt)}</p>
        <p className="status-line flex flex-wrap items-center gap-2">
          <span>
            Status: <StatusBadge status={order.status} />
          </span>
          <span>
            Payment: <PaymentBadge status={order.paymentStatus} />
          </span>
        </p>
        <StatusAnnouncer sentence={`Order ${order.orderNumber} is now ${STATUS_LABEL[order.status]}.`} />
      </div>
      <OrderBanner order={order} history={events} />
      {order.status !== 'CANCELLED' && <OrderStepper step={stepOf(order.status, timeline)} />}
      <div className="grid gap-4 md:grid-cols-[2fr_1fr]">
        <div className="flex flex-col gap-4">
          <ItemsChange history={events} reader="customer" />
          <Card aria-labelledby="items-title">
            <CardTitle id="items-title">Items</CardTitle>
            <OrderRequest order={order} />
            <OrderLines
              order={order}
              empty="The shop is pricing your request. The quote shows here, with its total, as soon as it is ready."
            />
          </Card>
        </div>
        <div className="flex flex-col gap-4">
          <DeliveryCard order={order} />
          <Packages shipments={order.shipments} />
          {(order.status === 'DELIVERED' || order.status === 'COMPLETED') && <ReturnsCard order={order} />}
          <Card className="flex flex-col items-start gap-2">
            <DownloadButton path={`/orders/${order.id}/invoice.pdf`} busyLabel="Preparing the invoice…">
              Download invoice (PDF)
            </DownloadButton>
            <Link to={`/track/${order.orderNumber}`}>Public tracking page</Link>
            <span className="text-sm text-muted-foreground">
              Anyone with the order number can follow it there, without signing in.
            </span>
            {canCancel && (
              <Button variant="destructive-outline" size="sm" onClick={() => setCancelling(true)}>
                Cancel order
              </Button>
            )}
          </Card>
        </div>
      </div>
      <ReasonDialog
        open={cancelling}
        onOpenChange={setCancelling}
        title={`Cancel order ${order.orderNumber}?`}
        description="The shop stops preparing it and puts the items back on sale. This cannot be undone."
        confirmLabel="Cancel order"
        destructive
        pending={actions.cancel.isPending}
        error={actions.cancel.error}
        onConfirm={(reason) =>
          actions.cancel.mutate(reason, {
            onSuccess: () => {
              setCancelling(false);
              notify('success', `Order ${order.orderNumber} is cancelled.`);
            },
          })
        }
      />
      <section aria-labelledby="messages-title">
        <h2 id="messages-title">Messages from the shop</h2>
        <NoteList events={events} showVisibility={false} />
      </section>
      <OrderMedia
        orderId={order.id}
        reader="customer"
        delivered={order.status === 'DELIVERED' || order.status === 'COMPLETED'}
      />
      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <Timeline entries={timeline} />
      </section>
    </section>
  );
}
