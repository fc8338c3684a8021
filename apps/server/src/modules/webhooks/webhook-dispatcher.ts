/**
 * Delivers order events to webhooks, at least once and strictly in event order per webhook. The
 * event table is the outbox and each webhook keeps its own cursor (`last_event_id`), so a crash
 * between commit and delivery loses nothing: the next run starts from the cursor. Instances share
 * the work through a lease on each webhook row.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { allToTheEnd, BackgroundLoop } from '../../platform/background-loop.ts';
import { now, type Db, type Executor, type Tx } from '../../platform/db/database.ts';
import { groupedWrite } from '../../platform/db/transaction.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { OrderLog } from '../order-log/order-log.ts';
import {
  deleteDeliveriesBefore,
  dueWebhooks,
  findWebhook,
  highestAttempt,
  leaseWebhook,
  updateLeased,
} from './webhooks.repository.ts';
import { disabledNotice } from './webhook-disable.ts';
import { eventPayload } from './webhook-payloads.ts';
import type { WebhookSender } from './webhook-sender.ts';
import { toWebhook } from './webhooks.mapper.ts';
import type { WebhookRow } from './webhooks.table.ts';

export interface DispatcherOptions {
  tickMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  leaseMs: number;
  /** A webhook whose deliveries fail this long without one success is turned off (SPEC §13: 24 h). */
  disableAfterMs: number;
  /** Attempts are kept this long, then swept away (SPEC §13: 14 days). */
  retentionMs: number;
  sweepEveryMs: number;
}

export interface DispatcherDeps {
  orderLog: OrderLog;
  sender: WebhookSender;
  notifications: Pick<NotificationsService, 'notifyAdmins'>;
  log: FastifyBaseLogger;
}

/** Attempts deleted per statement by the retention sweep, so that no statement holds the table long. */
const SWEEP_BATCH = 1_000;

export class WebhookDispatcher {
  readonly #owner = randomUUID();
  readonly #loop: BackgroundLoop;
  #sweepTimer: NodeJS.Timeout | null = null;
  #sweeping: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly deps: DispatcherDeps,
    private readonly options: DispatcherOptions,
  ) {
    this.#loop = new BackgroundLoop(() => this.#runDue(), {
      tickMs: options.tickMs,
      log: deps.log,
      what: 'webhook dispatch',
    });
  }

  start(): void {
    this.#loop.start();
    this.#sweepTimer = setInterval(
      () =>
        void this.sweep().catch((error: unknown) =>
          this.deps.log.warn({ err: error }, 'webhook delivery sweep failed; will retry'),
        ),
      this.options.sweepEveryMs,
    ).unref();
  }

  async close(): Promise<void> {
    if (this.#sweepTimer) clearInterval(this.#sweepTimer);
    await Promise.all([this.#loop.close(), this.#sweeping?.catch(() => 0)]);
  }

  wake(): void {
    this.#loop.wake();
  }

  /** Deletes the attempts older than the retention period; answers how many went. */
  sweep(): Promise<number> {
    this.#sweeping ??= this.#sweep().finally(() => (this.#sweeping = null));
    return this.#sweeping;
  }

  async #sweep(): Promise<number> {
    const cutoff = new Date(Date.now() - this.options.retentionMs).toISOString();
    let deleted = 0;
    for (;;) {
      const batch = await deleteDeliveriesBefore(this.db, cutoff, SWEEP_BATCH);
      deleted += batch;
      if (batch < SWEEP_BATCH || this.#loop.closed) return deleted;
    }
  }

  async #runDue(): Promise<void> {
    const latest = await this.deps.orderLog.latestId();
    const due = await dueWebhooks(this.db, now(), latest);
    await allToTheEnd(due.map((webhook) => this.#run(webhook)));
  }

  /** Delivers what a webhook is owed, in order, stopping at the first failure. */
  async #run(webhook: WebhookRow): Promise<void> {
    const at = now();
    const until = new Date(Date.now() + this.options.leaseMs).toISOString();
    // On SQLite its leases and moves join the orders' grouped commit instead of an fsync of their own.
    if (!(await groupedWrite(this.db, (w) => leaseWebhook(w, webhook.id, this.#owner, at, until)))) return;
    const types = JSON.parse(webhook.event_types) as string[];
    let cursor = webhook.last_event_id;
    // Advancing also renews the lease; if another instance took the webhook over, it stops here so
    // that two instances never deliver to it at once.
    const advance = (db: Executor, eventId: number) =>
      updateLeased(db, webhook.id, this.#owner, {
        last_event_id: eventId,
        failed_attempts: 0,
        next_attempt_at: null,
        failing_since: null,
        lease_until: new Date(Date.now() + this.options.leaseMs).toISOString(),
      });
    try {
      while (!this.#loop.closed) {
        const events = await this.deps.orderLog.after(cursor, { limit: 50, scope: { kind: 'all' } });
        if (events.length === 0) break;
        for (const event of events) {
          let stillOurs = true;
          if (types.length === 0 || types.includes(event.type)) {
            // Read again for each delivery: a rotated secret, a new URL or a pause applies to the
            // very next delivery, not only to the next run.
            const target = await findWebhook(this.db, webhook.id);
            if (target?.active !== 1) return;
            const outgoing = {
              kind: 'event' as const,
              body: eventPayload(event),
              event: { id: event.id, type: event.type },
              // Counted from the records: redeliveries and tries before a re-enable count too.
              attempt: (await highestAttempt(this.db, webhook.id, event.id)) + 1,
            };
            // The attempt and what follows from it (the cursor moved, or the failure counted) in one transaction.
            const delivery = await this.deps.sender.send(target, outgoing, async (tx, delivery) => {
              if (delivery.succeeded === 1) stillOurs = await advance(tx, event.id);
              else
                await this.#failed(
                  tx,
                  target,
                  target.failed_attempts + 1,
                  target.failing_since ?? delivery.at,
                );
            });
            if (delivery.succeeded !== 1) return;
          } else {
            stillOurs = await groupedWrite(this.db, (w) => advance(w, event.id));
          }
          cursor = event.id;
          if (!stillOurs) return;
        }
      }
    } finally {
      await groupedWrite(this.db, (w) =>
        updateLeased(w, webhook.id, this.#owner, { lease_owner: null, lease_until: null }),
      );
    }
  }

  /**
   * After a failed delivery at the cursor: retried with exponential backoff (the first retries
   * within a minute), or turned off once deliveries have failed for `disableAfterMs` without a
   * success — every admin told. In the transaction that records the failed attempt.
   */
  async #failed(tx: Tx, webhook: WebhookRow, failures: number, failingSince: string): Promise<void> {
    const { retryBaseMs, retryMaxMs, disableAfterMs } = this.options;
    if (Date.now() - Date.parse(failingSince) < disableAfterMs) {
      const delay = Math.min(retryMaxMs, retryBaseMs * 2 ** (failures - 1));
      await updateLeased(tx, webhook.id, this.#owner, {
        failed_attempts: failures,
        next_attempt_at: new Date(Date.now() + delay * (0.8 + Math.random() * 0.4)).toISOString(),
        failing_since: failingSince,
      });
      return;
    }
    const at = now();
    const notice = disabledNotice(webhook.url, disableAfterMs, failingSince);
    const disabled = await updateLeased(tx, webhook.id, this.#owner, {
      active: 0,
      failed_attempts: failures,
      next_attempt_at: null,
      failing_since: failingSince,
      disabled_at: at,
      disabled_reason: notice.reason,
      updated_at: at,
    });
    if (!disabled) return;
    const after = await findWebhook(tx, webhook.id);
    await recordAudit(tx, {
      actorId: null,
      action: 'webhook.disable',
      entityType: 'webhook',
      entityId: webhook.id,
      before: toWebhook(webhook),
      after: after && toWebhook(after),
      at,
    });
    await this.deps.notifications.notifyAdmins(tx, {
      webhookId: webhook.id,
      title: notice.title,
      body: notice.body,
    });
    // Logged before the commit: a disabling that then fails to commit is retried and logged again.
    this.deps.log.warn({ webhookId: webhook.id, failingSince }, 'webhook disabled after failing too long');
  }
}
