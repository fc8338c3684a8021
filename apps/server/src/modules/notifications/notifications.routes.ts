import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IdParams, Notification, NotificationPage, NotificationsQuery } from '@igniflo/contract';
import type { NotificationsService } from './notifications.service.ts';

/** A user's own in-app notifications; another user's notification is "not found". */
export const notificationsRoutes: FastifyPluginAsyncTypebox<{ notifications: NotificationsService }> = async (
  app,
  { notifications },
) => {
  const schema = { tags: ['notifications'], security: [{ bearerAuth: [] }] };
  const onRequest = app.requireUser();

  app.get(
    '/notifications',
    {
      onRequest,
      schema: { ...schema, querystring: NotificationsQuery, response: { 200: NotificationPage } },
    },
    (request) => notifications.list(request.user.sub, request.query),
  );

  app.patch(
    '/notifications/:id/read',
    { onRequest, schema: { ...schema, params: IdParams, response: { 200: Notification } } },
    (request) => notifications.markRead(request.user.sub, request.params.id),
  );

  app.post(
    '/notifications/read-all',
    { onRequest, schema: { ...schema, response: { 200: Type.Object({ updated: Type.Integer() }) } } },
    async (request) => ({ updated: await notifications.markAllRead(request.user.sub) }),
  );

  app.delete(
    '/notifications/:id',
    { onRequest, schema: { ...schema, params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await notifications.remove(request.user.sub, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
