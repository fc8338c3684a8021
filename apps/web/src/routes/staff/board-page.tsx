import { PageHeading } from '../../components/page-heading.tsx';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { OrderStatus } from '@igniflo/contract';
import { ORDER_STATUSES } from '@igniflo/contract/constants';
import { STATUS_LABEL } from '../../components/status-badge.tsx';
import { useOrderQueue } from '../../hooks/api/orders.ts';
import { formatTime } from '../../lib/api.ts';
import { Skeleton } from '../../components/list-state.tsx';

const COLUMNS: OrderStatus[] = ['PENDING', 'CONFIRMED', 'IN_PROGRESS', 'ON_HOLD', 'SHIPPED'];

/** The staff queue: open orders by status, with a status filter and search by number or title. */
export function BoardPage() {
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const queue = useOrderQueue({ status, q });
  const columns = status ? [status] : COLUMNS;
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
  };
  return (
    <section aria-labelledby="board-title">
      <PageHeading id="board-title" title="Order board" />
      <form role="search" onSubmit={search} className="search">
        <label htmlFor="board-search">Order number or title</label>
        <input id="board-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <label htmlFor="board-status">Status</label>
        <select
          id="board-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as OrderStatus | '')}
        >
          <option value="">Open orders</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        <button type="submit">Search</button>
      </form>
      {queue.isPending && <Skeleton label="Loading orders" />}
      {queue.isError && <p role="alert">Could not load orders: {queue.error.message}</p>}
      <div className="board">
        {columns.map((column) => {
          const orders = (queue.data?.items ?? []).filter((o) => o.status === column);
          return (
            <section key={column} aria-labelledby={`col-${column}`} className="column">
              <h2 id={`col-${column}`}>
                {STATUS_LABEL[column]} ({orders.length})
              </h2>
              <ul className="rows">
                {orders.map((order) => (
                  <li key={order.id}>
                    <Link to={`/staff/orders/${order.id}`}>Order {order.orderNumber}</Link>
                    <span>{formatTime(order.createdAt)}</span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </section>
  );
}
