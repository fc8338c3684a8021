import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Accepted, ForgotPasswordBody, LinkTokenBody, Ok, ResetPasswordBody } from '@igniflo/contract';
import type { FastifyRequest } from 'fastify';
import { byClient, byEmail, byUser, guessLimit } from '../../platform/http/security.ts';
import type { AccountLinks } from './account-links.service.ts';
import { alsoAnswers } from '../../platform/http/openapi.ts';

const OFF = ' With email off (no SMTP_URL) it answers 404.';
const off = alsoAnswers({ 404: 'Email is off on this server (no SMTP_URL)' });
const TOKEN =
  ' The token is the one in the emailed link (`?token=` of the web page it leads to), posted in the body so that it reaches no log.';

/** The account links mailed with email on (SPEC §13): verify an address, reset a password, confirm a new email. */
export const accountLinksRoutes: FastifyPluginAsyncTypebox<{
  links: AccountLinks;
  authRateLimitMax: number;
}> = async (app, { links, authRateLimitMax: max }) => {
  const tags = ['auth'];
  const perClient = guessLimit(app, 'account-link', max, byClient);
  const ok = { ok: true as const };

  /** The session asking, when the request carries a valid access token; a public route works without. */
  async function askingSession(request: FastifyRequest) {
    if (request.headers.authorization === undefined) return undefined;
    try {
      await app.verifyAccess(request);
      return { userId: request.user.sub, sessionId: request.user.sid };
    } catch {
      return undefined;
    }
  }

  app.post(
    '/auth/email/verify',
    {
      preHandler: [perClient],
      schema: {
        tags,
        body: LinkTokenBody,
        response: { 200: Ok, ...off },
        description: `Confirms the account's email address with the link mailed at registration (valid 24 hours, once); 400 for a link that is unknown, used, replaced or expired.${TOKEN}${OFF}`,
      },
    },
    async (request) => {
      await links.verifyEmail(request.body.token);
      return ok;
    },
  );

  app.post(
    '/auth/email/verify/resend',
    {
      onRequest: app.requireUser(),
      preHandler: [guessLimit(app, 'verify-resend', max, byUser)],
      schema: {
        tags,
        security: [{ bearerAuth: [] }],
        response: { 202: Accepted, ...off },
        description: `Mails a new verification link to the signed-in account's address (the older link stops working); 409 when it is already confirmed.${OFF}`,
      },
    },
    async (request, reply) => {
      await links.resendVerification(request.user.sub);
      return reply.status(202).send({ accepted: true as const });
    },
  );

  app.post(
    '/auth/password/forgot',
    {
      preHandler: [
        guessLimit(app, 'password-forgot', max, byClient),
        guessLimit(app, 'forgot-email', max, byEmail),
      ],
      schema: {
        tags,
        body: ForgotPasswordBody,
        response: { 202: Accepted, ...off },
        description: `Mails a password reset link (valid 30 minutes, once) if an active account has this address. Always answers 202 the same way, so it tells nobody whether an account exists. Rate-limited per client and per address.${OFF}`,
      },
    },
    async (request, reply) => {
      await links.forgotPassword(request.body.email);
      return reply.status(202).send({ accepted: true as const });
    },
  );

  app.post(
    '/auth/password/reset',
    {
      preHandler: [perClient],
      schema: {
        tags,
        body: ResetPasswordBody,
        response: { 200: Ok, ...off },
        description: `Sets a new password with the emailed reset link and signs the account out everywhere (live streams end too); the address gets a notice. 400 for a link that is unknown, used, replaced or expired.${TOKEN}${OFF}`,
      },
    },
    async (request) => {
      await links.resetPassword(request.body.token, request.body.newPassword);
      return ok;
    },
  );

  app.post(
    '/auth/email/confirm',
    {
      preHandler: [perClient],
      schema: {
        tags,
        body: LinkTokenBody,
        response: { 200: Ok, ...off },
        description: `Applies an email change with the link mailed to the new address (valid 24 hours, once): the address becomes the account's, confirmed, and every other session is signed out (all of them unless the request carries an access token of this account). 409 if another account has taken the address meanwhile; 400 for a link that is unknown, used, replaced or expired.${TOKEN}${OFF}`,
      },
    },
    async (request) => {
      await links.confirmEmailChange(request.body.token, await askingSession(request));
      return ok;
    },
  );
};
