import type { Selectable } from 'kysely';

export interface NotificationsTable {
  id: string;
  user_id: string;
  /** The order and event this notification tells about (streams resume by event id), or null. */
  order_id: string | null;
  event_id: number | null;
  /** The webhook it tells about (an admin's notification that it was disabled), or null. */
  webhook_id: string | null;
  title: string;
  body: string | null;
  read_at: string | null;
  created_at: string;
}
export type NotificationRow = Selectable<NotificationsTable>;
