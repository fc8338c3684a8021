import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { StreamTicket } from '@igniflo/contract';
import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../../lib/errors.ts';
import type { EventFeed } from './event-feed.ts';
import { eventStreamResponse, openStream } from './open-stream.ts';
import type { StreamTickets } from './stream-tickets.ts';

const StreamQuery = Type.Object({
  ticket: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  lastEventId: Type.Optional(Type.String({ maxLength: 20 })),
});

export const eventsRoutes: FastifyPluginAsyncTypebox<{ tickets: StreamTickets; feed: EventFeed }> = async (
  app,
  { tickets, feed },
) => {
  /** A bearer token, or a single-use ticket for clients that cannot send headers. */
  async function authenticateStream(request: FastifyRequest<{ Querystring: { ticket?: string } }>) {
    const { ticket } = request.query;
    if (ticket === undefined) await app.verifyAccess(request);
    else {
      const owner = await tickets.redeem(ticket);
      if (!owner) throw unauthenticated('Stream ticket is not valid');
      await app.verifySession(request, owner.userId, owner.sessionId);
    }
  }

  app.post(
    '/events/ticket',
    {
      onRequest: app.requireUser(),
      schema: {
        tags: ['events'],
        security: [{ bearerAuth: [] }],
        response: { 201: StreamTicket },
        description:
          'A single-use ticket, valid for 60 seconds, to open GET /events as ?ticket=… (for EventSource).',
      },
    },
    async (request, reply) => reply.status(201).send(await tickets.issue(request.user.sub, request.user.sid)),
  );

  app.get(
    '/events',
    {
      preHandler: authenticateStream,
      config: { rateLimit: false },
      schema: {
        tags: ['events'],
        security: [{ bearerAuth: [] }, { streamTicket: [] }],
        querystring: StreamQuery,
        response: eventStreamResponse('`order` events'),
        description:
          'Server-Sent Events: `event: order` with a LiveOrderEvent. Customers get their own orders’ customer-visible events (with the notification each created); staff and admin every order event. Send Last-Event-ID to resume.',
      },
    },
    async (request, reply) => {
      const { sub, role, sid } = request.user;
      await openStream(
        feed,
        request,
        reply,
        role === 'CUSTOMER' ? { kind: 'customer', userId: sub } : { kind: 'all' },
        { userId: sub, sessionId: sid },
      );
    },
  );
};
