import {
  WebhookDeliveryError,
  type OrderEventType,
  type Webhook,
  type WebhookDelivery,
  type WebhookWithSecret,
} from '@igniflo/contract';
import type { WebhookDeliveryRow, WebhookRow } from './webhooks.table.ts';

/** A webhook as lists, gets, updates and the audit log show it: never with its secret. */
export const toWebhook = (row: WebhookRow): Webhook => ({
  id: row.id,
  url: row.url,
  description: row.description,
  eventTypes: JSON.parse(row.event_types) as OrderEventType[],
  active: row.active === 1,
  lastEventId: row.last_event_id,
  failedAttempts: row.failed_attempts,
  nextAttemptAt: row.next_attempt_at,
  failingSince: row.failing_since,
  disabledAt: row.disabled_at,
  disabledReason: row.disabled_reason,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Only for the answer that creates or rotates the secret: it is shown once. */
export const toWebhookWithSecret = (row: WebhookRow): WebhookWithSecret => ({
  ...toWebhook(row),
  secret: row.secret,
});

const ERROR_CLASSES: ReadonlySet<string> = new Set(Object.values(WebhookDeliveryError));

/** Records written before errors were classified held raw messages; those show as a class too. */
function errorClassOf(row: WebhookDeliveryRow): WebhookDeliveryError | null {
  if (row.error === null) return null;
  if (ERROR_CLASSES.has(row.error)) return row.error as WebhookDeliveryError;
  return row.response_status === null ? WebhookDeliveryError.NETWORK : WebhookDeliveryError.HTTP;
}

export const toDelivery = (row: WebhookDeliveryRow): WebhookDelivery => ({
  id: row.id,
  kind: row.kind,
  eventId: row.event_id,
  eventType: row.event_type,
  redeliveryOf: row.redelivery_of,
  deliveryUid: row.delivery_uid,
  attempt: row.attempt,
  succeeded: row.succeeded === 1,
  responseStatus: row.response_status,
  error: errorClassOf(row),
  durationMs: row.duration_ms,
  at: row.at,
});
