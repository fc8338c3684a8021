import type { Return } from '@igniflo/contract';
import { Link } from 'react-router';
import { formatTime } from '../lib/api.ts';
import { columnsOf } from './data-table.tsx';
import { RETURN_STATUS_LABEL, ReturnBadge } from './return-badge.tsx';

/** "2 × Linen shirt, 1 × Enamel mug". */
export const returnedItems = (ret: Pick<Return, 'items'>): string =>
  ret.items.map((item) => `${item.quantity} × ${item.name}`).join(', ');

/** An order's returns, each with its status, what it holds and a link to follow it. */
export function ReturnList({ returns, linkTo }: { returns: Return[]; linkTo: (ret: Return) => string }) {
  if (returns.length === 0) return null;
  return (
    <ul className="m-0 flex list-none flex-col gap-2 p-0">
      {returns.map((ret) => (
        <li
          key={ret.id}
          className="flex flex-col gap-0.5 border-t border-border pt-2 first:border-0 first:pt-0"
        >
          <span className="flex flex-wrap items-center gap-2">
            <Link to={linkTo(ret)} className="font-medium">
              Return {ret.number}
            </Link>
            <ReturnBadge status={ret.status} />
          </span>
          <span className="text-sm">{returnedItems(ret)}</span>
          <span className="text-sm text-muted-foreground">Requested {formatTime(ret.createdAt)}</span>
        </li>
      ))}
    </ul>
  );
}

const col = columnsOf<Return>();

/** Columns every table of returns shows alike; the status sorts by its label, as it reads. */
export const returnColumns = {
  requested: col.accessor('createdAt', {
    header: 'Requested',
    cell: ({ getValue }) => formatTime(getValue()),
  }),
  items: col.accessor((ret) => returnedItems(ret), { id: 'items', header: 'Items' }),
  status: col.accessor((ret) => RETURN_STATUS_LABEL[ret.status], {
    id: 'status',
    header: 'Status',
    cell: ({ row }) => <ReturnBadge status={row.original.status} />,
  }),
};
