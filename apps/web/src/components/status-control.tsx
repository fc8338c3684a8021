import { useState, type ReactNode } from 'react';
import type { Order, OrderStatus } from '@igniflo/contract';
import { ReasonDialog } from './reason-dialog.tsx';
import { STATUS_LABEL } from './status-badge.tsx';
import { Button } from './ui/button.tsx';
import { notify } from './ui/toaster.tsx';

/**
 * Sends a move; resolves when the server took it. A promise rather than mutate's callbacks: a card
 * that changes column is a new component, and mutate's callbacks die with the old one.
 */
export type Move = (move: { status: OrderStatus; note?: string }) => Promise<unknown>;

/** How a move is offered: forward moves as they are, a resume by where it goes, stops behind a dialog. */
export function moveLabel(order: Order, to: OrderStatus): string {
  if (order.status === 'ON_HOLD' && to !== 'CANCELLED') return `Resume: back to ${STATUS_LABEL[to]}`;
  if (to === 'ON_HOLD') return 'Put on hold…';
  if (to === 'CANCELLED') return 'Cancel order…';
  return `Move to ${STATUS_LABEL[to]}`;
}

/**
 * One way to move an order, from a button, a menu or a drop: a hold or a cancellation asks why
 * first (the customer reads it), anything else goes at once; a toast says it is done.
 */
export function useStatusMove(
  order: Order,
  move: Move,
  {
    pending,
    error,
    onRefused,
  }: { pending: boolean; error: Error | null; onRefused?: (error: unknown) => void },
): { request: (to: OrderStatus) => void; dialog: ReactNode; asking: boolean } {
  const [stopping, setStopping] = useState<'ON_HOLD' | 'CANCELLED' | null>(null);
  const moved = (to: OrderStatus) => () => {
    setStopping(null);
    notify('success', `Order ${order.orderNumber} moved to ${STATUS_LABEL[to]}.`);
  };
  // A refusal shows where the caller put it (beside the buttons, or a toast on the board).
  const send = (to: OrderStatus, note?: string) =>
    void move({ status: to, note }).then(moved(to), (e) => onRefused?.(e));
  const request = (to: OrderStatus) => (to === 'ON_HOLD' || to === 'CANCELLED' ? setStopping(to) : send(to));
  const dialog = (
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
      error={stopping ? error : null}
      onConfirm={(note) => stopping && send(stopping, note)}
    />
  );
  return { request, dialog, asking: stopping !== null };
}

/**
 * The moves the server says this order can take now, and only those (Vendure's state control),
 * a cancellation styled as destructive.
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
  const { request, dialog, asking } = useStatusMove(order, move, { pending, error });
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
            onClick={() => request(to)}
          >
            {moveLabel(order, to)}
          </Button>
        ))}
      </div>
      {error && !asking && <p role="alert">{error.message}</p>}
      {dialog}
    </>
  );
}
