import type { Selectable } from 'kysely';

export interface NotificationsTable {
  id: string;
  user_id: string;
  order_id: string;
  /** The order event this notification tells about: streams resume by event id. */
  event_id: number;
  title: string;
  body: string | null;
  read_at: string | null;
  created_at: string;
}
export type NotificationRow = Selectable<NotificationsTable>;
