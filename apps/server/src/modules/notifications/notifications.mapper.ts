import type { Notification } from '@igniflo/contract';
import type { NotificationRow } from './notifications.table.ts';

export const toNotification = (row: NotificationRow): Notification => ({
  id: row.id,
  orderId: row.order_id,
  eventId: row.event_id,
  webhookId: row.webhook_id,
  title: row.title,
  body: row.body,
  read: row.read_at !== null,
  createdAt: row.created_at,
});
