import { PageHeading } from '../../components/page-heading.tsx';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/status-badge.tsx';
import { useMyOrders } from '../../hooks/api/orders.ts';
import { formatMoney, formatTime } from '../../lib/api.ts';
import { Skeleton } from '../../components/list-state.tsx';

export function MyOrdersPage() {
  const orders = useMyOrders();
  return (
    <section aria-labelledby="orders-title">
      <PageHeading id="orders-title" title="My orders" />
      {orders.isPending && <Skeleton label="Loading your orders" />}
      {orders.isError && <p role="alert">Could not load your orders: {orders.error.message}</p>}
      {orders.data?.items.length === 0 && <p>You have no orders yet.</p>}
      <ul className="rows">
        {orders.data?.items.map((order) => (
          <li key={order.id}>
            <Link to={`/orders/${order.id}`}>Order {order.orderNumber}</Link>
            <span>{formatTime(order.createdAt)}</span>
            <span>{formatMoney(order.totalCents, order.currency)}</span>
            <StatusBadge status={order.status} />
          </li>
        ))}
      </ul>
    </section>
  );
}
