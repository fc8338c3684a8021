import { useState, type FormEvent } from 'react';
import type { BulkMoveResult, Order, OrderStatus } from '@igniflo/contract';
import { ORDER_STATUSES } from '@igniflo/contract/constants';
import { useBulkMove } from '../hooks/api/orders.ts';
import { STATUS_LABEL } from './status-badge.tsx';
import { Button } from './ui/button.tsx';
import { Dialog } from './ui/dialog.tsx';
import { Field, inputClass } from './ui/field.tsx';
import { ActionMenu } from './ui/menu.tsx';
import { notify } from './ui/toaster.tsx';

const orders = (n: number) => `${n} order${n === 1 ? '' : 's'}`;

/** The statuses at least one of the orders may move to now, with how many of them may. */
function targets(selected: Order[]): { status: OrderStatus; count: number }[] {
  return ORDER_STATUSES.flatMap((status) => {
    const count = selected.filter((o) => o.allowedTransitions.includes(status)).length;
    return count > 0 ? [{ status, count }] : [];
  });
}

/** One sentence for the toast: how many moved, how many did not. */
export function bulkSummary(results: BulkMoveResult['results'], to: OrderStatus): string {
  const moved = results.filter((r) => r.ok).length;
  const failed = results.length - moved;
  const head = `Moved ${moved} of ${orders(results.length)} to ${STATUS_LABEL[to]}.`;
  return failed === 0 ? head : `${head} ${orders(failed)} did not move.`;
}

/**
 * "Move to…" for the selected orders (the staff list, the board): pick a status, add a note if
 * wanted, then a summary of what moved and what did not, each order that did not with the
 * server's reason. Once it is closed, the ones that did not move stay selected, to try again.
 */
export function BulkMove({ selected, select }: { selected: Order[]; select: (ids: string[]) => void }) {
  const bulk = useBulkMove();
  const [to, setTo] = useState<OrderStatus | null>(null);
  const [note, setNote] = useState('');
  const [results, setResults] = useState<BulkMoveResult['results'] | null>(null);
  // The orders as they were when asked, to name them in the summary after the lists refetch.
  const [asked, setAsked] = useState<Order[]>([]);
  const options = targets(selected);
  const close = () => {
    // Only now: the selection holding this dialog stays until the summary has been read.
    if (results) select(results.filter((r) => !r.ok).map((r) => r.id));
    setTo(null);
    setResults(null);
    setNote('');
    bulk.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!to) return;
    setAsked(selected);
    bulk.mutate(
      { orderIds: selected.map((o) => o.id), status: to, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (answer) => {
          setResults(answer.results);
          notify(answer.results.every((r) => r.ok) ? 'success' : 'error', bulkSummary(answer.results, to));
        },
      },
    );
  };
  const numberOf = (id: string) => asked.find((o) => o.id === id)?.orderNumber ?? id;
  const moved = results?.filter((r) => r.ok) ?? [];
  const failed = results?.filter((r) => !r.ok) ?? [];
  return (
    <>
      <ActionMenu
        label="Move to…"
        aria-label={`Move ${orders(selected.length)} to…`}
        actions={
          options.length > 0
            ? options.map(({ status, count }) => ({
                label: `${STATUS_LABEL[status]} (${count} of ${selected.length})`,
                destructive: status === 'CANCELLED',
                onSelect: () => setTo(status),
              }))
            : [{ label: 'No move fits these orders', onSelect: () => undefined, disabled: true }]
        }
      />
      {to && (
        <Dialog
          open
          onOpenChange={(open) => !open && close()}
          title={results ? 'What moved' : `Move ${orders(selected.length)} to ${STATUS_LABEL[to]}`}
          description={
            results
              ? undefined
              : 'Each order moves by itself; one that may not move from where it is stays, and you are told why.'
          }
        >
          {results ? (
            <div className="flex flex-col gap-2 text-sm">
              <p className="m-0" role="status">
                {bulkSummary(results, to)}
              </p>
              {moved.length > 0 && (
                <>
                  <h3 className="m-0 text-base">Moved</h3>
                  <ul className="m-0 flex flex-wrap gap-x-3 pl-5">
                    {moved.map((r) => (
                      <li key={r.id}>{numberOf(r.id)}</li>
                    ))}
                  </ul>
                </>
              )}
              {failed.length > 0 && (
                <>
                  <h3 className="m-0 text-base">Not moved</h3>
                  <ul className="m-0 pl-5">
                    {failed.map((r) => (
                      <li key={r.id}>
                        {numberOf(r.id)}: {r.error?.message ?? 'refused'}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <Button className="self-end" onClick={close}>
                Done
              </Button>
            </div>
          ) : (
            <form onSubmit={submit} className="flex flex-col gap-3">
              <Field id="bulk-note" label="Note for the history (optional)">
                <textarea
                  id="bulk-note"
                  className={inputClass}
                  rows={3}
                  maxLength={2000}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              </Field>
              {bulk.error && <p role="alert">{bulk.error.message}</p>}
              <div className="flex justify-end gap-2">
                <Button type="button" variant="secondary" onClick={close}>
                  Back
                </Button>
                <Button
                  type="submit"
                  variant={to === 'CANCELLED' ? 'destructive' : 'default'}
                  disabled={bulk.isPending}
                >
                  {bulk.isPending ? 'Moving…' : `Move ${orders(selected.length)}`}
                </Button>
              </div>
            </form>
          )}
        </Dialog>
      )}
    </>
  );
}
