import type { Executor } from '../../platform/db/database.ts';
import { prepared } from '../../platform/db/prepared.ts';
import type { NotificationRow } from './notifications.table.ts';

export async function insertNotifications(db: Executor, rows: NotificationRow[]): Promise<void> {
  if (rows.length > 0) await insertNotificationRows(db, rows);
}

const insertNotificationRows = prepared((db, rows: NotificationRow[]) =>
  db.insertInto('notifications').values(rows),
);

export async function listNotifications(
  db: Executor,
  filter: { userId: string; unreadOnly: boolean; beforeId?: string | undefined; limit: number },
): Promise<NotificationRow[]> {
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', filter.userId)
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.unreadOnly) query = query.where('read_at', 'is', null);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  return query.execute();
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const findNotificationsForEvents = (db: Executor, eventIds: number[]): Promise<NotificationRow[]> =>
  eventIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('notifications').selectAll().where('event_id', 'in', eventIds).execute();

export async function markRead(
  db: Executor,
  userId: string,
  id: string,
  at: string,
): Promise<NotificationRow | undefined> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function markAllRead(db: Executor, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteNotification(db: Executor, userId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('notifications')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
