import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, Notification, NotificationPage, NotificationsQuery } from '@igniflo/contract';
import { now, type Db } from '../../platform/db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { decodeCursor, DEFAULT_LIMIT, toPage } from '../../lib/pagination.ts';
import {
  countUnread,
  deleteNotification,
  listNotifications,
  markAllRead,
  markRead,
} from './notifications.repository.ts';
import { toNotification } from './notifications.mapper.ts';

/** A user's own in-app notifications; another user's notification is "not found". */
export const notificationsRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const schema = { tags: ['notifications'], security: [{ bearerAuth: [] }] };
  const onRequest = app.requireUser();

  app.get(
    '/notifications',
    {
      onRequest,
      schema: { ...schema, querystring: NotificationsQuery, response: { 200: NotificationPage } },
    },
    async (request) => {
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      const userId = request.user.sub;
      const rows = await listNotifications(db, {
        userId,
        unreadOnly: request.query.unread === true,
        beforeId: decodeCursor(request.query.cursor),
        limit,
      });
      return { ...toPage(rows, limit, toNotification), unreadCount: await countUnread(db, userId) };
    },
  );

  app.patch(
    '/notifications/:id/read',
    { onRequest, schema: { ...schema, params: IdParams, response: { 200: Notification } } },
    async (request) => {
      const row = await markRead(db, request.user.sub, request.params.id, now());
      if (!row) throw notFound('Notification');
      return toNotification(row);
    },
  );

  app.post(
    '/notifications/read-all',
    { onRequest, schema: { ...schema, response: { 200: Type.Object({ updated: Type.Integer() }) } } },
    async (request) => ({ updated: await markAllRead(db, request.user.sub, now()) }),
  );

  app.delete(
    '/notifications/:id',
    { onRequest, schema: { ...schema, params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (!(await deleteNotification(db, request.user.sub, request.params.id)))
        throw notFound('Notification');
      return reply.status(204).send(null);
    },
  );
};
