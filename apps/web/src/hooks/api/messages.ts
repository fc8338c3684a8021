import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MessageList, Preferences, PreferencesPatch } from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useAuthHeaders } from '../../lib/session.tsx';
import { keys } from './query-keys.ts';

/** Which order updates the signed-in user gets, by email and by text. */
export function usePreferences() {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: keys.preferences(),
    queryFn: () => api<Preferences>('/users/me/preferences', { headers }),
    enabled,
  });
}

export function useUpdatePreferences() {
  const { headers } = useAuthHeaders();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: PreferencesPatch) =>
      api<Preferences>('/users/me/preferences', { method: 'PATCH', headers, body: JSON.stringify(patch) }),
    onSuccess: (preferences) => client.setQueryData(keys.preferences(), preferences),
  });
}

/**
 * The emails and texts sent about an order (staff and admin). They are composed and sent just
 * after the change that calls for them commits, so a grown history (a live event, or this page's
 * own change) fetches them again, once at once and once a moment later, and a message still on its
 * way is polled until it is sent or given up: soon while untried, then at the pace of its retries.
 */
export function useOrderMessages(orderId: string, historyLength: number | undefined) {
  const { headers, enabled } = useAuthHeaders();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: keys.orders.messages(orderId),
    queryFn: () => api<MessageList>(`/orders/${encodeURIComponent(orderId)}/messages`, { headers }),
    enabled,
    refetchInterval: ({ state }) => {
      const queued = state.data?.items.filter((m) => m.status === 'QUEUED') ?? [];
      if (queued.length === 0) return false;
      return queued.some((m) => m.attempts === 0) ? 1000 : 10_000;
    },
  });
  const seen = useRef(historyLength);
  useEffect(() => {
    const before = seen.current;
    seen.current = historyLength;
    if (before === undefined || historyLength === undefined || historyLength <= before) return;
    const refetch = () => void client.invalidateQueries({ queryKey: keys.orders.messages(orderId) });
    refetch();
    const timer = setTimeout(refetch, 1500);
    return () => clearTimeout(timer);
  }, [client, orderId, historyLength]);
  return query;
}

/** Turns order emails off for the account an unsubscribe link was signed for; no sign-in needed. */
export function useUnsubscribe() {
  return useMutation({
    mutationFn: (token: string) =>
      api(`/messages/unsubscribe?token=${encodeURIComponent(token)}`, { method: 'POST' }),
  });
}
