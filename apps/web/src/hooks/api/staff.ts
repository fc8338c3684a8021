import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Order, OrderStatus } from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';
import { queryKeys } from './query-keys.ts';

export function useOrderQueue(filter: { status: OrderStatus | ''; q: string }) {
  const { accessToken } = useSession();
  return useQuery({
    queryKey: queryKeys.queue(filter),
    queryFn: () => {
      const params = new URLSearchParams({ limit: '100' });
      if (filter.status) params.set('status', filter.status);
      if (filter.q) params.set('q', filter.q);
      return api<{ items: Order[] }>(`/orders?${params}`, {
        headers: { authorization: `Bearer ${accessToken ?? ''}` },
      });
    },
    enabled: accessToken !== null,
    refetchInterval: 15_000,
  });
}

/** Staff changes to one order; each answers with the updated order, written into the cache. */
export function useOrderActions(order: Order) {
  const { accessToken } = useSession();
  const client = useQueryClient();
  const headers = { authorization: `Bearer ${accessToken ?? ''}` };
  const done = (updated: Order) => {
    client.setQueryData(queryKeys.order(updated.id), updated);
    void client.invalidateQueries({ queryKey: ['orders'] });
  };
  return {
    move: useMutation({
      // The version the page shows: if someone else moved the order meanwhile, the server says 409.
      mutationFn: (status: OrderStatus) =>
        api<Order>(`/orders/${order.id}/status`, {
          method: 'PATCH',
          headers,
          body: JSON.stringify({ status, version: order.version }),
        }),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: (patch: { carrier: string | null; trackingNumber: string | null }) =>
        api<Order>(`/orders/${order.id}`, { method: 'PATCH', headers, body: JSON.stringify(patch) }),
      onSuccess: done,
    }),
    note: useMutation({
      mutationFn: (note: { body: string; visibility: 'customer' | 'internal' }) =>
        api(`/orders/${order.id}/notes`, { method: 'POST', headers, body: JSON.stringify(note) }),
      onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.orderHistory(order.id) }),
    }),
  };
}
