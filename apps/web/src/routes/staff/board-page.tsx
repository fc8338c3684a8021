import { useCallback, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import type { Order, OrderStatus } from '@igniflo/contract';
import { ORDER_STATUSES } from '@igniflo/contract/constants';
import { LoadError, Skeleton } from '../../components/list-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { STATUS_LABEL } from '../../components/status-badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Field, Input, inputClass } from '../../components/ui/field.tsx';
import { DownloadButton } from '../../components/download-button.tsx';
import { ordersExportPath, useOrderQueue } from '../../hooks/api/orders.ts';
import { cn } from '../../lib/cn.ts';
import { useNow } from '../../lib/time.ts';
import { BoardCard } from './board-card.tsx';
import { BulkMove } from '../../components/bulk-move.tsx';
import { columnKeyboard } from './column-keyboard.ts';

/** Open work in workflow order; delivered, completed and cancelled orders are one filter away. */
const COLUMNS: OrderStatus[] = [
  'PENDING',
  'CONFIRMED',
  'IN_PROGRESS',
  'PARTIALLY_SHIPPED',
  'ON_HOLD',
  'SHIPPED',
];

const label = (id: unknown) =>
  typeof id === 'string' && id in STATUS_LABEL ? STATUS_LABEL[id as OrderStatus] : '';

/** What a screen reader hears while a card is moved by keyboard (dnd-kit's live region). */
function announcements(orders: Order[]): Announcements {
  const number = (id: unknown) => orders.find((o) => o.id === id)?.orderNumber ?? '';
  return {
    onDragStart: ({ active }) =>
      `Picked up order ${number(active.id)}. Arrow keys choose a column, Space drops it, Escape puts it back.`,
    onDragOver: ({ active, over }) =>
      over
        ? `Order ${number(active.id)} is over ${label(over.id)}.`
        : `Order ${number(active.id)} is over no column.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `Order ${number(active.id)} dropped on ${label(over.id)}.`
        : `Order ${number(active.id)} put back.`,
    onDragCancel: ({ active }) => `Moving order ${number(active.id)} was cancelled. It stays where it was.`,
  };
}

/** Where the finished orders are: collapsed to links that open them as one column. */
const FINISHED: OrderStatus[] = ['DELIVERED', 'COMPLETED', 'CANCELLED'];

/**
 * Orders that arrive after the board was shown wait behind a "N new orders" button, so no card
 * jumps under a pointer or a keyboard drag; moves of the orders already shown apply at once.
 */
function useArrivals(orders: Order[], loaded: boolean, view: string) {
  const [shown, setShown] = useState<{ view: string; ids: Set<string> } | null>(null);
  if (loaded && shown?.view !== view) setShown({ view, ids: new Set(orders.map((o) => o.id)) });
  const ids = shown?.view === view ? shown.ids : null;
  return {
    visible: ids ? orders.filter((o) => ids.has(o.id)) : orders,
    waiting: ids ? orders.filter((o) => !ids.has(o.id)) : [],
    showAll: () => setShown({ view, ids: new Set(orders.map((o) => o.id)) }),
  };
}

/** The staff queue as a board: drag a card to a column, or use its "Move to…" menu. */
export function BoardPage() {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as OrderStatus | '';
  const q = params.get('q') ?? '';
  const queue = useOrderQueue({ status, q });
  const now = useNow();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboard }),
  );
  const [dragging, setDragging] = useState<Order | null>(null);
  const [drop, setDrop] = useState<{ id: string; to: OrderStatus } | null>(null);
  const dropHandled = useCallback(() => setDrop(null), []);
  const columns = status ? [status] : COLUMNS;
  const arrivals = useArrivals(queue.data?.items ?? [], queue.isSuccess, `${status}|${q}`);
  const orders = arrivals.visible;
  const waiting = arrivals.waiting.length;
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  // Only cards on the board count: an order that left it (finished, filtered out) is not moved.
  const selected = orders.filter((o) => selectedIds.has(o.id));
  const selection = (ids: string[], on: boolean) =>
    setSelectedIds((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['q', 'status']) {
      const value = data.get(name);
      if (typeof value === 'string' && value.trim()) next.set(name, value.trim());
    }
    setParams(next);
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    if (over) setDrop({ id: String(active.id), to: over.id as OrderStatus });
  };

  return (
    <section aria-labelledby="board-title">
      <PageHeading id="board-title" title="Order board" />
      <form role="search" onSubmit={search} className="mb-4 flex flex-wrap items-end gap-3">
        <Field id="board-search" label="Search orders">
          <Input id="board-search" name="q" type="search" defaultValue={q} key={q} className="w-48" />
        </Field>
        <Field id="board-status" label="Status">
          <select id="board-status" name="status" defaultValue={status} key={status} className={inputClass}>
            <option value="">Open orders</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </Field>
        <Button type="submit">Search</Button>
        {/* Every order the search and status match, not only the open ones on the board. */}
        <DownloadButton path={ordersExportPath({ status, q })} busyLabel="Exporting…" size="default">
          Export CSV
        </DownloadButton>
      </form>
      <div className="mb-3 flex min-h-10 flex-wrap items-center gap-3">
        {waiting > 0 && (
          <Button variant="secondary" className="rounded-full" onClick={arrivals.showAll}>
            Show {waiting} new {waiting === 1 ? 'order' : 'orders'}
          </Button>
        )}
        <p role="status" className="sr-only">
          {waiting > 0 ? `${waiting} new ${waiting === 1 ? 'order' : 'orders'} waiting` : ''}
        </p>
        <p role="status" className="m-0 text-sm font-medium">
          {selected.length > 0 && `${selected.length} selected`}
        </p>
        {selected.length > 0 && (
          <>
            <BulkMove selected={selected} select={(ids) => setSelectedIds(new Set(ids))} />
            <Button variant="ghost" size="sm" onClick={() => setSelectedIds(new Set())}>
              Clear selection
            </Button>
          </>
        )}
      </div>
      {queue.isPending && <Skeleton label="Loading orders" />}
      {queue.isLoadingError && <LoadError what="orders" error={queue.error} retry={queue.refetch} />}
      {/* No columns until the orders are read: an empty "Received (0)" would say something false. */}
      {queue.isSuccess && (
        <DndContext
          sensors={sensors}
          accessibility={{ announcements: announcements(orders) }}
          onDragStart={({ active }) => setDragging(orders.find((o) => o.id === active.id) ?? null)}
          onDragCancel={() => setDragging(null)}
          onDragEnd={onDragEnd}
        >
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6">
            {columns.map((column) => (
              <Column
                key={column}
                status={column}
                orders={orders.filter((o) => o.status === column)}
                refused={
                  dragging !== null &&
                  dragging.status !== column &&
                  !dragging.allowedTransitions.includes(column)
                }
                now={now}
                drop={drop}
                onDropHandled={dropHandled}
                selectedIds={selectedIds}
                onSelect={selection}
              />
            ))}
          </div>
        </DndContext>
      )}
      {!status && (
        <nav
          aria-label="Finished orders"
          className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm"
        >
          <span className="text-muted-foreground">Finished orders:</span>
          {FINISHED.map((s) => (
            <Link key={s} to={{ search: `?status=${s}` }}>
              {STATUS_LABEL[s]}
            </Link>
          ))}
        </nav>
      )}
    </section>
  );
}

function Column({
  status,
  orders,
  refused,
  now,
  drop,
  onDropHandled,
  selectedIds,
  onSelect,
}: {
  status: OrderStatus;
  orders: Order[];
  refused: boolean;
  now: number;
  drop: { id: string; to: OrderStatus } | null;
  onDropHandled: () => void;
  selectedIds: ReadonlySet<string>;
  onSelect: (ids: string[], selected: boolean) => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: status, disabled: refused });
  const all = orders.length > 0 && orders.every((o) => selectedIds.has(o.id));
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={`col-${status}`}
      className={cn(
        'flex min-h-32 flex-col gap-2 rounded-lg border border-border bg-muted p-2',
        isOver && 'ring-2 ring-ring',
        refused && 'opacity-50',
      )}
    >
      <div className="flex items-start gap-2">
        <h2 id={`col-${status}`} className="m-0 text-base">
          {STATUS_LABEL[status]} ({orders.length})
          {refused && <span className="text-sm font-normal text-muted-foreground">, not allowed</span>}
        </h2>
        {orders.length > 0 && (
          <input
            type="checkbox"
            className="mt-1 ml-auto size-4 accent-primary"
            aria-label={`Select all orders in ${STATUS_LABEL[status]}`}
            checked={all}
            onChange={(e) =>
              onSelect(
                orders.map((o) => o.id),
                e.target.checked,
              )
            }
          />
        )}
      </div>
      <ul className="flex flex-col gap-2">
        {orders.map((order) => (
          <BoardCard
            key={order.id}
            order={order}
            now={now}
            drop={{ dropped: drop?.id === order.id ? drop.to : null, onDropHandled }}
            selection={{
              selected: selectedIds.has(order.id),
              onChange: (on) => onSelect([order.id], on),
            }}
          />
        ))}
      </ul>
    </section>
  );
}
