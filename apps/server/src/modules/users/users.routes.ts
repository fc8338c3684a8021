import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminUser,
  AdminUpdateUserBody,
  AdminUsersQuery,
  ChangePasswordBody,
  IdParams,
  Ok,
  OtpSendResponse,
  Page,
  PhoneChangeBody,
  PhoneVerifyBody,
  UpdateMeBody,
  User,
} from '@igniflo/contract';
import { byUser, guessLimit } from '../../platform/http/security.ts';
import type { UsersService } from './users.service.ts';

const REAUTH_DOC =
  ' Needs `currentPassword` (or, for an account without a password, `currentCode`: a code sent to its phone by POST /auth/otp/send); otherwise 401 REAUTH_REQUIRED and nothing changes. Every other session of the account is then signed out.';

export const usersRoutes: FastifyPluginAsyncTypebox<{
  users: UsersService;
  authRateLimitMax: number;
}> = async (app, { users, authRateLimitMax }) => {
  const security = [{ bearerAuth: [] }];
  // Guessing the current password with a stolen access token is limited per account.
  const reauthLimit = guessLimit(app, 'reauth', authRateLimitMax, byUser);

  app.get(
    '/users/me',
    { onRequest: app.requireUser(), schema: { tags: ['users'], security, response: { 200: User } } },
    (request) => users.getUser(request.user.sub),
  );

  app.patch(
    '/users/me',
    {
      onRequest: app.requireUser(),
      preHandler: [reauthLimit],
      schema: {
        tags: ['users'],
        security,
        body: UpdateMeBody,
        response: { 200: User },
        description: `Changes the name, the email, or removes the phone (\`"phone": null\`). Changing the email or removing the phone:${REAUTH_DOC} A new phone is added with POST /users/me/phone.`,
      },
    },
    (request) => users.updateMe(request.user.sub, request.user.sid, request.body),
  );

  app.post(
    '/users/me/password',
    {
      onRequest: app.requireUser(),
      preHandler: [reauthLimit],
      schema: {
        tags: ['users'],
        security,
        body: ChangePasswordBody,
        response: { 200: Ok },
        description: `Sets a new password.${REAUTH_DOC}`,
      },
    },
    async (request) => {
      await users.changePassword(request.user.sub, request.user.sid, request.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/users/me/phone',
    {
      onRequest: app.requireUser(),
      preHandler: [reauthLimit],
      schema: {
        tags: ['users'],
        security,
        body: PhoneChangeBody,
        response: { 202: OtpSendResponse },
        description: `Sends a code to the new phone; POST /users/me/phone/verify attaches it.${REAUTH_DOC.split('. Every')[0]}.`,
      },
    },
    async (request, reply) =>
      reply.status(202).send(await users.requestPhoneChange(request.user.sub, request.body, request.ip)),
  );

  app.post(
    '/users/me/phone/verify',
    {
      onRequest: app.requireUser(),
      preHandler: [reauthLimit],
      schema: {
        tags: ['users'],
        security,
        body: PhoneVerifyBody,
        response: { 200: User },
        description:
          'Attaches the phone the code was sent to, as verified; every other session of the account is signed out.',
      },
    },
    (request) => users.verifyPhone(request.user.sub, request.user.sid, request.body),
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
