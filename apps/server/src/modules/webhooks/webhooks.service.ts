import { randomBytes } from 'node:crypto';
import type { CreateWebhookBody, UpdateWebhookBody, Webhook, WebhookWithSecret } from '@igniflo/contract';
import { now, type Db } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import {
  decodeCursor,
  decodeNumericCursor,
  DEFAULT_LIMIT,
  encodeNumericCursor,
  toPage,
  type PageParams,
} from '../../lib/pagination.ts';
import type { OrderLog } from '../order-log/order-log.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  deleteWebhook,
  findWebhook,
  insertWebhook,
  listDeliveries,
  listWebhooks,
  updateWebhook,
} from './webhooks.repository.ts';
import { toDelivery, toWebhook, toWebhookWithSecret } from './webhooks.mapper.ts';
import { targetProblem } from './webhook-target.ts';
import type { WebhookRow } from './webhooks.table.ts';

/** What the audit log keeps of a webhook: what every answer but the first shows, no secret. */
const auditable = toWebhook;

/**
 * Pausing, or resuming a paused webhook or one the dispatcher turned off: it starts a fresh failure
 * count and retries at once from its cursor rather than waiting out the backoff. Resuming an active
 * webhook changes nothing (it does not hide a failure that is still going on).
 */
function activeness(active: boolean, before: WebhookRow) {
  if (!active) return { active: 0, next_attempt_at: null };
  if (before.active === 1) return {};
  return {
    active: 1,
    next_attempt_at: null,
    failed_attempts: 0,
    failing_since: null,
    disabled_at: null,
    disabled_reason: null,
  };
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

export type WebhooksService = ReturnType<typeof createWebhooksService>;

export function createWebhooksService({
  db,
  orderLog,
  allowPrivateTargets,
}: {
  db: Db;
  orderLog: OrderLog;
  allowPrivateTargets: boolean;
}) {
  const checkTarget = (url: string) => {
    const problem = targetProblem(url, allowPrivateTargets);
    if (problem) throw invalid(problem, [{ path: '/url', message: problem }]);
  };

  async function get(id: string): Promise<Webhook> {
    const row = await findWebhook(db, id);
    if (!row) throw notFound('Webhook');
    return toWebhook(row);
  }

  return {
    get,

    /** A new webhook receives the events that happen after it is created. */
    async create(input: CreateWebhookBody, actorId: string): Promise<WebhookWithSecret> {
      checkTarget(input.url);
      return transaction(db, async (tx) => {
        const at = now();
        const row = await insertWebhook(tx, {
          id: newId(),
          url: input.url,
          secret: newSecret(),
          description: input.description ?? '',
          event_types: JSON.stringify(input.eventTypes ?? []),
          active: input.active === false ? 0 : 1,
          last_event_id: await orderLog.latestId(tx),
          failed_attempts: 0,
          next_attempt_at: null,
          lease_owner: null,
          lease_until: null,
          failing_since: null,
          disabled_at: null,
          disabled_reason: null,
          created_at: at,
          updated_at: at,
        });
        const entity = { entityType: 'webhook' as const, entityId: row.id };
        await recordAudit(tx, { actorId, action: 'webhook.create', ...entity, after: auditable(row), at });
        return toWebhookWithSecret(row);
      });
    },

    async list(page: PageParams) {
      const limit = page.limit ?? DEFAULT_LIMIT;
      return toPage(await listWebhooks(db, { beforeId: decodeCursor(page.cursor), limit }), limit, toWebhook);
    },

    async update(id: string, patch: UpdateWebhookBody, actorId: string): Promise<Webhook> {
      if (patch.url !== undefined) checkTarget(patch.url);
      return transaction(db, async (tx) => {
        const before = await findWebhook(tx, id);
        if (!before) throw notFound('Webhook');
        const at = now();
        const row = await updateWebhook(tx, id, {
          ...(patch.url !== undefined ? { url: patch.url } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.eventTypes !== undefined ? { event_types: JSON.stringify(patch.eventTypes) } : {}),
          ...(patch.active !== undefined ? activeness(patch.active, before) : {}),
          updated_at: at,
        });
        if (!row) throw notFound('Webhook');
        const entity = { entityType: 'webhook' as const, entityId: id };
        await recordAudit(tx, {
          actorId,
          action: 'webhook.update',
          ...entity,
          before: auditable(before),
          after: auditable(row),
          at,
        });
        return toWebhook(row);
      });
    },

    /** A new secret signs every delivery from now on; the old one stops at once. */
    async rotateSecret(id: string, actorId: string): Promise<WebhookWithSecret> {
      return transaction(db, async (tx) => {
        const before = await findWebhook(tx, id);
        if (!before) throw notFound('Webhook');
        const at = now();
        const row = await updateWebhook(tx, id, { secret: newSecret(), updated_at: at });
        if (!row) throw notFound('Webhook');
        await recordAudit(tx, {
          actorId,
          action: 'webhook.rotate_secret',
          entityType: 'webhook',
          entityId: id,
          before: auditable(before),
          after: auditable(row),
          at,
        });
        return toWebhookWithSecret(row);
      });
    },

    async remove(id: string, actorId: string): Promise<void> {
      await transaction(db, async (tx) => {
        const before = await findWebhook(tx, id);
        if (!before || !(await deleteWebhook(tx, id))) throw notFound('Webhook');
        const entity = { entityType: 'webhook' as const, entityId: id };
        await recordAudit(tx, {
          actorId,
          action: 'webhook.delete',
          ...entity,
          before: auditable(before),
          at: now(),
        });
      });
    },

    async deliveries(id: string, page: PageParams) {
      await get(id);
      const limit = page.limit ?? DEFAULT_LIMIT;
      const rows = await listDeliveries(db, id, { beforeId: decodeNumericCursor(page.cursor), limit });
      const items = rows.slice(0, limit).map(toDelivery);
      return { items, nextCursor: rows.length > limit ? encodeNumericCursor(items.at(-1)?.id) : null };
    },
  };
}
