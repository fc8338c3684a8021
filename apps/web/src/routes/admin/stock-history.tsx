import { Link } from 'react-router';
import type { Product } from '@igniflo/contract';
import { ListState, ShowMore } from '../../components/list-state.tsx';
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
} from '../../components/ui/table.tsx';
import { useProductLedger } from '../../hooks/api/products.ts';
import { formatTime } from '../../lib/api.ts';
import { cn } from '../../lib/cn.ts';

/** A product's stock history (its ledger), newest first: every move, why, for which order, by whom. */
export function StockHistory({ product }: { product: Product }) {
  const ledger = useProductLedger(product.id);
  return (
    <section aria-labelledby={`history-${product.id}`} className="flex flex-col gap-2">
      <h3 id={`history-${product.id}`} className="m-0 text-base">
        Stock history
      </h3>
      <ListState list={ledger} what="the stock history" empty="No stock has moved yet." />
      {ledger.items.length > 0 && (
        <TableContainer>
          <Table>
            <TableCaption className="sr-only">Stock changes of {product.name}, newest first</TableCaption>
            <TableHeader className="max-sm:sr-only">
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead className="text-right">Change</TableHead>
                <TableHead>Reason</TableHead>
                <TableHead>Order</TableHead>
                <TableHead>By</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {ledger.items.map((entry) => (
                <TableRow key={entry.id}>
                  <TableCell label="When">{formatTime(entry.at)}</TableCell>
                  <TableCell
                    label="Change"
                    className={cn(
                      'text-right font-semibold tabular-nums',
                      entry.delta < 0 && 'text-destructive',
                    )}
                  >
                    {entry.delta > 0 ? `+${entry.delta}` : `−${-entry.delta}`}
                  </TableCell>
                  <TableCell label="Reason">{entry.reason}</TableCell>
                  <TableCell label="Order">
                    {entry.orderId ? (
                      <Link to={`/staff/orders/${entry.orderId}`}>{entry.orderNumber ?? 'Order'}</Link>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell label="By">
                    {entry.actorName ?? (entry.actorId ? 'Former user' : 'System')}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <ShowMore list={ledger} />
    </section>
  );
}
