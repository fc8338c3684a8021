import { Link } from 'react-router';
import type { Return } from '@igniflo/contract';
import { columnsOf, PagedTable } from '../../components/data-table.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { returnColumns } from '../../components/return-list.tsx';
import { useReturnList } from '../../hooks/api/returns.ts';

const col = columnsOf<Return>();
const columns = col.columns([
  col.accessor('number', {
    header: 'Return',
    meta: { alwaysShown: true },
    cell: ({ row }) => (
      <Link to={`/returns/${row.original.id}`}>
        Return {row.original.number} of order {row.original.orderNumber}
      </Link>
    ),
  }),
  returnColumns.requested,
  returnColumns.items,
  returnColumns.status,
]);

/** The customer's returns, newest first; each opens on its own page. */
export function MyReturnsPage() {
  const returns = useReturnList({ status: '' });
  return (
    <section aria-labelledby="returns-title">
      <Link to="/orders" className="text-sm">
        ← My orders
      </Link>
      <PageHeading id="returns-title" title="My returns" />
      <PagedTable
        list={returns}
        what="your returns"
        empty="You have not returned anything. To return items, open a delivered order."
        columns={columns}
        caption="Your returns, newest first"
        captionHidden
        getRowId={(ret) => ret.id}
      />
    </section>
  );
}
