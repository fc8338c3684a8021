import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { prepared } from '../../platform/db/prepared.ts';
import type { NotificationRow } from './notifications.table.ts';

export async function insertNotifications(db: Executor, rows: NotificationRow[]): Promise<void> {
  if (rows.length > 0) await insertNotificationRows(db, rows);
}

const insertNotificationRows = prepared((db, rows: NotificationRow[]) =>
  db.insertInto('notifications').values(rows),
);

/** A notification of an event not yet written: `event` is its place (from 1) among the events. */
export type NotificationOfEvent = Omit<NotificationRow, 'event_id' | 'created_at'> & { event: number };

/** What notificationsOfLoggedPart takes: the notifications, as JSON rows. */
export type NotificationsOfLoggedValues = {
  notifications_of_logged: string;
};

export const notificationsOfLoggedValues = (rows: NotificationOfEvent[]): NotificationsOfLoggedValues => ({
  notifications_of_logged: JSON.stringify(rows),
});

/**
 * insertNotifications as a CTE of a one-statement write (PostgreSQL), built from stand-ins of its
 * values: each row takes the id and time of its event from the CTE `logged`, which returns the new
 * events in id order.
 */
export function notificationsOfLoggedPart(v: NotificationsOfLoggedValues) {
  return sql`notifications_of_logged as (
    insert into notifications (id, user_id, order_id, event_id, webhook_id, title, body, read_at, created_at)
    select n.id, n.user_id, n.order_id, e.id, n.webhook_id, n.title, n.body, n.read_at, e.at
    from (select l.id, l.at, row_number() over (order by l.id) as place from logged l) as e
    join json_to_recordset(${v.notifications_of_logged}::json)
      as n (event int, id text, user_id text, order_id text, webhook_id text, title text, body text, read_at text)
      on n.event = e.place
  )`;
}

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
