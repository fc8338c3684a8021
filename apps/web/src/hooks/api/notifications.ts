import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Notification, NotificationPage } from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useAuthHeaders } from '../../lib/session.tsx';
import { usePagedList } from './paged.ts';
import { keys } from './query-keys.ts';

/** The customer's notifications, newest first; live events add to them (live-cache.ts). */
export function useNotifications() {
  const list = usePagedList<Notification>(keys.notifications(), '/notifications', {});
  const firstPage = list.data?.pages[0] as NotificationPage | undefined;
  return { ...list, unreadCount: firstPage?.unreadCount ?? 0 };
}

export function useMarkRead() {
  const { headers } = useAuthHeaders();
  const client = useQueryClient();
  const refetch = () => client.invalidateQueries({ queryKey: keys.notifications() });
  return {
    one: useMutation({
      mutationFn: (id: string) =>
        api<Notification>(`/notifications/${id}/read`, { method: 'PATCH', headers }),
      onSuccess: refetch,
    }),
    all: useMutation({
      mutationFn: () => api('/notifications/read-all', { method: 'POST', headers }),
      onSuccess: refetch,
    }),
  };
}
