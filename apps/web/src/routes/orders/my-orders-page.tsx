import { PageHeading } from '../../components/page-heading.tsx';
import { Link } from 'react-router';
import type { Order } from '@igniflo/contract';
import { orderColumns } from '../../components/order-columns.tsx';
import { columnsOf, DataTable } from '../../components/data-table.tsx';
import { useMyOrders } from '../../hooks/api/orders.ts';
import { Skeleton } from '../../components/list-state.tsx';

const col = columnsOf<Order>();
const columns = col.columns([
  col.accessor('orderNumber', {
    header: 'Order',
    meta: { alwaysShown: true },
    cell: ({ row }) => <Link to={`/orders/${row.original.id}`}>Order {row.original.orderNumber}</Link>,
  }),
  orderColumns.placed,
  orderColumns.total,
  orderColumns.status,
]);

export function MyOrdersPage() {
  const orders = useMyOrders();
  return (
    <section aria-labelledby="orders-title">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <PageHeading id="orders-title" title="My orders" />
        <Link to="/returns">My returns</Link>
      </div>
      {orders.isPending && <Skeleton label="Loading your orders" />}
      {orders.isError && <p role="alert">Could not load your orders: {orders.error.message}</p>}
      {orders.data?.items.length === 0 && <p>You have no orders yet.</p>}
      <DataTable
        data={orders.data?.items ?? NO_ORDERS}
        columns={columns}
        caption="Your orders"
        captionHidden
        getRowId={(order) => order.id}
      />
    </section>
  );
}

const NO_ORDERS: Order[] = [];
