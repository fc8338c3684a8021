/** Opening SSE responses on top of the event feed; shared by the authenticated and the public stream routes. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalid, tooManyRequests } from '../../lib/errors.ts';
import { logResponse } from '../../platform/log.ts';
import type { EventFeed, StreamOwner } from './event-feed.ts';
import type { StreamScope } from '../order-log/order-log.ts';

/** Where a reconnecting client left off: the Last-Event-ID header, or `lastEventId` for clients that cannot set headers. */
export function lastEventIdOf(request: FastifyRequest): number | null {
  const header = request.headers['last-event-id'];
  const fromQuery = (request.query as { lastEventId?: unknown } | undefined)?.lastEventId;
  const value = typeof header === 'string' && header !== '' ? header : fromQuery;
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) {
    throw invalid('Last-Event-ID must be a non-negative integer', [{ path: 'last-event-id' }]);
  }
  return Number(value);
}

/** The document's word for a stream's answer (never serialized: the stream writes its own frames). */
export const eventStreamResponse = (events: string) => ({
  200: {
    description: `A text/event-stream of ${events}, each with its id for Last-Event-ID; a comment every 20 s keeps it open.`,
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  },
});

/** Tabs of one person on several devices; more is a runaway client, or someone hoarding connections. */
export const MAX_STREAMS_PER_USER = 10;

export async function openStream(
  feed: EventFeed,
  request: FastifyRequest,
  reply: FastifyReply,
  scope: StreamScope,
  owner?: StreamOwner,
) {
  const lastEventId = lastEventIdOf(request);
  // Counted and registered with nothing awaited in between, so parallel opens cannot pass together.
  if (owner && feed.streamsOf(owner.userId) >= MAX_STREAMS_PER_USER) {
    throw tooManyRequests(`At most ${MAX_STREAMS_PER_USER} live streams per account; close one first`, 5);
  }
  reply.hijack();
  const res = reply.raw;
  // Headers set by earlier hooks (request id, security headers, CORS) still apply after hijacking.
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) res.setHeader(name, value);
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.socket?.setNoDelay(true);
  // A stream its client closes never finishes, and Fastify logs only finished responses.
  res.on('close', () => {
    if (!res.writableFinished) logResponse(request, reply);
  });
  const stream = feed.createStream(res);
  // The retry hint tells EventSource how soon to reconnect; the comment flushes the headers.
  stream.write('retry: 2000\n: connected\n\n');
  try {
    await feed.subscribe(scope, stream, lastEventId, owner);
  } catch (error) {
    request.log.warn({ err: error }, 'stream replay failed');
    stream.end();
  }
}
