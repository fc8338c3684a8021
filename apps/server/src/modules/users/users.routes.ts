import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminUser,
  AdminUpdateUserBody,
  AdminUsersQuery,
  ChangePasswordBody,
  IdParams,
  Ok,
  Page,
  UpdateMeBody,
  User,
} from '@igniflo/contract';
import type { UsersService } from './users.service.ts';

export const usersRoutes: FastifyPluginAsyncTypebox<{ users: UsersService }> = async (app, { users }) => {
  const security = [{ bearerAuth: [] }];

  app.get(
    '/users/me',
    { onRequest: app.requireUser(), schema: { tags: ['users'], security, response: { 200: User } } },
    (request) => users.getUser(request.user.sub),
  );

  app.patch(
    '/users/me',
    {
      onRequest: app.requireUser(),
      schema: { tags: ['users'], security, body: UpdateMeBody, response: { 200: User } },
    },
    (request) => users.updateMe(request.user.sub, request.body),
  );

  app.post(
    '/users/me/password',
    {
      onRequest: app.requireUser(),
      schema: { tags: ['users'], security, body: ChangePasswordBody, response: { 200: Ok } },
    },
    async (request) => {
      const { sub, sid } = request.user;
      await users.changePassword(sub, sid, request.body.currentPassword, request.body.newPassword);
      return { ok: true as const };
    },
  );

  app.get(
    '/admin/users',
    {
      onRequest: app.requireUser('ADMIN'),
      schema: { tags: ['admin'], security, querystring: AdminUsersQuery, response: { 200: Page(AdminUser) } },
    },
    (request) => users.list(request.query),
  );

  app.patch(
    '/admin/users/:id',
    {
      onRequest: app.requireUser('ADMIN'),
      schema: {
        tags: ['admin'],
        security,
        params: IdParams,
        body: AdminUpdateUserBody,
        response: { 200: User },
      },
    },
    (request) => users.adminUpdate(request.user.sub, request.params.id, request.body),
  );
};
