/**
 * Sends one signed request to a webhook and records it as an attempt. The dispatcher's deliveries
 * at the cursor, an admin's pings and redeliveries all go out this way: the same signature, the
 * same guard on the address connected to, the same record.
 */
import type { FastifyBaseLogger } from 'fastify';
import { Agent, fetch } from 'undici';
import { WebhookDeliveryError, type OrderEventType, type WebhookDeliveryKind } from '@igniflo/contract';
import { now, type Db, type Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { newId } from '../../lib/ids.ts';
import { classifyDeliveryError, isStaleConnection } from './delivery-error.ts';
import { guardedConnector, type Resolve } from './webhook-target.ts';
import { signatureHeader } from './webhook-signature.ts';
import { recordDelivery } from './webhooks.repository.ts';
import type { WebhookDeliveryRow, WebhookRow } from './webhooks.table.ts';

export interface SenderOptions {
  timeoutMs: number;
  /** Deliveries may connect to private addresses (WEBHOOK_ALLOW_PRIVATE; tests). */
  allowPrivateTargets: boolean;
  /** How names are resolved before a delivery connects; tests give names of their own. */
  resolve?: Resolve | undefined;
}

/** What one attempt sends, and what its record says it was. */
export interface Outgoing {
  kind: WebhookDeliveryKind;
  body: string;
  /** The order event sent, null for a ping: receivers de-duplicate by it (`x-igniflo-event-id`). */
  event: { id: number; type: OrderEventType } | null;
  attempt: number;
  redeliveryOf?: number | undefined;
}

export class WebhookSender {
  /** Connects deliveries only to allowed addresses, literal or resolved, on every connection. */
  readonly #agent: Agent;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly options: SenderOptions,
  ) {
    this.#agent = new Agent({
      connect: guardedConnector({ allowPrivate: options.allowPrivateTargets, resolve: options.resolve }),
    });
  }

  close(): Promise<void> {
    return this.#agent.close();
  }

  /**
   * POSTs the body, signed with the webhook's secret as it is now, and records the attempt;
   * `recorded` writes what follows from it (the webhook's cursor or failure count) in the same
   * transaction, so that no reader sees the attempt without its consequence.
   */
  async send(
    webhook: WebhookRow,
    outgoing: Outgoing,
    recorded?: (tx: Tx, delivery: WebhookDeliveryRow) => Promise<void>,
  ): Promise<WebhookDeliveryRow> {
    const { body, event } = outgoing;
    // New for every attempt, so that a receiver's log tells attempts apart; the event id stays.
    const deliveryUid = newId();
    const started = Date.now();
    let status: number | null = null;
    let error: WebhookDeliveryError | null = null;
    const signal = AbortSignal.timeout(this.options.timeoutMs); // for both tries together
    const post = () =>
      fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Igniflo-Webhooks/1',
          'x-igniflo-signature': signatureHeader(webhook.secret, body),
          'x-igniflo-webhook-id': webhook.id,
          'x-igniflo-delivery-id': deliveryUid,
          ...(event ? { 'x-igniflo-event-id': String(event.id) } : {}),
        },
        body,
        redirect: 'manual',
        signal,
        dispatcher: this.#agent,
      });
    try {
      // A kept-alive connection the receiver closed while idle fails the request written on it
      // before the receiver could read it: sent again once, on a new connection. (Receivers
      // de-duplicate by the event id should it have arrived after all.)
      const response = await post().catch((failure: unknown) => {
        if (isStaleConnection(failure)) return post();
        throw failure;
      });
      status = response.status;
      await response.body?.cancel();
      if (status < 200 || status >= 300) error = WebhookDeliveryError.HTTP;
    } catch (failure) {
      error = classifyDeliveryError(failure);
      // The raw error names addresses and library internals: the log keeps it, the record does not.
      this.log.warn(
        {
          err: failure,
          webhookId: webhook.id,
          eventId: event?.id,
          kind: outgoing.kind,
          attempt: outgoing.attempt,
          errorClass: error,
        },
        'webhook delivery failed',
      );
    }
    const attempt = {
      webhook_id: webhook.id,
      kind: outgoing.kind,
      event_id: event?.id ?? null,
      event_type: event?.type ?? null,
      redelivery_of: outgoing.redeliveryOf ?? null,
      delivery_uid: deliveryUid,
      attempt: outgoing.attempt,
      succeeded: error === null ? 1 : 0,
      response_status: status,
      error,
      duration_ms: Date.now() - started,
      at: now(),
    };
    return transaction(this.db, async (tx) => {
      const delivery = await recordDelivery(tx, attempt);
      await recorded?.(tx, delivery);
      return delivery;
    });
  }
}
