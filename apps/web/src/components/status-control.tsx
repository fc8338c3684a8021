import { useState } from 'react';
import type { Order, OrderStatus } from '@igniflo/contract';
import { ReasonDialog } from './reason-dialog.tsx';
import { STATUS_LABEL } from './status-badge.tsx';
import { Button } from './ui/button.tsx';
import { notify } from './ui/toaster.tsx';

type Move = (move: { status: OrderStatus; note?: string }, done: { onSuccess: () => void }) => void;

/** How a move is offered: forward moves as they are, a resume by where it goes, stops behind a dialog. */
export function moveLabel(order: Order, to: OrderStatus): string {
  if (order.status === 'ON_HOLD' && to !== 'CANCELLED') return `Resume: back to ${STATUS_LABEL[to]}`;
  if (to === 'ON_HOLD') return 'Put on hold…';
  if (to === 'CANCELLED') return 'Cancel order…';
  return `Move to ${STATUS_LABEL[to]}`;
}

/**
 * The moves the server says this order can take now, and only those (Vendure's state control):
 * a hold or a cancellation asks why first, and a cancellation looks destructive.
 */
export function StatusControl({
  order,
  move,
  pending,
  error,
}: {
  order: Order;
  move: Move;
  pending: boolean;
  error: Error | null;
}) {
  const [stopping, setStopping] = useState<'ON_HOLD' | 'CANCELLED' | null>(null);
  const moved = (to: OrderStatus) => () => {
    setStopping(null);
    notify('success', `Order ${order.orderNumber} moved to ${STATUS_LABEL[to]}.`);
  };
  return (
    <>
      <div className="flex flex-wrap gap-2" role="group" aria-label="Move the order">
        {order.allowedTransitions.length === 0 && (
          <p className="m-0">No further moves: this order is finished.</p>
        )}
        {order.allowedTransitions.map((to) => (
          <Button
            key={to}
            variant={to === 'CANCELLED' ? 'destructive-outline' : to === 'ON_HOLD' ? 'secondary' : 'default'}
            disabled={pending}
            onClick={() =>
              to === 'ON_HOLD' || to === 'CANCELLED'
                ? setStopping(to)
                : move({ status: to }, { onSuccess: moved(to) })
            }
          >
            {moveLabel(order, to)}
          </Button>
        ))}
      </div>
      {error && !stopping && <p role="alert">{error.message}</p>}
      <ReasonDialog
        key={stopping ?? 'none'}
        open={stopping !== null}
        onOpenChange={(open) => !open && setStopping(null)}
        title={
          stopping === 'CANCELLED'
            ? `Cancel order ${order.orderNumber}?`
            : `Put order ${order.orderNumber} on hold?`
        }
        description={
          stopping === 'CANCELLED'
            ? 'Its items go back on sale and the customer is told. This cannot be undone.'
            : 'Work on it stops until someone resumes it; the customer sees the reason.'
        }
        confirmLabel={stopping === 'CANCELLED' ? 'Cancel order' : 'Put on hold'}
        destructive={stopping === 'CANCELLED'}
        reasonRequired
        pending={pending}
        error={error}
        onConfirm={(note) => stopping && move({ status: stopping, note }, { onSuccess: moved(stopping) })}
      />
    </>
  );
}
