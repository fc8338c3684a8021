/**
 * Delivers order events to webhooks, at least once and strictly in event order per webhook. The
 * event table is the outbox and each webhook keeps its own cursor (`last_event_id`), so a crash
 * between commit and delivery loses nothing: the next run starts from the cursor. Instances share
 * the work through a lease on each webhook row.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Agent, fetch } from 'undici';
import { WebhookDeliveryError, type WebhookPayload } from '@igniflo/contract';
import { BackgroundLoop } from '../../platform/background-loop.ts';
import { now, type Db } from '../../platform/db/database.ts';
import type { FeedRow, OrderLog } from '../order-log/order-log.ts';
import {
  dueWebhooks,
  findWebhook,
  leaseWebhook,
  recordDelivery,
  updateLeased,
} from './webhooks.repository.ts';
import { classifyDeliveryError } from './delivery-error.ts';
import { guardedConnector, type Resolve } from './webhook-target.ts';
import { signatureHeader } from './webhook-signature.ts';
import type { WebhookRow } from './webhooks.table.ts';

export interface DispatcherOptions {
  tickMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  timeoutMs: number;
  leaseMs: number;
  /** Deliveries may connect to private addresses (WEBHOOK_ALLOW_PRIVATE; tests). */
  allowPrivateTargets: boolean;
  /** How names are resolved before a delivery connects; tests give names of their own. */
  resolve?: Resolve;
}

export function toPayload(row: FeedRow): WebhookPayload {
  return {
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
}

export class WebhookDispatcher {
  readonly #owner = randomUUID();
  readonly #loop: BackgroundLoop;

  /** Connects deliveries only to allowed addresses, literal or resolved, on every connection. */
  readonly #agent: Agent;

  constructor(
    private readonly db: Db,
    private readonly orderLog: OrderLog,
    private readonly log: FastifyBaseLogger,
    private readonly options: DispatcherOptions,
  ) {
    this.#agent = new Agent({
      connect: guardedConnector({ allowPrivate: options.allowPrivateTargets, resolve: options.resolve }),
    });
    this.#loop = new BackgroundLoop(() => this.#runDue(), {
      tickMs: options.tickMs,
      log,
      what: 'webhook dispatch',
    });
  }

  start(): void {
    this.#loop.start();
  }

  async close(): Promise<void> {
    await this.#loop.close();
    await this.#agent.close();
  }

  wake(): void {
    this.#loop.wake();
  }

  async #runDue(): Promise<void> {
    const latest = await this.orderLog.latestId();
    const due = await dueWebhooks(this.db, now(), latest);
    await Promise.all(due.map((webhook) => this.#run(webhook)));
  }

  /** Delivers what a webhook is owed, in order, stopping at the first failure. */
  async #run(webhook: WebhookRow): Promise<void> {
    const at = now();
    const until = new Date(Date.now() + this.options.leaseMs).toISOString();
    if (!(await leaseWebhook(this.db, webhook.id, this.#owner, at, until))) return;
    const types = JSON.parse(webhook.event_types) as string[];
    let cursor = webhook.last_event_id;
    let failures = webhook.failed_attempts;
    try {
      while (!this.#loop.closed) {
        const events = await this.orderLog.after(cursor, { limit: 50, scope: { kind: 'all' } });
        if (events.length === 0) break;
        for (const event of events) {
          if (types.length === 0 || types.includes(event.type)) {
            // Read again for each delivery: a rotated secret, a new URL or a pause applies to the
            // very next delivery, not only to the next run.
            const target = await findWebhook(this.db, webhook.id);
            if (target?.active !== 1) return;
            const ok = await this.#deliver(target, event, failures + 1);
            if (!ok) {
              failures += 1;
              const delay = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** (failures - 1));
              const next = new Date(Date.now() + delay * (0.8 + Math.random() * 0.4)).toISOString();
              await updateLeased(this.db, webhook.id, this.#owner, {
                failed_attempts: failures,
                next_attempt_at: next,
              });
              return;
            }
          }
          cursor = event.id;
          failures = 0;
          // Advancing also renews the lease; if another instance took the webhook over, stop here
          // so that two instances never deliver to it at once.
          const stillOurs = await updateLeased(this.db, webhook.id, this.#owner, {
            last_event_id: cursor,
            failed_attempts: 0,
            next_attempt_at: null,
            lease_until: new Date(Date.now() + this.options.leaseMs).toISOString(),
          });
          if (!stillOurs) return;
        }
      }
    } finally {
      await updateLeased(this.db, webhook.id, this.#owner, { lease_owner: null, lease_until: null });
    }
  }

  async #deliver(webhook: WebhookRow, event: FeedRow, attempt: number): Promise<boolean> {
    const body = JSON.stringify(toPayload(event));
    const started = Date.now();
    let status: number | null = null;
    let error: WebhookDeliveryError | null = null;
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Igniflo-Webhooks/1',
          'x-igniflo-signature': signatureHeader(webhook.secret, body),
          'x-igniflo-event-id': String(event.id),
          'x-igniflo-webhook-id': webhook.id,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
        dispatcher: this.#agent,
      });
      status = response.status;
      await response.body?.cancel();
      if (status < 200 || status >= 300) error = WebhookDeliveryError.HTTP;
    } catch (failure) {
      error = classifyDeliveryError(failure);
      // The raw error names addresses and library internals: the log keeps it, the record does not.
      this.log.warn(
        { err: failure, webhookId: webhook.id, eventId: event.id, attempt, errorClass: error },
        'webhook delivery failed',
      );
    }
    await recordDelivery(this.db, {
      webhook_id: webhook.id,
      event_id: event.id,
      attempt,
      succeeded: error === null ? 1 : 0,
      response_status: status,
      error,
      duration_ms: Date.now() - started,
      at: now(),
    });
    return error === null;
  }
}
