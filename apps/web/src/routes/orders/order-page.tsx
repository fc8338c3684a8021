import { useParams } from 'react-router';
import { NoteList } from '../../components/note-list.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { Timeline } from '../../components/timeline.tsx';
import { useOrder, useOrderHistory } from '../../hooks/api/orders.ts';
import { formatMoney } from '../../lib/api.ts';
import { Skeleton } from '../../components/list-state.tsx';

export function OrderPage() {
  const id = useParams().id ?? '';
  const order = useOrder(id);
  const history = useOrderHistory(id);
  if (order.isPending) return <Skeleton label="Loading the order" />;
  if (order.isLoadingError) return <p role="alert">This order could not be found.</p>;
  const timeline = (history.data?.items ?? []).flatMap((e) =>
    e.toStatus ? [{ status: e.toStatus, at: e.at }] : [],
  );
  return (
    <section aria-labelledby="order-title">
      <h1 id="order-title">Order {order.data.orderNumber}</h1>
      <p aria-live="polite">
        Status: <StatusBadge status={order.data.status} />
      </p>
      <ul className="rows">
        {order.data.items.map((item) => (
          <li key={`${item.sku}-${item.name}`}>
            <span>{item.name}</span>
            <span>× {item.quantity}</span>
            <span>{formatMoney(item.unitPriceCents * item.quantity, order.data.currency)}</span>
          </li>
        ))}
      </ul>
      <p>Total: {formatMoney(order.data.totalCents, order.data.currency)}</p>
      <h2>Messages</h2>
      <NoteList events={history.data?.items ?? []} showVisibility={false} />
      <h2>History</h2>
      <Timeline entries={timeline} />
    </section>
  );
}
