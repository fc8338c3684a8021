import type { Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { WebhookDeliveryRow, WebhookRow, WebhooksTable } from './webhooks.table.ts';

export const findWebhook = (db: Executor, id: string): Promise<WebhookRow | undefined> =>
  db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();

export const insertWebhook = (db: Executor, row: WebhookRow): Promise<WebhookRow> =>
  db.insertInto('webhooks').values(row).returningAll().executeTakeFirstOrThrow();

export const updateWebhook = (db: Executor, id: string, patch: Updateable<WebhooksTable>) =>
  db.updateTable('webhooks').set(patch).where('id', '=', id).returningAll().executeTakeFirst();

export async function deleteWebhook(db: Executor, id: string): Promise<boolean> {
  await db.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export const listWebhooks = (
  db: Executor,
  { beforeId, limit }: { beforeId?: string | undefined; limit: number },
) => {
  let query = db
    .selectFrom('webhooks')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (beforeId) query = query.where('id', '<', beforeId);
  return query.execute();
};

export const listDeliveries = (
  db: Executor,
  webhookId: string,
  { beforeId, limit }: { beforeId?: number | undefined; limit: number },
): Promise<WebhookDeliveryRow[]> => {
  let query = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  return query.execute();
};

/** Active webhooks with events still owed, whose retry time has come and which nobody holds. */
export async function dueWebhooks(db: Executor, at: string, latestEventId: number): Promise<WebhookRow[]> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('active', '=', 1)
    .where('last_event_id', '<', latestEventId)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', at)]))
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
    .limit(100)
    .execute();
}

/** Takes the webhook for one delivery run; false when another instance holds it. */
export async function leaseWebhook(db: Executor, id: string, owner: string, at: string, until: string) {
  const result = await db
    .updateTable('webhooks')
    .set({ lease_owner: owner, lease_until: until })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Updates delivery state only while this instance still holds the lease. */
export async function updateLeased(
  db: Executor,
  id: string,
  owner: string,
  patch: Updateable<WebhooksTable>,
) {
  const result = await db
    .updateTable('webhooks')
    .set(patch)
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export const recordDelivery = (
  db: Executor,
  row: Omit<WebhookDeliveryRow, 'id'>,
): Promise<WebhookDeliveryRow> =>
  db.insertInto('webhook_deliveries').values(row).returningAll().executeTakeFirstOrThrow();

/** One attempt, only as an attempt of this webhook. */
export const findDelivery = (
  db: Executor,
  webhookId: string,
  id: number,
): Promise<WebhookDeliveryRow | undefined> =>
  db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', id)
    .where('webhook_id', '=', webhookId)
    .executeTakeFirst();

/** The number of this webhook's latest attempt at an event, 0 for none. */
export async function highestAttempt(db: Executor, webhookId: string, eventId: number): Promise<number> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.max('attempt').as('attempts'))
    .where('webhook_id', '=', webhookId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return Number(row?.attempts ?? 0);
}

/** Deletes up to `limit` attempts recorded before `cutoff`, oldest first; answers how many. */
export async function deleteDeliveriesBefore(db: Executor, cutoff: string, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('webhook_deliveries')
    .where('id', 'in', (eb) =>
      eb.selectFrom('webhook_deliveries').select('id').where('at', '<', cutoff).orderBy('id').limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
