import { useEffect } from 'react';
import { Link } from 'react-router';
import { useDraggable } from '@dnd-kit/core';
import { GripVertical } from 'lucide-react';
import type { Order, OrderStatus } from '@igniflo/contract';
import { moveLabel, useStatusMove } from '../../components/status-control.tsx';
import { PaymentBadge } from '../../components/payment-badge.tsx';
import { ActionMenu } from '../../components/ui/menu.tsx';
import { notify } from '../../components/ui/toaster.tsx';
import { useOrderActions } from '../../hooks/api/orders.ts';
import { formatMoney } from '../../lib/api.ts';
import { cn } from '../../lib/cn.ts';
import { timeAgo } from '../../lib/time.ts';

const itemsSummary = (order: Order) => {
  const [first, ...rest] = order.items;
  if (!first) return order.title ?? 'Custom request';
  return `${first.quantity} × ${first.name}${rest.length > 0 ? `, +${rest.length} more` : ''}`;
};

/** What the board's drop asks of a card: move there, if the server allows it. */
export interface CardMoves {
  /** Set by the board when this card is dropped on a column. */
  dropped: OrderStatus | null;
  onDropHandled: () => void;
}

/**
 * An order on the board: number, customer, items, total, time in its status, payment; a "Move to…" menu
 * (the way to move without dragging, WCAG 2.5.7) and a drag handle that works by keyboard too.
 */
export function BoardCard({
  order,
  now,
  drop,
  selection,
}: {
  order: Order;
  now: number;
  drop: CardMoves;
  /** Whether the card is selected for a bulk move, and how to change that. */
  selection: { selected: boolean; onChange: (selected: boolean) => void };
}) {
  const actions = useOrderActions(order);
  const move = useStatusMove(order, (m) => actions.move.mutateAsync(m), {
    pending: actions.move.isPending,
    error: actions.move.error,
    onRefused: (error) =>
      notify(
        'error',
        `Order ${order.orderNumber} did not move: ${error instanceof Error ? error.message : 'refused'}`,
      ),
  });
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: order.id,
    data: { order },
  });

  const { dropped, onDropHandled } = drop;
  useEffect(() => {
    if (!dropped) return;
    onDropHandled();
    if (dropped === order.status) return;
    if (order.allowedTransitions.includes(dropped)) move.request(dropped);
    else notify('error', `Order ${order.orderNumber} cannot move there from where it is.`);
    // Focus stays on the card that was moved, now in its new column.
    requestAnimationFrame(() => document.getElementById(`drag-${order.id}`)?.focus());
  }, [dropped, onDropHandled, order, move]);

  return (
    <li
      ref={setNodeRef}
      style={transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined}
      className={cn(
        'flex flex-col gap-1 rounded-md border border-border bg-card p-2 text-sm shadow-sm',
        isDragging && 'relative z-10 shadow-lg ring-2 ring-ring',
        selection.selected && 'border-primary bg-muted',
      )}
    >
      <div className="flex items-start gap-1">
        <button
          id={`drag-${order.id}`}
          type="button"
          data-slot="drag-handle"
          className="mt-0.5 cursor-grab rounded p-0.5 text-muted-foreground hover:bg-muted"
          aria-label={`Drag order ${order.orderNumber}`}
          {...attributes}
          {...listeners}
        >
          <GripVertical aria-hidden="true" className="size-4" />
        </button>
        <Link to={`/staff/orders/${order.id}`} className="font-semibold">
          Order {order.orderNumber}
        </Link>
        <input
          type="checkbox"
          className="mt-1 ml-auto size-4 shrink-0 accent-primary"
          aria-label={`Select order ${order.orderNumber}`}
          checked={selection.selected}
          onChange={(e) => selection.onChange(e.target.checked)}
        />
      </div>
      {order.customerName && <span className="font-medium">{order.customerName}</span>}
      <span>{itemsSummary(order)}</span>
      <span className="flex flex-wrap items-center gap-x-2 text-muted-foreground">
        <span className="text-foreground">{formatMoney(order.totalCents, order.currency)}</span>·
        <span>in status {timeAgo(order.statusUpdatedAt, now).replace(' ago', '')}</span>
      </span>
      <span className="flex flex-wrap items-center gap-1">
        <PaymentBadge status={order.paymentStatus} />
        {order.allowedTransitions.length > 0 && (
          <ActionMenu
            label="Move to…"
            aria-label={`Move order ${order.orderNumber} to…`}
            actions={order.allowedTransitions.map((to) => ({
              label: moveLabel(order, to),
              destructive: to === 'CANCELLED',
              onSelect: () => move.request(to),
            }))}
          />
        )}
      </span>
      {move.dialog}
    </li>
  );
}
