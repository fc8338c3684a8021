import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  IdParams,
  OrderReturns,
  Page,
  ReceiveReturnBody,
  RequestReturnBody,
  Return,
  ReturnNoteBody,
  ReturnsQuery,
} from '@igniflo/contract';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../orders/orders.service.ts';
import type { ReturnsService } from './returns.service.ts';

const actor = (request: FastifyRequest): Actor => ({ id: request.user.sub, role: request.user.role });

/** Approve, reject and close: the same shape, a note the customer reads. */
const STEPS = [
  {
    path: 'approve',
    description:
      'Staff and admin. Approves a REQUESTED return: the customer may send the items back. Any other status: 409 INVALID_TRANSITION.',
  },
  {
    path: 'reject',
    description:
      'Staff and admin. Rejects a REQUESTED return; its units may be asked for again. Give the reason as `note`: the customer reads it. Any other status: 409 INVALID_TRANSITION.',
  },
  {
    path: 'close',
    description:
      'Staff and admin. Closes an APPROVED return (never sent back) or a RECEIVED one settled without a refund. Any other status: 409 INVALID_TRANSITION.',
  },
] as const;

export const returnsRoutes: FastifyPluginAsyncTypebox<{ returns: ReturnsService }> = async (
  app,
  { returns },
) => {
  const security = [{ bearerAuth: [] }];
  const tags = ['returns'];

  app.post(
    '/orders/:id/returns',
    {
      onRequest: app.requireUser('CUSTOMER'),
      schema: {
        tags,
        security,
        params: IdParams,
        body: RequestReturnBody,
        response: { 201: Return },
        description:
          "The order's customer asks to return items of a DELIVERED or COMPLETED order, within RETURN_WINDOW_DAYS of its delivery or completion (409 after). One line per product, each with a reason; at most what was ordered less what is in returns not rejected (409, each line named with what is returnable).",
      },
    },
    async (request, reply) =>
      reply.status(201).send(await returns.request(actor(request), request.params.id, request.body)),
  );

  app.get(
    '/orders/:id/returns',
    {
      onRequest: app.requireUser(),
      schema: {
        tags,
        security,
        params: IdParams,
        response: { 200: OrderReturns },
        description:
          "The order's returns, the end of its return window, and the units of each product a new return may still hold.",
      },
    },
    (request) => returns.ofOrder(actor(request), request.params.id),
  );

  app.get(
    '/returns',
    {
      onRequest: app.requireUser(),
      schema: {
        tags,
        security,
        querystring: ReturnsQuery,
        response: { 200: Page(Return) },
        description: 'Returns, newest first: staff and admin see every return, a customer their own.',
      },
    },
    (request) => returns.list(actor(request), request.query),
  );

  app.get(
    '/returns/:id',
    {
      onRequest: app.requireUser(),
      schema: { tags, security, params: IdParams, response: { 200: Return }, description: 'One return.' },
    },
    (request) => returns.get(actor(request), request.params.id),
  );

  for (const step of STEPS) {
    app.post(
      `/returns/:id/${step.path}`,
      {
        onRequest: app.requireUser('STAFF', 'ADMIN'),
        // The body is optional: an empty request means "no note".
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: {
          tags,
          security,
          params: IdParams,
          body: ReturnNoteBody,
          response: { 200: Return },
          description: step.description,
        },
      },
      (request) => returns[step.path](actor(request), request.params.id, request.body.note),
    );
  }

  app.post(
    '/returns/:id/receive',
    {
      onRequest: app.requireUser('STAFF', 'ADMIN'),
      schema: {
        tags,
        security,
        params: IdParams,
        body: ReceiveReturnBody,
        response: { 200: Return },
        description:
          'Staff and admin. The items of an APPROVED return arrived: the units in `restock` (each at most what was returned; fewer when some came back damaged) go back on sale through the stock ledger (reason `return`), exactly once. Any other status: 409 INVALID_TRANSITION.',
      },
    },
    (request) => returns.receive(actor(request), request.params.id, request.body),
  );
};
