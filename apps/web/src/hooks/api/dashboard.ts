import { keepPreviousData, useQuery } from '@tanstack/react-query';
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

/**
 * Orders and revenue per day over the last `days` days and the `days` before them (UTC days,
 * today included), so the dashboard can show each figure beside the period before.
 */
export function useOrderSeries(days: number) {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: keys.admin.analytics(days),
    queryFn: () => {
      const to = new Date(Date.now() + DAY).toISOString().slice(0, 10);
      const from = new Date(Date.now() - (2 * days - 1) * DAY).toISOString().slice(0, 10);
      return api<OrderAnalytics>(
        `/admin/analytics/orders?from=${from}T00:00:00Z&to=${to}T00:00:00Z&bucket=day`,
        { headers },
      );
    },
    // Another period keeps the chart (and its chosen measure) in place until its figures arrive.
    placeholderData: keepPreviousData,
    enabled,
  });
}
