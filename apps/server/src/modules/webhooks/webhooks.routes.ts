import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CreateWebhookBody,
  IdParams,
  Page,
  PageQuery,
  UpdateWebhookBody,
  Webhook,
  WebhookDelivery,
  WebhookWithSecret,
} from '@igniflo/contract';
import type { WebhooksService } from './webhooks.service.ts';

const PageQuerySchema = Type.Object(PageQuery, { additionalProperties: false });

export const webhooksRoutes: FastifyPluginAsyncTypebox<{ webhooks: WebhooksService }> = async (
  app,
  { webhooks },
) => {
  const schema = { tags: ['webhooks'], security: [{ bearerAuth: [] }] };
  const onRequest = app.requireUser('ADMIN');

  app.post(
    '/admin/webhooks',
    {
      onRequest,
      schema: {
        ...schema,
        body: CreateWebhookBody,
        response: { 201: WebhookWithSecret },
        description: [
          'Each order event is POSTed as JSON, at least once and in event order; failures are retried with exponential backoff.',
          'Every delivery is signed in `x-igniflo-signature: t=<unix seconds>,v1=<hex>`, where v1 is the hex HMAC-SHA256 of the string "<t>.<body>" (the timestamp, a dot and the raw body) keyed with the webhook\'s secret.',
          'Receivers should recompute v1, compare it in constant time and refuse timestamps more than a few minutes old, so that a captured delivery cannot be replayed.',
          'The secret is in this answer only (and in that of rotate-secret): store it now, it is never shown again.',
          "The URL must point to a public unicast address: loopback, private, link-local, multicast, reserved and this host's own addresses are refused, in every notation, when saved and again on every connection.",
        ].join(' '),
      },
    },
    async (request, reply) => reply.status(201).send(await webhooks.create(request.body, request.user.sub)),
  );

  app.get(
    '/admin/webhooks',
    { onRequest, schema: { ...schema, querystring: PageQuerySchema, response: { 200: Page(Webhook) } } },
    (request) => webhooks.list(request.query),
  );

  app.get(
    '/admin/webhooks/:id',
    { onRequest, schema: { ...schema, params: IdParams, response: { 200: Webhook } } },
    (request) => webhooks.get(request.params.id),
  );

  app.patch(
    '/admin/webhooks/:id',
    {
      onRequest,
      schema: { ...schema, params: IdParams, body: UpdateWebhookBody, response: { 200: Webhook } },
    },
    (request) => webhooks.update(request.params.id, request.body, request.user.sub),
  );

  app.delete(
    '/admin/webhooks/:id',
    { onRequest, schema: { ...schema, params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await webhooks.remove(request.params.id, request.user.sub);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/admin/webhooks/:id/rotate-secret',
    {
      onRequest,
      schema: {
        ...schema,
        params: IdParams,
        response: { 200: WebhookWithSecret },
        description:
          'Replaces the signing secret; the new one signs every delivery from now on and is shown in this answer only.',
      },
    },
    (request) => webhooks.rotateSecret(request.params.id, request.user.sub),
  );

  app.get(
    '/admin/webhooks/:id/deliveries',
    {
      onRequest,
      schema: {
        ...schema,
        params: IdParams,
        querystring: PageQuerySchema,
        response: { 200: Page(WebhookDelivery) },
      },
    },
    (request) => webhooks.deliveries(request.params.id, request.query),
  );
};
