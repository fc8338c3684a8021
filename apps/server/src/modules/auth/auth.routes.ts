import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  LoginBody,
  Ok,
  OtpSendBody,
  OtpSendResponse,
  OtpVerifyBody,
  RefreshBody,
  RegisterBody,
  Session,
} from '@igniflo/contract';
import type { OtpService } from './otp.service.ts';
import { authRateLimit } from '../../plugins/security.ts';
import type { AuthService } from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncTypebox<{
  auth: AuthService;
  otp: OtpService;
  authRateLimitMax: number;
}> = async (app, { auth, otp, authRateLimitMax }) => {
  app.post(
    '/auth/register',
    {
      config: authRateLimit(authRateLimitMax),
      schema: { tags: ['auth'], body: RegisterBody, response: { 201: Session } },
    },
    async (request, reply) => reply.status(201).send(await auth.register(request.body)),
  );

  app.post(
    '/auth/login',
    {
      config: authRateLimit(authRateLimitMax, 'email'),
      schema: { tags: ['auth'], body: LoginBody, response: { 200: Session } },
    },
    (request) => auth.login(request.body.email, request.body.password),
  );

  app.post(
    '/auth/refresh',
    {
      config: authRateLimit(authRateLimitMax * 6),
      schema: { tags: ['auth'], body: RefreshBody, response: { 200: Session } },
    },
    (request) => auth.refresh(request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      onRequest: app.requireUser(),
      schema: { tags: ['auth'], security: [{ bearerAuth: [] }], response: { 200: Ok } },
    },
    async (request) => {
      await auth.logout(request.user.sid);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/otp/send',
    {
      // Per client here; per phone inside the service (a new code every 30 s, 5 an hour).
      config: authRateLimit(authRateLimitMax),
      schema: {
        tags: ['auth'],
        body: OtpSendBody,
        response: { 202: OtpSendResponse },
        description:
          'Sends a 6-digit sign-in code to the phone (E.164). The code is never part of any response.',
      },
    },
    async (request, reply) => reply.status(202).send(await otp.send(request.body.phone, request.ip)),
  );

  app.post(
    '/auth/otp/verify',
    {
      config: authRateLimit(authRateLimitMax, 'phone'),
      schema: {
        tags: ['auth'],
        body: OtpVerifyBody,
        response: { 200: Session },
        description:
          'Signs in with the code; creates a customer account for a phone seen for the first time.',
      },
    },
    (request) => otp.verify(request.body.phone, request.body.code, request.body.name),
  );
};
