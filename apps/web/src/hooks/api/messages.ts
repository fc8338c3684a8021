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

/** The emails and texts sent about an order (staff and admin). */
export function useOrderMessages(orderId: string) {
  const { headers } = useAuthHeaders();
  return useQuery({
    queryKey: keys.orders.messages(orderId),
    queryFn: () => api<MessageList>(`/orders/${orderId}/messages`, { headers }),
  });
}

/** Turns order emails off for the account an unsubscribe link was signed for; no sign-in needed. */
export function useUnsubscribe() {
  return useMutation({
    mutationFn: (token: string) =>
      api(`/messages/unsubscribe?token=${encodeURIComponent(token)}`, { method: 'POST' }),
  });
}
