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
        response: { 201: Webhook },
        description:
          'Each order event is POSTed as JSON, signed with HMAC-SHA256 of the body in x-igniflo-signature ("sha256=<hex>"), at least once and in event order; failures are retried with exponential backoff.',
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
