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
import { unauthenticated } from '../../lib/errors.ts';
import { byClient, byClientAndEmail, byClientAndPhone, guessLimit } from '../../platform/http/security.ts';
import type { AuthService } from './auth.service.ts';
import type { OtpService } from './otp.service.ts';
import { clearRefreshCookie, deliverSession, refreshCookieOf, type CookieOptions } from './refresh-cookie.ts';
import { alsoAnswers } from '../../platform/http/openapi.ts';

/** One client may try this many times the per-account limit across accounts. */
const CLIENT_FACTOR = 5;

const MODE_DOC =
  ' With `"mode": "cookie"` (the web app) the refresh token is set as an HttpOnly, SameSite=Strict cookie on /api/v1/auth instead of being returned.';

export const authRoutes: FastifyPluginAsyncTypebox<{
  auth: AuthService;
  otp: OtpService;
  authRateLimitMax: number;
  cookies: CookieOptions;
}> = async (app, { auth, otp, authRateLimitMax: max, cookies }) => {
  const perClient = guessLimit(app, 'auth-client', max * CLIENT_FACTOR, byClient);

  app.post(
    '/auth/register',
    {
      preHandler: [guessLimit(app, 'register', max, byClient)],
      schema: { tags: ['auth'], body: RegisterBody, response: { 201: Session }, description: MODE_DOC },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(deliverSession(request, reply, await auth.register(request.body), request.body.mode, cookies)),
  );

  app.post(
    '/auth/login',
    {
      preHandler: [guessLimit(app, 'login', max, byClientAndEmail), perClient],
      schema: {
        tags: ['auth'],
        body: LoginBody,
        response: { 200: Session, ...alsoAnswers({ 401: 'The email or password is wrong' }) },
        description: MODE_DOC,
      },
    },
    async (request, reply) =>
      deliverSession(
        request,
        reply,
        await auth.login(request.body.email, request.body.password),
        request.body.mode,
        cookies,
      ),
  );

  app.post(
    '/auth/refresh',
    {
      preHandler: [guessLimit(app, 'refresh', max * 6, byClient)],
      schema: {
        tags: ['auth'],
        body: RefreshBody,
        response: {
          200: Session,
          ...alsoAnswers({
            401: 'No refresh token, or one that is unknown, used, expired or revoked',
            403: 'The refresh cookie came from another site',
          }),
        },
        description: `Rotates the refresh token: from the body, or without one from the refresh cookie (same-origin requests only; the answer is then in cookie mode).${MODE_DOC}`,
      },
    },
    async (request, reply) => {
      const fromCookie = request.body.refreshToken === undefined ? refreshCookieOf(request) : undefined;
      const token = request.body.refreshToken ?? fromCookie;
      if (token === undefined) throw unauthenticated('No refresh token: sign in');
      try {
        const session = await auth.refresh(token);
        return deliverSession(request, reply, session, fromCookie ? 'cookie' : request.body.mode, cookies);
      } catch (error) {
        if (fromCookie) clearRefreshCookie(request, reply, cookies);
        throw error;
      }
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        security: [{ bearerAuth: [] }],
        response: { 200: Ok },
        description:
          'Ends the session of the bearer token, or of the refresh cookie (same-origin requests only), and clears the cookie.',
      },
    },
    async (request, reply) => {
      const ended = new Set<string>();
      const cookie = refreshCookieOf(request);
      if (cookie !== undefined) {
        clearRefreshCookie(request, reply, cookies);
        const sessionId = await auth.sessionOfRefreshToken(cookie);
        if (sessionId) ended.add(sessionId);
      }
      if (request.headers.authorization !== undefined || cookie === undefined) {
        await app.verifyAccess(request);
        ended.add(request.user.sid);
      }
      for (const sessionId of ended) await auth.logout(sessionId);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/otp/send',
    {
      // Per client here; per phone inside the service (a new code every 30 s, 5 an hour).
      preHandler: [guessLimit(app, 'otp-send', max, byClient)],
      schema: {
        tags: ['auth'],
        body: OtpSendBody,
        response: { 202: OtpSendResponse },
        description:
          'Sends a 6-digit sign-in code to the phone (E.164). The code is never part of any response. The code also serves as `currentCode` to confirm account changes of an account without a password.',
      },
    },
    async (request, reply) => reply.status(202).send(await otp.send(request.body.phone, request.ip)),
  );

  app.post(
    '/auth/otp/verify',
    {
      preHandler: [guessLimit(app, 'otp-verify', max, byClientAndPhone), perClient],
      schema: {
        tags: ['auth'],
        body: OtpVerifyBody,
        response: { 200: Session, ...alsoAnswers({ 401: 'The code is wrong, used or expired' }) },
        description: `Signs in with the code; creates a customer account for a phone seen for the first time.${MODE_DOC}`,
      },
    },
    async (request, reply) =>
      deliverSession(
        request,
        reply,
        await otp.verify(request.body.phone, request.body.code, request.body.name),
        request.body.mode,
        cookies,
      ),
  );
};
