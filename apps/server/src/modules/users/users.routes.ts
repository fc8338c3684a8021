import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdminCreatedUser,
  AdminCreateUserBody,
  AdminUser,
  AdminUpdateUserBody,
  AdminUsersQuery,
  ChangePasswordBody,
  EmailChangePending,
  IdParams,
  Ok,
  OtpSendResponse,
  Page,
  PhoneChangeBody,
  PhoneVerifyBody,
  UpdateMeBody,
  User,
} from '@igniflo/contract';
import type { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { byUser, guessLimit } from '../../platform/http/security.ts';
import { multipartUpload } from '../media/media-upload.ts';
import { AVATAR_PIXELS, type AvatarsService } from './avatars.service.ts';
import type { UsersService } from './users.service.ts';

const REAUTH_DOC =
  ' Needs `currentPassword` (or, for an account without a password, `currentCode`: a code sent to its phone by POST /auth/otp/send); otherwise 401 REAUTH_REQUIRED and nothing changes. Every other session of the account is then signed out.';

export const usersRoutes: FastifyPluginAsyncTypebox<{
  users: UsersService;
  avatars: AvatarsService;
  authRateLimitMax: number;
  maxUploadBytes: number;
}> = async (app, { users, avatars, authRateLimitMax, maxUploadBytes }) => {
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
        response: { 200: User, 202: EmailChangePending },
        description: `Changes the name, the email, or removes the phone (\`"phone": null\`). Changing the email or removing the phone:${REAUTH_DOC} With email on (SMTP_URL), a new email answers 202 {pendingEmail} and changes nothing yet: a link goes to the new address (POST /auth/email/confirm applies it) and a notice to the current one. A new phone is added with POST /users/me/phone.`,
      },
    },
    async (request, reply) => {
      const result = await users.updateMe(request.user.sub, request.user.sid, request.body);
      return 'pending' in result ? reply.status(202).send(result.pending) : result.user;
    },
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

  app.put(
    '/users/me/avatar',
    {
      onRequest: app.requireUser(),
      schema: {
        tags: ['users'],
        security,
        consumes: ['multipart/form-data'],
        response: { 200: User },
        description: `Sets the profile picture: a multipart upload in a field named "file", a JPEG, PNG, GIF or WebP image by content (anything else 415), at most ${maxUploadBytes} bytes (413). It is kept as a ${AVATAR_PIXELS}-pixel square WebP; the old picture is deleted. Answers the user with its new avatarUrl.`,
      },
    },
    (request) => avatars.set(request.user.sub, multipartUpload(request, maxUploadBytes)),
  );

  app.delete(
    '/users/me/avatar',
    {
      onRequest: app.requireUser(),
      schema: {
        tags: ['users'],
        security,
        response: { 200: User },
        description: 'Removes the profile picture, if any; answers the user, with avatarUrl null.',
      },
    },
    (request) => avatars.remove(request.user.sub),
  );

  app.get(
    '/users/:id/avatar',
    {
      onRequest: app.requireUser(),
      schema: {
        tags: ['users'],
        security,
        params: IdParams,
        querystring: Type.Object(
          { v: Type.Optional(Type.String({ maxLength: 64, description: 'the version avatarUrl names' })) },
          { additionalProperties: false },
        ),
        response: {
          200: {
            description: `The picture: a ${AVATAR_PIXELS}-pixel square WebP.`,
            content: {
              'image/webp': { schema: Type.Unsafe<Readable>({ type: 'string', format: 'binary' }) },
            },
          },
        },
        description:
          "A user's profile picture, for the user themselves, staff and admins; anyone else, or a user without a picture: 404. Fetched at the avatarUrl of the current picture it may be cached for good; at any other URL it must be revalidated.",
      },
    },
    async (request, reply) => {
      const picture = await avatars.open(
        { id: request.user.sub, role: request.user.role },
        request.params.id,
      );
      const current = request.query.v === picture.version;
      return reply
        .type('image/webp')
        .header('cache-control', current ? 'private, max-age=31536000, immutable' : 'private, no-cache')
        .send(picture.stream);
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

  app.post(
    '/admin/users',
    {
      onRequest: app.requireUser('ADMIN'),
      schema: {
        tags: ['admin'],
        security,
        summary: 'Create or invite a user',
        body: AdminCreateUserBody,
        response: { 201: AdminCreatedUser },
        description:
          'Admin. Makes an account with a role. With `password` it can sign in at once. Without one the person is mailed an invitation link (valid 7 days) to choose a password, `invited: true`; with email off (no SMTP_URL) a password is required (400). 409 when the email already has an account.',
      },
    },
    async (request, reply) => reply.status(201).send(await users.adminCreate(request.user.sub, request.body)),
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
