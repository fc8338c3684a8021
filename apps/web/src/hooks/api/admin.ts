import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdminUpdateUserBody,
  AdminUser,
  AuditEntry,
  CreateProductBody,
  CreateWebhookBody,
  Dashboard,
  Order,
  OrderAnalytics,
  Product,
  Role,
  StockAdjustmentBody,
  UpdateProductBody,
  UpdateWebhookBody,
  User,
  Webhook,
  WebhookDelivery,
  WebhookWithSecret,
} from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useAuthHeaders } from '../../lib/session.tsx';
import { usePagedList } from './paged.ts';
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

export const useAdminProducts = (q: string) =>
  usePagedList<Product>([...keys.admin.products(), { q }], '/products', {
    q,
    includeArchived: 'true',
  });

/** An admin change that answers with the changed thing; the lists showing it are fetched again. */
function useAdminMutation<Input, Output>(
  request: (input: Input, headers: Record<string, string>) => Promise<Output>,
  refetch: readonly (readonly unknown[])[],
) {
  const { headers } = useAuthHeaders();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => request(input, headers),
    onSuccess: () => Promise.all(refetch.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

const PRODUCT_LISTS = [keys.admin.products(), keys.products.all()] as const;

export const useCreateProduct = () =>
  useAdminMutation(
    (body: CreateProductBody, headers) =>
      api<Product>('/products', { method: 'POST', headers, body: JSON.stringify(body) }),
    PRODUCT_LISTS,
  );

export const useUpdateProduct = () =>
  useAdminMutation(
    ({ id, ...body }: UpdateProductBody & { id: string }, headers) =>
      api<Product>(`/products/${id}`, { method: 'PATCH', headers, body: JSON.stringify(body) }),
    PRODUCT_LISTS,
  );

export const useAdjustStock = () =>
  useAdminMutation(
    ({ id, ...body }: StockAdjustmentBody & { id: string }, headers) =>
      api<Product>(`/products/${id}/stock`, { method: 'POST', headers, body: JSON.stringify(body) }),
    PRODUCT_LISTS,
  );

export const useAdminUsers = (filter: { q: string; role: Role | '' }, limit = 20) =>
  usePagedList<AdminUser>([...keys.admin.users.list(filter), limit], '/admin/users', filter, { limit });

export const useUpdateUser = () =>
  useAdminMutation(
    ({ id, ...body }: AdminUpdateUserBody & { id: string }, headers) =>
      api<User>(`/admin/users/${id}`, { method: 'PATCH', headers, body: JSON.stringify(body) }),
    [keys.admin.users.all()],
  );

export interface OrderFilter {
  status: string;
  q: string;
  from: string;
  to: string;
}

/** Every order, newest first; `from` and `to` are dates (YYYY-MM-DD), `to` inclusive. */
export const useAllOrders = (filter: OrderFilter) =>
  usePagedList<Order>(keys.orders.list({ ...filter }), '/orders', {
    status: filter.status,
    q: filter.q,
    from: filter.from && `${filter.from}T00:00:00Z`,
    to: filter.to && new Date(Date.parse(`${filter.to}T00:00:00Z`) + DAY).toISOString(),
  });

export const useWebhooks = () => usePagedList<Webhook>(keys.admin.webhooks(), '/admin/webhooks', {});

/** Its answer carries the signing secret, shown once: it stays in the mutation, not in the cache. */
export const useCreateWebhook = () =>
  useAdminMutation(
    (body: CreateWebhookBody, headers) =>
      api<WebhookWithSecret>('/admin/webhooks', { method: 'POST', headers, body: JSON.stringify(body) }),
    [keys.admin.webhooks()],
  );

export const useRotateWebhookSecret = () =>
  useAdminMutation(
    (id: string, headers) =>
      api<WebhookWithSecret>(`/admin/webhooks/${id}/rotate-secret`, { method: 'POST', headers }),
    [keys.admin.webhooks()],
  );

export const useUpdateWebhook = () =>
  useAdminMutation(
    ({ id, ...body }: UpdateWebhookBody & { id: string }, headers) =>
      api<Webhook>(`/admin/webhooks/${id}`, { method: 'PATCH', headers, body: JSON.stringify(body) }),
    [keys.admin.webhooks()],
  );

export const useDeleteWebhook = () =>
  useAdminMutation(
    (id: string, headers) => api(`/admin/webhooks/${id}`, { method: 'DELETE', headers }),
    [keys.admin.webhooks()],
  );

export const useDeliveries = (webhookId: string) =>
  usePagedList<WebhookDelivery>(
    keys.admin.deliveries(webhookId),
    `/admin/webhooks/${webhookId}/deliveries`,
    {},
  );

export const useAuditLog = (filter: { entityType: string; action: string }) =>
  usePagedList<AuditEntry>(keys.admin.audit(filter), '/admin/audit', filter);
