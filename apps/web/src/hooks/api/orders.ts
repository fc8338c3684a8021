import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  connectEventStream,
  type LiveOrderEvent,
  type Order,
  type OrderEvent,
  type StreamState,
} from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useAuthHeaders, useSession } from '../../lib/session.tsx';
import { keys } from './query-keys.ts';

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

/**
 * The signed-in user's live stream (fetch with the Authorization header, resumed with
 * Last-Event-ID): each pushed event is written into the cached orders and history.
 */
export function useLiveEvents(): StreamState | null {
  const { accessToken } = useSession();
  const client = useQueryClient();
  const [state, setState] = useState<StreamState | null>(null);
  const signedIn = accessToken !== null;
  const token = useLatest(accessToken);
  useEffect(() => {
    if (!signedIn) return;
    const stream = connectEventStream({
      url: '/api/v1/events',
      headers: () => ({ authorization: `Bearer ${token.current ?? ''}` }),
      onStateChange: (next) => {
        setState(next);
        // Whatever changed before the stream opened, or while it was down, is fetched again.
        if (next === 'open') {
          void client.invalidateQueries({ queryKey: keys.orders.all() });
          void client.invalidateQueries({ queryKey: keys.notifications() });
        }
      },
      onMessage: (message) => {
        if (message.event !== 'order') return;
        const event = JSON.parse(message.data) as LiveOrderEvent;
        // A fetch already under way may have read the orders before this change: start it again,
        // so its answer cannot overwrite what this event shows.
        if (client.isFetching({ queryKey: keys.orders.all() }) > 0)
          void client.invalidateQueries({ queryKey: keys.orders.all() });
        const apply = (order: Order): Order =>
          order.id === event.orderId && event.toStatus
            ? { ...order, status: event.toStatus, updatedAt: event.at }
            : order;
        client.setQueryData<{ items: Order[]; nextCursor: string | null }>(keys.orders.mine(), (page) =>
          page ? { ...page, items: page.items.map(apply) } : page,
        );
        client.setQueryData<Order>(keys.orders.one(event.orderId), (order) => (order ? apply(order) : order));
        client.setQueryData<{ items: OrderEvent[] }>(keys.orders.history(event.orderId), (history) =>
          history && !history.items.some((e) => e.id === event.id)
            ? { items: [...history.items, event] }
            : history,
        );
        // What the cache cannot apply by itself is fetched again: new orders, the lists staff
        // filter by status, the order's version and allowed moves, new files, notifications.
        const refetch = (queryKey: readonly unknown[]) => void client.invalidateQueries({ queryKey });
        if (event.type === 'created') refetch(keys.orders.mine());
        refetch(keys.orders.queues());
        refetch(keys.orders.lists());
        if (event.type !== 'note_added') refetch(keys.orders.one(event.orderId));
        if (event.type === 'media_added') refetch(keys.orders.media(event.orderId));
        if (event.notification) refetch(keys.notifications());
      },
    });
    return () => stream.close();
  }, [client, signedIn, token]);
  return state;
}

/** A ref that always holds the latest value, for callbacks that outlive a render. */
function useLatest<T>(value: T) {
  const [ref] = useState(() => ({ current: value }));
  ref.current = value;
  return ref;
}
