/**
 * What an admin sends to a webhook by hand, outside its cursor (SPEC §13): a ping, and the
 * redelivery of an earlier attempt. Both are signed and recorded like the dispatcher's deliveries
 * and answer with the attempt, a failed one included; neither moves the cursor nor its failure state.
 */
import type { WebhookDelivery } from '@igniflo/contract';
import type { Db } from '../../platform/db/database.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import type { OrderLog } from '../order-log/order-log.ts';
import { eventPayload, pingPayload } from './webhook-payloads.ts';
import type { Outgoing, WebhookSender } from './webhook-sender.ts';
import { toDelivery } from './webhooks.mapper.ts';
import { findDelivery, findWebhook, highestAttempt } from './webhooks.repository.ts';
import type { WebhookDeliveryRow } from './webhooks.table.ts';

export type WebhookOperations = ReturnType<typeof createWebhookOperations>;

export function createWebhookOperations({
  db,
  orderLog,
  sender,
}: {
  db: Db;
  orderLog: OrderLog;
  sender: WebhookSender;
}) {
  async function webhookOf(id: string) {
    const row = await findWebhook(db, id);
    if (!row) throw notFound('Webhook');
    return row;
  }

  /** What the attempt sent, to send again: its event as the log holds it, or a new ping. */
  async function again(original: WebhookDeliveryRow): Promise<Omit<Outgoing, 'kind' | 'redeliveryOf'>> {
    if (original.event_id === null)
      return { body: pingPayload(original.webhook_id), event: null, attempt: 1 };
    const eventId = original.event_id;
    const [event] = await orderLog.after(eventId - 1, { untilId: eventId, limit: 1, scope: { kind: 'all' } });
    if (!event) throw conflict(`Event ${eventId} is no longer in the order log`);
    return {
      body: eventPayload(event),
      event: { id: event.id, type: event.type },
      attempt: (await highestAttempt(db, original.webhook_id, eventId)) + 1,
    };
  }

  return {
    /** Works on a paused or disabled webhook too: it is how an admin checks a receiver before re-enabling. */
    async ping(id: string): Promise<WebhookDelivery> {
      const webhook = await webhookOf(id);
      const attempt = { kind: 'ping' as const, body: pingPayload(webhook.id), event: null, attempt: 1 };
      return toDelivery(await sender.send(webhook, attempt));
    },

    /** Sends the attempt's event again with a new delivery id and the same event id. */
    async redeliver(id: string, deliveryId: number): Promise<WebhookDelivery> {
      const webhook = await webhookOf(id);
      const original = await findDelivery(db, webhook.id, deliveryId);
      if (!original) throw notFound('Delivery');
      const outgoing = await again(original);
      return toDelivery(
        await sender.send(webhook, { ...outgoing, kind: 'redelivery', redeliveryOf: original.id }),
      );
    },
  };
}
