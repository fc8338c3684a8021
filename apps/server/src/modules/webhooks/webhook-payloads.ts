/** The JSON bodies POSTed to a webhook: an order event, or a ping. */
import type { WebhookPayload, WebhookPingPayload } from '@igniflo/contract';
import { now } from '../../platform/db/database.ts';
import type { FeedRow } from '../order-log/order-log.ts';

export function eventPayload(row: FeedRow): string {
  const payload: WebhookPayload = {
    id: row.id,
    type: row.type,
    orderId: row.order_id,
    orderNumber: row.order_number,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    visibility: row.visibility,
    note: row.note,
    at: row.at,
  };
  return JSON.stringify(payload);
}

export function pingPayload(webhookId: string): string {
  const payload: WebhookPingPayload = { type: 'ping', webhookId, at: now() };
  return JSON.stringify(payload);
}
