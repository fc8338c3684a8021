import { useQuery } from '@tanstack/react-query';
import type { Dashboard, OrderAnalytics } from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useAuthHeaders } from '../../lib/session.tsx';
import { keys } from './query-keys.ts';

const DAY = 24 * 60 * 60 * 1000;

export function useDashboard() {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: keys.admin.dashboard(),
    queryFn: () => api<Dashboard>('/admin/dashboard', { headers }),
    enabled,
  });
}

/** Orders and revenue per day over the last 30 days. */
export function useOrderSeries() {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: keys.admin.analytics(),
    queryFn: () => {
      const to = new Date(Date.now() + DAY).toISOString().slice(0, 10);
      const from = new Date(Date.now() - 29 * DAY).toISOString().slice(0, 10);
      return api<OrderAnalytics>(
        `/admin/analytics/orders?from=${from}T00:00:00Z&to=${to}T00:00:00Z&bucket=day`,
        { headers },
      );
    },
    enabled,
  });
}
