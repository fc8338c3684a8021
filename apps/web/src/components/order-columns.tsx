import type { Order } from '@igniflo/contract';
import { formatMoney, formatTime } from '../lib/api.ts';
import { columnsOf } from './data-table.tsx';
import { STATUS_LABEL, StatusBadge } from './status-badge.tsx';

const col = columnsOf<Order>();

/** Columns every table of orders shows alike; the status sorts by its label, as it reads. */
export const orderColumns = {
  placed: col.accessor('createdAt', { header: 'Placed', cell: ({ getValue }) => formatTime(getValue()) }),
  total: col.accessor('totalCents', {
    header: 'Total',
    cell: ({ row }) => formatMoney(row.original.totalCents, row.original.currency),
  }),
  status: col.accessor((order) => STATUS_LABEL[order.status], {
    id: 'status',
    header: 'Status',
    cell: ({ row }) => <StatusBadge status={row.original.status} />,
  }),
};
