import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  CreateWebhookBody,
  IdParams,
  Page,
  PageQuery,
  UpdateWebhookBody,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryParams,
  WebhookWithSecret,
} from '@igniflo/contract';
import type { WebhookOperations } from './webhook-operations.ts';
import type { WebhooksService } from './webhooks.service.ts';

const PageQuerySchema = Type.Object(PageQuery, { additionalProperties: false });

/**
 * Sends by hand, limited per webhook rather than per client: they reach someone else's server, and
 * an admin may ping a receiver while fixing it, not hammer it. Counted once the caller is known.
 */
const manualSendLimit = (name: string, max: number) => ({
  max,
  timeWindow: '1 minute',
  hook: 'preHandler' as const,
  keyGenerator: (request: FastifyRequest) => `${name}:${(request.params as { id: string }).id}`,
});

export const webhooksRoutes: FastifyPluginAsyncTypebox<{
  webhooks: WebhooksService;
  operations: WebhookOperations;
}> = async (app, { webhooks, operations }) => {
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
        description:
          'Every attempt, newest first: the dispatcher delivering events (`event`), pings and redeliveries, kept 14 days.',
      },
    },
    (request) => webhooks.deliveries(request.params.id, request.query),
  );

  app.post(
    '/admin/webhooks/:id/ping',
    {
      onRequest,
      config: { rateLimit: manualSendLimit('webhook-ping', 10) },
      schema: {
        ...schema,
        params: IdParams,
        response: { 200: WebhookDelivery },
        description: [
          'Sends `{"type": "ping", "webhookId", "at"}` to the webhook now, signed like every delivery, outside its event cursor (a paused or disabled webhook too), and records the attempt with kind `ping`.',
          'Answers with that attempt: a receiver that fails or cannot be reached is a 200 whose `succeeded` is false, with `responseStatus` or the `error` class.',
          'At most 10 pings a minute per webhook (429 beyond).',
        ].join(' '),
      },
    },
    (request) => operations.ping(request.params.id),
  );

  app.post(
    '/admin/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      onRequest,
      config: { rateLimit: manualSendLimit('webhook-redeliver', 30) },
      schema: {
        ...schema,
        params: WebhookDeliveryParams,
        response: { 200: WebhookDelivery },
        description: [
          "Sends that attempt's event again now, signed with the current secret, with a new `x-igniflo-delivery-id` and the same `x-igniflo-event-id` and body id, so that receivers can tell it is one they may have had.",
          'Recorded as a new attempt with kind `redelivery` (a redelivered ping is a new ping); the cursor and the failure state do not move.',
          'Answers with the new attempt, failed or not. A delivery of another webhook is 404. At most 30 a minute per webhook (429 beyond).',
        ].join(' '),
      },
    },
    (request) => operations.redeliver(request.params.id, request.params.deliveryId),
  );
};
