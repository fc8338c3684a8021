import type { NotificationPage, NotificationsQuery, Notification } from '@igniflo/contract';
import { now, type Db, type Tx } from '../../platform/db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { decodeCursor, DEFAULT_LIMIT, toPage } from '../../lib/pagination.ts';
import type { AppendSubscriber, LoggedOrder, NewEvent, OrderEventRow } from '../order-log/order-log.ts';
import { userDirectory } from '../users/user-directory.ts';
import { describeEvent } from './notification-text.ts';
import { toNotification } from './notifications.mapper.ts';
import {
  countUnread,
  deleteNotification,
  findNotificationsForEvents,
  insertNotifications,
  listNotifications,
  markAllRead,
  markRead,
  notificationsOfLoggedPart,
  notificationsOfLoggedValues,
  type NotificationsOfLoggedValues,
} from './notifications.repository.ts';
import type { NotificationRow } from './notifications.table.ts';

export type NotificationsService = ReturnType<typeof createNotificationsService>;

/**
 * A user's in-app notifications: one per customer-visible event of their orders, and for admins
 * the news of webhooks.
 */
/** One notification per customer-visible event, but for the event's id and time. */
const customerNotifications = <E extends NewEvent>(order: LoggedOrder, events: E[]) =>
  events
    .filter((event) => event.visibility === 'customer')
    .map((event) => ({
      event,
      id: newId(),
      user_id: order.customer_id,
      order_id: order.id,
      webhook_id: null,
      ...describeEvent(event, order.order_number),
      read_at: null,
    }));

export function createNotificationsService({ db }: { db: Db }) {
  return {
    /** An order-log subscriber: the customer's notifications, in the transaction of the events. */
    notifyCustomer: {
      async inTransaction(tx: Tx, order: LoggedOrder, events: OrderEventRow[]): Promise<void> {
        await insertNotifications(
          tx,
          customerNotifications(order, events).map(({ event, ...row }) => ({
            ...row,
            event_id: event.id,
            created_at: event.at,
          })),
        );
      },
      statementPart: (values) => notificationsOfLoggedPart(values as NotificationsOfLoggedValues),
      statementValues: (order: LoggedOrder, events: NewEvent[]) =>
        notificationsOfLoggedValues(
          customerNotifications(order, events).map(({ event, ...row }) => ({
            ...row,
            event: events.indexOf(event) + 1,
          })),
        ),
    } satisfies AppendSubscriber,

    /** Tells every active admin about a webhook, in the transaction of the change they hear of. */
    async notifyAdmins(
      tx: Tx,
      { webhookId, title, body }: { webhookId: string; title: string; body: string | null },
    ): Promise<void> {
      const at = now();
      const admins = await userDirectory.activeAdminIds(tx);
      await insertNotifications(
        tx,
        admins.map((userId) => ({
          id: newId(),
          user_id: userId,
          order_id: null,
          event_id: null,
          webhook_id: webhookId,
          title,
          body,
          read_at: null,
          created_at: at,
        })),
      );
    },

    /** The notifications the events created, for live streams to carry beside them. */
    forEvents: (eventIds: number[]): Promise<NotificationRow[]> => findNotificationsForEvents(db, eventIds),

    async list(userId: string, query: NotificationsQuery): Promise<NotificationPage> {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await listNotifications(db, {
        userId,
        unreadOnly: query.unread === true,
        beforeId: decodeCursor(query.cursor),
        limit,
      });
      return { ...toPage(rows, limit, toNotification), unreadCount: await countUnread(db, userId) };
    },

    async markRead(userId: string, id: string): Promise<Notification> {
      const row = await markRead(db, userId, id, now());
      if (!row) throw notFound('Notification');
      return toNotification(row);
    },

    markAllRead: (userId: string): Promise<number> => markAllRead(db, userId, now()),

    async remove(userId: string, id: string): Promise<void> {
      if (!(await deleteNotification(db, userId, id))) throw notFound('Notification');
    },
  };
}
