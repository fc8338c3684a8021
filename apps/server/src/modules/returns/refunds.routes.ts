import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, OrderRefunds, RecordRefundBody, Refund } from '@igniflo/contract';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../orders/orders.service.ts';
import type { RefundsService } from './refunds.service.ts';

const actor = (request: FastifyRequest): Actor => ({ id: request.user.sub, role: request.user.role });

export const refundsRoutes: FastifyPluginAsyncTypebox<{ refunds: RefundsService }> = async (
  app,
  { refunds },
) => {
  const security = [{ bearerAuth: [] }];
  const tags = ['refunds'];

  app.post(
    '/orders/:id/refunds',
    {
      onRequest: app.requireUser('ADMIN'),
      schema: {
        tags,
        security,
        params: IdParams,
        body: RecordRefundBody,
        response: { 201: Refund },
        description:
          "Admin. Records a refund (no payment processor is called). The order's payment must have been received (else 409), and its refunds together never exceed its total (409 with `remainingCents`). A `returnId` names a RECEIVED return of this order that the refund settles: it becomes REFUNDED.",
      },
    },
    async (request, reply) =>
      reply.status(201).send(await refunds.record(actor(request), request.params.id, request.body)),
  );

  app.get(
    '/orders/:id/refunds',
    {
      onRequest: app.requireUser(),
      schema: {
        tags,
        security,
        params: IdParams,
        response: { 200: OrderRefunds },
        description: "The order's refunds, oldest first.",
      },
    },
    (request) => refunds.ofOrder(actor(request), request.params.id),
  );
};
