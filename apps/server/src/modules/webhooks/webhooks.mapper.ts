import type { OrderEventType, Webhook, WebhookDelivery } from '@igniflo/contract';
import type { WebhookDeliveryRow, WebhookRow } from './webhooks.table.ts';

export const toWebhook = (row: WebhookRow): Webhook => ({
  id: row.id,
  url: row.url,
  description: row.description,
  eventTypes: JSON.parse(row.event_types) as OrderEventType[],
  active: row.active === 1,
  secret: row.secret,
  lastEventId: row.last_event_id,
  failedAttempts: row.failed_attempts,
  nextAttemptAt: row.next_attempt_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toDelivery = (row: WebhookDeliveryRow): WebhookDelivery => ({
  id: row.id,
  eventId: row.event_id,
  attempt: row.attempt,
  succeeded: row.succeeded === 1,
  responseStatus: row.response_status,
  error: row.error,
  durationMs: row.duration_ms,
  at: row.at,
});
