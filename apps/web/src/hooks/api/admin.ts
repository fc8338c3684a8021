import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateProductBody, Dashboard, OrderAnalytics, Product } from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';

const DAY = 24 * 60 * 60 * 1000;

function useAuthHeaders() {
  const { accessToken } = useSession();
  return { headers: { authorization: `Bearer ${accessToken ?? ''}` }, enabled: accessToken !== null };
}

export function useDashboard() {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: ['admin', 'dashboard'],
    queryFn: () => api<Dashboard>('/admin/dashboard', { headers }),
    enabled,
  });
}

/** Orders and revenue per day over the last 30 days. */
export function useOrderSeries() {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: ['admin', 'analytics', '30d'],
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

export function useAdminProducts() {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: ['admin', 'products'],
    queryFn: () => api<{ items: Product[] }>('/products?includeArchived=true&limit=100', { headers }),
    enabled,
  });
}

export function useCreateProduct() {
  const { headers } = useAuthHeaders();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProductBody) =>
      api<Product>('/products', { method: 'POST', headers, body: JSON.stringify(body) }),
    onSuccess: () =>
      client
        .invalidateQueries({ queryKey: ['admin', 'products'] })
        .then(() => client.invalidateQueries({ queryKey: ['products'] })),
  });
}
