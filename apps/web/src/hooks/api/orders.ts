import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BulkMoveBody,
  BulkMoveResult,
  Order,
  OrderEvent,
  OrderStatus,
  PlaceOrderBody,
  UpdateOrderBody,
} from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useAuthHeaders } from '../../lib/session.tsx';
import { usePagedList } from './paged.ts';
import { keys } from './query-keys.ts';

const DAY = 24 * 60 * 60 * 1000;

export function useMyOrders() {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: keys.orders.mine(),
    queryFn: () => api<{ items: Order[]; nextCursor: string | null }>('/orders?limit=50', { headers }),
    enabled,
  });
}

export function useOrder(id: string) {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: keys.orders.one(id),
    queryFn: () => api<Order>(`/orders/${encodeURIComponent(id)}`, { headers }),
    enabled,
    retry: false,
  });
}

export function useOrderHistory(id: string) {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: keys.orders.history(id),
    queryFn: () => api<{ items: OrderEvent[] }>(`/orders/${encodeURIComponent(id)}/history`, { headers }),
    enabled,
  });
}

export interface OrderFilter {
  status: string;
  q: string;
  from: string;
  to: string;
}

/** Every order, newest first; `from` and `to` are dates (YYYY-MM-DD), `to` inclusive. */
export const useAllOrders = (filter: OrderFilter) =>
  usePagedList<Order>(keys.orders.list({ ...filter }), '/orders', listParams(filter));

/** The list's filters as the API takes them: times for the dates, `to` the start of the next day. */
const listParams = (filter: Partial<OrderFilter>): Record<string, string | undefined> => ({
  status: filter.status,
  q: filter.q,
  from: filter.from && `${filter.from}T00:00:00Z`,
  to: filter.to && new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY).toISOString(),
});

/** The CSV export of the orders a list shows: the same filters, every page. */
export function ordersExportPath(filter: Partial<OrderFilter>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(listParams(filter))) if (value) search.set(name, value);
  return `/orders/export.csv${search.size > 0 ? `?${search}` : ''}`;
}

/** The board's orders; live events move them between columns (live-cache.ts). */
export function useOrderQueue(filter: { status: OrderStatus | ''; q: string }) {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: keys.orders.queue(filter),
    queryFn: () => {
      const params = new URLSearchParams({ limit: '100' });
      if (filter.status) params.set('status', filter.status);
      if (filter.q) params.set('q', filter.q);
      return api<{ items: Order[] }>(`/orders?${params}`, { headers });
    },
    enabled,
  });
}

/** Changes to one order; each answers with the updated order, written into the cache. */
export function useOrderActions(order: Order) {
  const { headers } = useAuthHeaders();
  const client = useQueryClient();
  // The answer is the order as it now is, for its page and the board; other lists follow from the
  // live event the change sends (live-cache.ts), and a stream that was down refetches on reopening.
  const done = (updated: Order) => {
    client.setQueryData(keys.orders.one(updated.id), updated);
    // The board's card takes the new version and moves, so its next move is not refused as stale.
    client.setQueriesData<{ items: Order[] }>(
      { queryKey: keys.orders.queues() },
      (page) => page && { ...page, items: page.items.map((o) => (o.id === updated.id ? updated : o)) },
    );
  };
  return {
    move: useMutation({
      // The version the page shows: if someone else moved the order meanwhile, the server says 409.
      mutationFn: ({ status, note }: { status: OrderStatus; note?: string }) =>
        api<Order>(`/orders/${order.id}/status`, {
          method: 'PATCH',
          headers,
          body: JSON.stringify({ status, version: order.version, ...(note ? { note } : {}) }),
        }),
      // The board shows the move at once and puts the card back if the server refuses it.
      onMutate: ({ status }) => {
        const before = client.getQueriesData<{ items: Order[] }>({ queryKey: keys.orders.queues() });
        client.setQueriesData<{ items: Order[] }>(
          { queryKey: keys.orders.queues() },
          (page) =>
            page && { ...page, items: page.items.map((o) => (o.id === order.id ? { ...o, status } : o)) },
        );
        return { before };
      },
      onError: (_error, _move, context) => {
        for (const [key, data] of context?.before ?? []) client.setQueryData(key, data);
      },
      onSuccess: done,
    }),
    /** The customer's own cancellation (POST /orders/:id/cancel), with an optional reason. */
    cancel: useMutation({
      mutationFn: (note: string) =>
        api<Order>(`/orders/${order.id}/cancel`, {
          method: 'POST',
          headers,
          body: JSON.stringify(note ? { note } : {}),
        }),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: (patch: UpdateOrderBody) =>
        api<Order>(`/orders/${order.id}`, { method: 'PATCH', headers, body: JSON.stringify(patch) }),
      onSuccess: done,
    }),
    note: useMutation({
      mutationFn: (note: { body: string; visibility: 'customer' | 'internal' }) =>
        api<OrderEvent>(`/orders/${order.id}/notes`, { method: 'POST', headers, body: JSON.stringify(note) }),
      // Shown at once; its live event finds it there and is not added twice.
      onSuccess: (event) =>
        client.setQueryData<{ items: OrderEvent[] }>(keys.orders.history(order.id), (data) =>
          data && !data.items.some((e) => e.id === event.id) ? { items: [...data.items, event] } : data,
        ),
    }),
  };
}

/**
 * Places the order of one page visit (a checkout, a custom request): every attempt carries the same
 * Idempotency-Key, so a double click or a retry after an error cannot place two orders. A placed
 * order empties the cart and joins "My orders".
 */
export function usePlaceOrder() {
  const { headers } = useAuthHeaders();
  const client = useQueryClient();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  return useMutation({
    mutationFn: (body: PlaceOrderBody) =>
      api<Order>('/orders', {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
      }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.cart() }),
        client.invalidateQueries({ queryKey: keys.orders.mine() }),
      ]),
  });
}

/** A form's text fields trimmed, the empty ones left out (the API takes an absent field, not ""). */
export const filledIn = (fields: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(fields)
      .map(([k, v]): [string, string] => [k, v.trim()])
      .filter(([, v]) => v !== ''),
  );

/**
 * Moves many orders to one status (POST /orders/bulk/status): each moves or not by itself, and
 * every list of orders is fetched again for what did.
 */
export function useBulkMove() {
  const { headers } = useAuthHeaders();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkMoveBody) =>
      api<BulkMoveResult>('/orders/bulk/status', { method: 'POST', headers, body: JSON.stringify(body) }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.orders.all() }),
  });
}
