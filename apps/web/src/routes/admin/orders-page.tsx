import { PageHeading } from '../../components/page-heading.tsx';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ORDER_STATUSES } from '@igniflo/contract/constants';
import { AdminNav } from '../../components/admin-nav.tsx';
import { ListState, ShowMore, Table } from '../../components/list-state.tsx';
import { STATUS_LABEL, StatusBadge } from '../../components/status-badge.tsx';
import { useAllOrders, type OrderFilter } from '../../hooks/api/orders.ts';
import { formatMoney, formatTime } from '../../lib/api.ts';
import { TextField } from '../../components/field.tsx';

const NO_FILTER: OrderFilter = { status: '', q: '', from: '', to: '' };

/** Every order, newest first, with filters; each opens on the staff order page. */
export function AdminOrdersPage() {
  const [draft, setDraft] = useState(NO_FILTER);
  const [filter, setFilter] = useState(NO_FILTER);
  const orders = useAllOrders(filter);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ ...draft, q: draft.q.trim() });
  };
  return (
    <section aria-labelledby="all-orders-title">
      <AdminNav />
      <PageHeading id="all-orders-title" title="All orders" />
      <form role="search" className="search" onSubmit={apply}>
        <TextField
          id="orders-q"
          label="Order number or title"
          type="search"
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
        <label htmlFor="orders-status">Status</label>
        <select
          id="orders-status"
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value })}
        >
          <option value="">Any</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        <TextField
          id="orders-from"
          label="From"
          type="date"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <TextField
          id="orders-to"
          label="To"
          type="date"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
        <button type="submit">Filter</button>
      </form>
      <ListState list={orders} what="orders" empty="No orders match these filters." />
      <Table label="Orders">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Status</th>
            <th scope="col">Total</th>
            <th scope="col">Placed</th>
          </tr>
        </thead>
        <tbody>
          {orders.items.map((order) => (
            <tr key={order.id}>
              <td>
                <Link to={`/staff/orders/${order.id}`}>{order.orderNumber}</Link>
              </td>
              <td>
                <StatusBadge status={order.status} />
              </td>
              <td>{formatMoney(order.totalCents, order.currency)}</td>
              <td>{formatTime(order.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <ShowMore list={orders} />
    </section>
  );
}
