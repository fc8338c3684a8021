import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  AddNoteBody,
  BulkMoveBody,
  BulkMoveResult,
  CancelBody,
  EditItemsBody,
  IdParams,
  MoveStatusBody,
  Order,
  OrderCustomer,
  OrderEvent,
  OrderHistory,
  OrderRefParams,
  OrdersExportQuery,
  OrdersQuery,
  Page,
  PlaceOrderBody,
  UpdateOrderBody,
} from '@igniflo/contract';
import type { FastifyRequest } from 'fastify';
import { sendJsonBytes } from '../../platform/http/json-bytes.ts';
import { attachment, CSV_RESPONSE, datedName } from '../../lib/csv.ts';
import type { Actor, OrdersService } from './orders.service.ts';
import { alsoAnswers } from '../../platform/http/openapi.ts';

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' }),
  ),
});

const actor = (request: FastifyRequest): Actor => ({ id: request.user.sub, role: request.user.role });

export const ordersRoutes: FastifyPluginAsyncTypebox<{ orders: OrdersService }> = async (app, { orders }) => {
  const security = [{ bearerAuth: [] }];
  const tags = ['orders'];

  app.post(
    '/orders',
    {
      onRequest: app.requireUser('CUSTOMER'),
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        body: PlaceOrderBody,
        response: {
          201: Order,
          ...alsoAnswers({ 422: 'This Idempotency-Key was used with a different request body' }),
        },
        description:
          'Places an order, reserving stock for every item or none. Send an Idempotency-Key header to make retries safe; a replay answers with the first response and `Idempotent-Replayed: true`.',
      },
    },
    async (request, reply) => {
      const { order, replayed } = await orders.place(
        actor(request),
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(order);
    },
  );

  app.get(
    '/orders',
    {
      onRequest: app.requireUser(),
      schema: { tags, security, querystring: OrdersQuery, response: { 200: Page(Order) } },
    },
    // The page arrives as JSON, rendered by the same schema (order-list.ts).
    async (request, reply) => sendJsonBytes(reply, await orders.list(actor(request), request.query)),
  );

  app.get(
    '/orders/export.csv',
    {
      onRequest: app.requireUser('STAFF', 'ADMIN'),
      schema: {
        tags,
        security,
        summary: 'Orders as CSV, one row per order line',
        description:
          "The orders the list's filters let through (the same query as GET /orders, without paging), newest first, one row per line: the order's number, date, status, payment, customer, currency and total, then the line's number, SKU, name, options, quantity, unit price and amount, and the order's carrier and tracking number. Money in minor units. Streamed as it is read, so any number of orders takes the same memory. Text that a spreadsheet would run as a formula is prefixed with an apostrophe.",
        querystring: OrdersExportQuery,
        response: { 200: CSV_RESPONSE },
      },
    },
    (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(datedName('orders', 'csv')))
        .send(orders.exportCsv(actor(request), request.query)),
  );

  app.get(
    '/orders/:id',
    {
      onRequest: app.requireUser(),
      schema: { tags, security, params: OrderRefParams, response: { 200: Order } },
    },
    (request) => orders.get(actor(request), request.params.id),
  );

  app.patch(
    '/orders/:id',
    {
      onRequest: app.requireUser(),
      schema: { tags, security, params: IdParams, body: UpdateOrderBody, response: { 200: Order } },
    },
    (request) => orders.update(actor(request), request.params.id, request.body),
  );

  app.patch(
    '/orders/:id/status',
    {
      onRequest: app.requireUser(),
      schema: { tags, security, params: IdParams, body: MoveStatusBody, response: { 200: Order } },
    },
    (request) => orders.moveStatus(actor(request), request.params.id, request.body),
  );

  app.post(
    '/orders/bulk/status',
    {
      onRequest: app.requireUser('STAFF', 'ADMIN'),
      schema: {
        tags,
        security,
        summary: 'Move many orders',
        body: BulkMoveBody,
        response: { 200: BulkMoveResult },
        description:
          'Staff and admin. Moves each order (at most 200, no repeats) to `status`, one at a time, each in its own transaction under the workflow rules of PATCH /orders/{id}/status. The results come in the order asked: `ok`, or the `error` (code and message) that single move would have answered, such as 409 INVALID_TRANSITION or 404 NOT_FOUND. One order failing does not stop the others.',
      },
    },
    (request) => orders.moveMany(actor(request), request.body),
  );

  app.post(
    '/orders/:id/cancel',
    {
      onRequest: app.requireUser('CUSTOMER', 'ADMIN'),
      // The body is optional: an empty request means "cancel, no note".
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: { tags, security, params: IdParams, body: CancelBody, response: { 200: Order } },
    },
    (request) =>
      orders.moveStatus(actor(request), request.params.id, { status: 'CANCELLED', note: request.body.note }),
  );

  app.get(
    '/orders/:id/history',
    {
      onRequest: app.requireUser(),
      schema: { tags, security, params: IdParams, response: { 200: OrderHistory } },
    },
    (request) => orders.history(actor(request), request.params.id),
  );

  app.get(
    '/orders/:id/customer',
    {
      onRequest: app.requireUser('STAFF', 'ADMIN'),
      schema: { tags, security, params: IdParams, response: { 200: OrderCustomer } },
    },
    (request) => orders.customer(actor(request), request.params.id),
  );

  app.post(
    '/orders/:id/notes',
    {
      onRequest: app.requireUser('STAFF', 'ADMIN'),
      schema: { tags, security, params: IdParams, body: AddNoteBody, response: { 201: OrderEvent } },
    },
    async (request, reply) =>
      reply.status(201).send(await orders.addNote(actor(request), request.params.id, request.body)),
  );

  app.put(
    '/orders/:id/items',
    {
      onRequest: app.requireUser('STAFF', 'ADMIN'),
      schema: {
        tags: ['edits'],
        security,
        params: IdParams,
        body: EditItemsBody,
        response: { 200: Order },
        description:
          "Staff and admin. Replaces the order's lines while nothing has shipped (PENDING, CONFIRMED, IN_PROGRESS or ON_HOLD, no package yet; else 409), in one transaction: the stock difference of each product is taken or put back through the ledger, all or nothing (409 OUT_OF_STOCK naming each short product, `requested` being the units needed beyond what the order held). A product line the order already has (same product and options) keeps its price; a new one takes today's, and must be in the order's currency (400). Custom lines `{name, unitPriceCents, quantity}` have no product and no stock, and the sku `CUSTOM`: they price a custom request. An empty list is allowed only for a custom order (one with a title or description). The total is recomputed; the history gets an `items_edited` event with before and after, and `note`, which the customer is told. `version`, when given, must be the order's (409). A list that changes no line changes nothing.",
      },
    },
    (request) => orders.editItems(actor(request), request.params.id, request.body),
  );
};
