import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import type { Order } from '@igniflo/contract';
import { Skeleton } from '../../components/list-state.tsx';
import { Assignment } from '../../components/assignment.tsx';
import { NoteList } from '../../components/note-list.tsx';
import { OrderMedia } from '../../components/order-media.tsx';
import { STATUS_LABEL, StatusBadge } from '../../components/status-badge.tsx';
import { Timeline } from '../../components/timeline.tsx';
import { useOrder, useOrderActions, useOrderHistory } from '../../hooks/api/orders.ts';
import { formatMoney } from '../../lib/api.ts';

export function StaffOrderPage() {
  const id = useParams().id ?? '';
  const order = useOrder(id);
  if (order.isPending) return <Skeleton label="Loading the order" rows={5} />;
  if (order.isLoadingError) return <p role="alert">This order could not be found.</p>;
  return <StaffOrder order={order.data} />;
}

function StaffOrder({ order }: { order: Order }) {
  const history = useOrderHistory(order.id);
  const actions = useOrderActions(order);
  const [carrier, setCarrier] = useState(order.carrier ?? '');
  const [trackingNumber, setTrackingNumber] = useState(order.trackingNumber ?? '');
  const [note, setNote] = useState('');
  const [internal, setInternal] = useState(true);
  const error = actions.move.error ?? actions.update.error ?? actions.note.error;
  const timeline = (history.data?.items ?? []).flatMap((e) =>
    e.toStatus ? [{ status: e.toStatus, at: e.at }] : [],
  );

  const saveShipment = (event: FormEvent) => {
    event.preventDefault();
    actions.update.mutate({ carrier: carrier.trim() || null, trackingNumber: trackingNumber.trim() || null });
  };
  const addNote = (event: FormEvent) => {
    event.preventDefault();
    actions.note.mutate(
      { body: note, visibility: internal ? 'internal' : 'customer' },
      // Only the note sent is cleared: what was typed meanwhile stays.
      { onSuccess: (_result, sent) => setNote((current) => (current === sent.body ? '' : current)) },
    );
  };

  return (
    <section aria-labelledby="staff-order-title">
      <h1 id="staff-order-title">Order {order.orderNumber}</h1>
      <p aria-live="polite">
        Status: <StatusBadge status={order.status} />
      </p>
      {error && <p role="alert">{error.message}</p>}
      <div className="actions" role="group" aria-label="Move the order">
        {order.allowedTransitions.length === 0 && <p>No further moves: this order is finished.</p>}
        {order.allowedTransitions.map((to) => (
          <button
            key={to}
            type="button"
            disabled={actions.move.isPending}
            onClick={() => actions.move.mutate(to)}
          >
            Move to {STATUS_LABEL[to]}
          </button>
        ))}
      </div>
      <Assignment
        order={order}
        assign={(patch) => actions.update.mutate(patch)}
        busy={actions.update.isPending}
      />
      <ul className="rows">
        {order.items.map((item) => (
          <li key={`${item.sku}-${item.name}`}>
            <span>{item.name}</span>
            <span>× {item.quantity}</span>
          </li>
        ))}
      </ul>
      <p>Total: {formatMoney(order.totalCents, order.currency)}</p>
      <form onSubmit={saveShipment} className="stack narrow">
        <h2>Shipment</h2>
        <label htmlFor="carrier">Carrier</label>
        <input id="carrier" value={carrier} onChange={(e) => setCarrier(e.target.value)} maxLength={100} />
        <label htmlFor="tracking-number">Tracking number</label>
        <input
          id="tracking-number"
          value={trackingNumber}
          onChange={(e) => setTrackingNumber(e.target.value)}
          maxLength={100}
        />
        <button type="submit" disabled={actions.update.isPending}>
          Save shipment
        </button>
      </form>
      <form onSubmit={addNote} className="stack narrow">
        <h2>Notes</h2>
        <label htmlFor="note">Note</label>
        <textarea
          id="note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={5000}
          required
        />
        <label>
          <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />{' '}
          Internal (hidden from the customer)
        </label>
        <button type="submit" disabled={actions.note.isPending}>
          Add note
        </button>
      </form>
      <NoteList events={history.data?.items ?? []} showVisibility />
      <OrderMedia orderId={order.id} />
      <h2>History</h2>
      <Timeline entries={timeline} />
    </section>
  );
}
