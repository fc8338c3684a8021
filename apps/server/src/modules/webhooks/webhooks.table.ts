import type { OrderEventType, WebhookDeliveryKind } from '@igniflo/contract';
import type { Generated, Selectable } from 'kysely';

export interface WebhooksTable {
  id: string;
  url: string;
  /** HMAC key for x-igniflo-signature; shown to the admin once (create, rotate), never logged. */
  secret: string;
  description: string;
  /** JSON array of order event types to deliver; empty means all. */
  event_types: string;
  active: number;
  last_event_id: number;
  failed_attempts: number;
  next_attempt_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  /** The first failed delivery at the cursor since the last success; the webhook is disabled a day on. */
  failing_since: string | null;
  /** Set when the dispatcher turned the webhook off; null while active or paused by an admin. */
  disabled_at: string | null;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}
export type WebhookRow = Selectable<WebhooksTable>;

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: string;
  kind: WebhookDeliveryKind;
  /** Null for a ping. */
  event_id: number | null;
  event_type: OrderEventType | null;
  /** The delivery a redelivery repeated. */
  redelivery_of: number | null;
  /** The x-igniflo-delivery-id header the attempt carried; null for rows older than the header. */
  delivery_uid: string | null;
  attempt: number;
  succeeded: number;
  response_status: number | null;
  /** The WebhookDeliveryError class; older rows may hold a raw message, shown as a class. */
  error: string | null;
  duration_ms: number;
  at: string;
}
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
