import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Order } from '@igniflo/contract';
import { ORDER_STATUSES } from '@igniflo/contract/constants';
import { BulkMove } from '../../components/bulk-move.tsx';
import { columnsOf, PagedTable } from '../../components/data-table.tsx';
import { FilterForm, FilterInput, FilterSelect } from '../../components/filter-form.tsx';
import { orderColumns } from '../../components/order-columns.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { DownloadButton } from '../../components/download-button.tsx';
import { PaymentBadge } from '../../components/payment-badge.tsx';
import { STATUS_LABEL } from '../../components/status-badge.tsx';
import { ordersExportPath, useAllOrders } from '../../hooks/api/orders.ts';
import { useUrlFilter } from '../../lib/url-state.ts';

const FILTERS = ['q', 'status', 'from', 'to'] as const;
const STATUS_OPTIONS = [
  { value: '', label: 'Any' },
  ...ORDER_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] })),
];

const col = columnsOf<Order>();
const columns = col.columns([
  col.accessor('orderNumber', {
    header: 'Order',
    meta: { alwaysShown: true },
    cell: ({ row }) => <Link to={`/staff/orders/${row.original.id}`}>{row.original.orderNumber}</Link>,
  }),
  orderColumns.placed,
  col.accessor((order) => order.customer?.name ?? order.customerName ?? '', {
    id: 'customer',
    header: 'Customer',
    cell: ({ row: { original: order }, getValue }) => (
      <span className="flex flex-col">
        <span>{getValue() || <span className="text-muted-foreground">unknown</span>}</span>
        {order.customer?.email && (
          <span className="text-sm break-all text-muted-foreground">{order.customer.email}</span>
        )}
      </span>
    ),
  }),
  col.accessor((order) => order.shippingAddress?.name ?? '', {
    id: 'shipTo',
    header: 'Ship to',
    cell: ({ row: { original: order }, getValue }) =>
      order.shippingAddress ? (
        <span className="flex flex-col">
          <span>{getValue()}</span>
          <span className="text-sm text-muted-foreground">
            {order.shippingAddress.city}, {order.shippingAddress.country}
          </span>
        </span>
      ) : (
        <span className="text-muted-foreground">none</span>
      ),
  }),
  orderColumns.total,
  orderColumns.status,
  col.accessor('paymentStatus', {
    header: 'Payment',
    cell: ({ getValue }) => <PaymentBadge status={getValue()} />,
  }),
]);

/**
 * Every order, newest first, for staff and admins: search (order number, customer name or email,
 * SKU, tracking number) and filters kept in the address, rows selected for "Move to…"; each
 * order opens on the staff order page.
 */
export function OrdersList({ nav, title }: { nav?: ReactNode; title: string }) {
  const [filter, setFilter] = useUrlFilter(FILTERS);
  const status = ORDER_STATUSES.find((s) => s === filter.status) ?? '';
  const orders = useAllOrders({ ...filter, status });
  return (
    <section aria-labelledby="all-orders-title">
      {nav}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <PageHeading id="all-orders-title" title={title} />
        <DownloadButton path={ordersExportPath({ ...filter, status })} busyLabel="Exporting…">
          Export CSV
        </DownloadButton>
      </div>
      <FilterForm filter={filter} onApply={setFilter} submitLabel="Filter">
        <FilterInput
          id="orders-q"
          label="Order, customer, email, SKU or tracking no."
          type="search"
          name="q"
          filter={filter}
        />
        <FilterSelect
          id="orders-status"
          label="Status"
          name="status"
          filter={filter}
          options={STATUS_OPTIONS}
        />
        <FilterInput
          id="orders-from"
          label="From"
          type="date"
          name="from"
          filter={filter}
          className="max-sm:flex-1"
        />
        <FilterInput
          id="orders-to"
          label="To"
          type="date"
          name="to"
          filter={filter}
          className="max-sm:flex-1"
        />
      </FilterForm>
      <PagedTable
        list={orders}
        what="orders"
        empty="No orders match these filters."
        columns={columns}
        caption="Orders, newest first"
        captionHidden
        getRowId={(order) => order.id}
        rowName={(order) => `order ${order.orderNumber}`}
        bulkActions={(selected, select) => <BulkMove selected={selected} select={select} />}
      />
    </section>
  );
}

/** The order list for staff (admins have it under Admin too). */
export function StaffOrdersPage() {
  return <OrdersList title="Orders" />;
}
