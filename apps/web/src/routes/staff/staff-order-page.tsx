import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { Order } from '@igniflo/contract';
import { Assignment } from '../../components/assignment.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { DownloadButton } from '../../components/download-button.tsx';
import { DeliveryCard } from '../../components/delivery-card.tsx';
import { ItemsChange } from '../../components/items-change.tsx';
import { LoadError } from '../../components/list-state.tsx';
import { OrderLoader } from '../../components/order-loader.tsx';
import { NoteList } from '../../components/note-list.tsx';
import { OrderBanner } from '../../components/order-banner.tsx';
import { OrderLines } from '../../components/order-lines.tsx';
import { OrderMedia } from '../../components/order-media.tsx';
import { OrderRequest } from '../../components/order-request.tsx';
import { Packages } from '../../components/packages.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { PaymentBadge } from '../../components/payment-badge.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { StatusControl } from '../../components/status-control.tsx';
import { statusChanges, Timeline } from '../../components/timeline.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card, CardTitle } from '../../components/ui/card.tsx';
import { useOrderActions, useOrderHistory } from '../../hooks/api/orders.ts';
import { useOrderMessages } from '../../hooks/api/messages.ts';
import { useShipmentActions } from '../../hooks/api/shipments.ts';
import { formatTime } from '../../lib/api.ts';
import { EditItems } from './edit-items-dialog.tsx';
import { messageEntries } from './message-entries.ts';
import { PackageEventForm } from './package-event-form.tsx';
import { OrderReturnsCard, PaymentCard } from './payment-card.tsx';
import { ShipItemsForm } from './ship-items-form.tsx';

export function StaffOrderPage() {
  const id = useParams().id ?? '';
  return (
    <OrderLoader id={id} back={{ to: '/staff', label: 'Back to the order board' }}>
      {(order) => <StaffOrder order={order} />}
    </OrderLoader>
  );
}

/** Vendure's layout: lines, notes and history in the main column; status, delivery and shipment beside. */
function StaffOrder({ order }: { order: Order }) {
  const history = useOrderHistory(order.id);
  const events = history.data?.items ?? [];
  const actions = useOrderActions(order);
  const shipping = useShipmentActions(order);
  const messages = useOrderMessages(order.id, history.data?.items.length);
  const timeline = [...statusChanges(events), ...messageEntries(messages.data?.items ?? [])];
  const updateError = actions.update.error;

  return (
    <section aria-labelledby="staff-order-title" className="flex flex-col gap-4">
      <div>
        <Link to="/staff" className="text-sm">
          ← Order board
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <PageHeading id="staff-order-title" title={`Order ${order.orderNumber}`} className="my-0" />
          <CopyButton value={order.orderNumber} label="Copy order number" />
          <div className="flex flex-wrap gap-2 sm:ml-auto">
            <DownloadButton path={`/orders/${order.id}/packing-slip.pdf`} busyLabel="Preparing…">
              Packing slip (PDF)
            </DownloadButton>
            <DownloadButton path={`/orders/${order.id}/invoice.pdf`} busyLabel="Preparing…">
              Invoice (PDF)
            </DownloadButton>
          </div>
        </div>
        <p className="m-0 flex flex-wrap items-center gap-2 text-muted-foreground">
          Placed {formatTime(order.createdAt)}
          <span className="status-line text-foreground">
            Status: <StatusBadge status={order.status} />
          </span>
          <PaymentBadge status={order.paymentStatus} />
        </p>
      </div>
      <OrderBanner order={order} history={events} />
      <StatusControl
        order={order}
        move={(move) => actions.move.mutateAsync(move)}
        pending={actions.move.isPending}
        error={actions.move.error}
      />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="flex flex-col gap-4">
          <Card aria-labelledby="items-title">
            <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
              <CardTitle id="items-title" className="mb-0">
                Items
              </CardTitle>
              <EditItems order={order} />
            </div>
            <OrderRequest order={order} />
            <OrderLines
              order={order}
              empty="No items yet: price this request to send the customer a quote."
            />
          </Card>
          <ItemsChange history={events} reader="staff" />
          <Notes events={events} actions={actions} />
          <OrderMedia orderId={order.id} reader="staff" />
          <section aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            <Timeline entries={timeline} />
            {messages.isLoadingError && (
              <LoadError
                what="the messages to the customer"
                error={messages.error}
                retry={messages.refetch}
              />
            )}
          </section>
        </div>
        <div className="flex flex-col gap-4">
          <Card>
            <Assignment
              order={order}
              assign={(patch) => actions.update.mutate(patch)}
              busy={actions.update.isPending}
            />
          </Card>
          <CustomerCard order={order} />
          <PaymentCard
            order={order}
            markPaid={() => actions.update.mutate({ paymentReceived: true })}
            busy={actions.update.isPending}
          />
          <OrderReturnsCard orderId={order.id} />
          <DeliveryCard order={order} />
          <Packages
            shipments={order.shipments}
            extra={(index) => {
              const shipment = order.shipments[index];
              return shipment ? (
                <PackageEventForm
                  number={shipment.number}
                  pending={shipping.addEvent.isPending}
                  add={(body) => shipping.addEvent.mutateAsync({ ...body, shipmentId: shipment.id })}
                />
              ) : null;
            }}
          />
          {shipping.addEvent.error && <p role="alert">{shipping.addEvent.error.message}</p>}
          {(order.status === 'IN_PROGRESS' || order.status === 'PARTIALLY_SHIPPED') && (
            <ShipItemsForm
              order={order}
              ship={(body) => shipping.create.mutateAsync(body)}
              pending={shipping.create.isPending}
              error={shipping.create.error}
            />
          )}
          {updateError && <p role="alert">{updateError.message}</p>}
        </div>
      </div>
    </section>
  );
}

type Actions = ReturnType<typeof useOrderActions>;

function Notes({ events, actions }: { events: Parameters<typeof NoteList>[0]['events']; actions: Actions }) {
  const [note, setNote] = useState('');
  const [internal, setInternal] = useState(true);
  const add = (event: FormEvent) => {
    event.preventDefault();
    actions.note.mutate(
      { body: note, visibility: internal ? 'internal' : 'customer' },
      // Only the note sent is cleared: what was typed meanwhile stays.
      { onSuccess: (_result, sent) => setNote((current) => (current === sent.body ? '' : current)) },
    );
  };
  return (
    <Card aria-labelledby="notes-title">
      <CardTitle id="notes-title">Notes</CardTitle>
      <form onSubmit={add} className="flex flex-col gap-2">
        <label htmlFor="note">Note</label>
        <textarea
          id="note"
          className="p-2"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={5000}
          required
        />
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
          Internal (hidden from the customer)
        </label>
        {actions.note.error && <p role="alert">{actions.note.error.message}</p>}
        <Button type="submit" className="self-start" disabled={actions.note.isPending}>
          Add note
        </Button>
      </form>
      <NoteList events={events} showVisibility />
    </Card>
  );
}

/** Who to write to or call about this order: the account as it is now, on the order itself. */
function CustomerCard({ order }: { order: Order }) {
  const customer = order.customer;
  return (
    <Card aria-labelledby="customer-title" className="flex flex-col gap-1">
      <CardTitle id="customer-title">Customer</CardTitle>
      <span className="font-medium">{customer?.name ?? order.customerName ?? 'Unknown'}</span>
      {customer?.email && <a href={`mailto:${customer.email}`}>{customer.email}</a>}
      {customer?.phone && <a href={`tel:${customer.phone}`}>{customer.phone}</a>}
      {!customer?.email && !customer?.phone && (
        <span className="text-muted-foreground">No email or phone on the account.</span>
      )}
    </Card>
  );
}
