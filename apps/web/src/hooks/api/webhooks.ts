import type {
  CreateWebhookBody,
  UpdateWebhookBody,
  Webhook,
  WebhookDelivery,
  WebhookWithSecret,
} from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useChange } from './mutations.ts';
import { usePagedList } from './paged.ts';
import { keys } from './query-keys.ts';

export const useWebhooks = () => usePagedList<Webhook>(keys.webhooks.all(), '/admin/webhooks', {});

/** Its answer carries the signing secret, shown once: it stays in the mutation, not in the cache. */
export const useCreateWebhook = () =>
  useChange(
    (body: CreateWebhookBody, headers) =>
      api<WebhookWithSecret>('/admin/webhooks', { method: 'POST', headers, body: JSON.stringify(body) }),
    [keys.webhooks.all()],
  );

export const useRotateWebhookSecret = () =>
  useChange(
    (id: string, headers) =>
      api<WebhookWithSecret>(`/admin/webhooks/${id}/rotate-secret`, { method: 'POST', headers }),
    [keys.webhooks.all()],
  );

export const useUpdateWebhook = () =>
  useChange(
    ({ id, ...body }: UpdateWebhookBody & { id: string }, headers) =>
      api<Webhook>(`/admin/webhooks/${id}`, { method: 'PATCH', headers, body: JSON.stringify(body) }),
    [keys.webhooks.all()],
  );

export const useDeleteWebhook = () =>
  useChange(
    (id: string, headers) => api(`/admin/webhooks/${id}`, { method: 'DELETE', headers }),
    [keys.webhooks.all()],
  );

export const useDeliveries = (webhookId: string) =>
  usePagedList<WebhookDelivery>(
    keys.webhooks.deliveries(webhookId),
    `/admin/webhooks/${webhookId}/deliveries`,
    {},
  );

/** Each answers with the attempt it recorded, a failed one too, which joins the deliveries. */
export const usePingWebhook = () =>
  useChange(
    (id: string, headers) => api<WebhookDelivery>(`/admin/webhooks/${id}/ping`, { method: 'POST', headers }),
    [keys.webhooks.all()],
  );

export const useRedeliver = () =>
  useChange(
    ({ webhookId, deliveryId }: { webhookId: string; deliveryId: number }, headers) =>
      api<WebhookDelivery>(`/admin/webhooks/${webhookId}/deliveries/${deliveryId}/redeliver`, {
        method: 'POST',
        headers,
      }),
    [keys.webhooks.all()],
  );
