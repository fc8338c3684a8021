import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  IdParams,
  MessageList,
  Preferences,
  PreferencesPatch,
  Unsubscribed,
  UnsubscribeQuery,
} from '@igniflo/contract';
import type { MessagesService } from './messages.service.ts';

export const messagesRoutes: FastifyPluginAsyncTypebox<{ messages: MessagesService }> = async (
  app,
  { messages },
) => {
  const security = [{ bearerAuth: [] }];
  const tags = ['messages'];
  // Mail clients post the one-click form (RFC 8058: `List-Unsubscribe=One-Click`); its content is not needed.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, _body, done) => done(null, undefined),
  );

  app.get(
    '/orders/:id/messages',
    {
      onRequest: app.requireUser('STAFF', 'ADMIN'),
      schema: {
        tags,
        security,
        params: IdParams,
        response: { 200: MessageList },
        description:
          'Staff and admin. The emails and texts sent (or being sent) about an order, oldest first, recipients masked, each with its status and attempts.',
      },
    },
    (request) => messages.ofOrder({ id: request.user.sub, role: request.user.role }, request.params.id),
  );

  app.get(
    '/users/me/preferences',
    {
      onRequest: app.requireUser(),
      schema: {
        tags,
        security,
        response: { 200: Preferences },
        description: 'Which order updates the signed-in user gets, by email and by text.',
      },
    },
    (request) => messages.preferences(request.user.sub),
  );

  app.patch(
    '/users/me/preferences',
    {
      onRequest: app.requireUser(),
      schema: {
        tags,
        security,
        body: PreferencesPatch,
        response: { 200: Preferences },
        description:
          'Turns order updates by email or by text on or off. Texts need a verified phone (409 otherwise).',
      },
    },
    (request) => messages.updatePreferences(request.user.sub, request.body),
  );

  app.post(
    '/messages/unsubscribe',
    {
      schema: {
        tags,
        querystring: UnsubscribeQuery,
        response: { 200: Unsubscribed },
        description:
          "One-click unsubscribe (RFC 8058): the `List-Unsubscribe` link of every order email, and the unsubscribe page's button. Turns order updates by email off for the account the signed token names; 400 for a token that is not valid.",
      },
    },
    (request) => messages.unsubscribe(request.query.token),
  );
};
