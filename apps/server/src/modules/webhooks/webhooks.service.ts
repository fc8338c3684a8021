import { randomBytes } from 'node:crypto';
import type { CreateWebhookBody, UpdateWebhookBody, Webhook } from '@igniflo/contract';
import { now, type Db } from '../../db/database.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { decodeCursor, DEFAULT_LIMIT, toPage, type PageParams } from '../../lib/pagination.ts';
import { latestEventId } from '../events/events.repository.ts';
import {
  deleteWebhook,
  findWebhook,
  insertWebhook,
  listDeliveries,
  listWebhooks,
  updateWebhook,
} from './webhooks.repository.ts';
import { toDelivery, toWebhook } from './webhooks.mapper.ts';
import { isPrivateTarget } from './webhook-target.ts';

export type WebhooksService = ReturnType<typeof createWebhooksService>;

export function createWebhooksService({ db, allowPrivateTargets }: { db: Db; allowPrivateTargets: boolean }) {
  const checkTarget = (url: string) => {
    if (!allowPrivateTargets && isPrivateTarget(new URL(url))) {
      throw invalid('Webhook URL must point to a public host', [{ path: '/url' }]);
    }
  };

  async function get(id: string): Promise<Webhook> {
    const row = await findWebhook(db, id);
    if (!row) throw notFound('Webhook');
    return toWebhook(row);
  }

  return {
    get,

    /** A new webhook receives the events that happen after it is created. */
    async create(input: CreateWebhookBody): Promise<Webhook> {
      checkTarget(input.url);
      const at = now();
      const row = await insertWebhook(db, {
        id: newId(),
        url: input.url,
        secret: `whsec_${randomBytes(24).toString('base64url')}`,
        description: input.description ?? '',
        event_types: JSON.stringify(input.eventTypes ?? []),
        active: input.active === false ? 0 : 1,
        last_event_id: await latestEventId(db),
        failed_attempts: 0,
        next_attempt_at: null,
        lease_owner: null,
        lease_until: null,
        created_at: at,
        updated_at: at,
      });
      return toWebhook(row);
    },

    async list(page: PageParams) {
      const limit = page.limit ?? DEFAULT_LIMIT;
      return toPage(await listWebhooks(db, { beforeId: decodeCursor(page.cursor), limit }), limit, toWebhook);
    },

    async update(id: string, patch: UpdateWebhookBody): Promise<Webhook> {
      if (patch.url !== undefined) checkTarget(patch.url);
      const row = await updateWebhook(db, id, {
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.eventTypes !== undefined ? { event_types: JSON.stringify(patch.eventTypes) } : {}),
        // Re-enabling retries at once rather than waiting out the backoff.
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0, next_attempt_at: null } : {}),
        updated_at: now(),
      });
      if (!row) throw notFound('Webhook');
      return toWebhook(row);
    },

    async remove(id: string): Promise<void> {
      if (!(await db.transaction().execute((tx) => deleteWebhook(tx, id)))) throw notFound('Webhook');
    },

    async deliveries(id: string, page: PageParams) {
      await get(id);
      const limit = page.limit ?? DEFAULT_LIMIT;
      const cursor =
        page.cursor === undefined ? undefined : Number(Buffer.from(page.cursor, 'base64url').toString());
      if (cursor !== undefined && !Number.isSafeInteger(cursor))
        throw invalid('cursor is not valid', [{ path: '/cursor' }]);
      const rows = await listDeliveries(db, id, { beforeId: cursor, limit });
      const items = rows.slice(0, limit).map(toDelivery);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > limit && last ? Buffer.from(String(last.id)).toString('base64url') : null,
      };
    },
  };
}
