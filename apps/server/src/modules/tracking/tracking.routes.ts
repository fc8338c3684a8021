import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TrackParams, Tracking } from '@igniflo/contract';
import { noindex } from '../../platform/http/crawlers.ts';
import type { EventFeed } from '../live/event-feed.ts';
import { eventStreamResponse, openStream } from '../live/open-stream.ts';
import type { OrdersService } from '../orders/orders.service.ts';

/** Per client, so order numbers cannot be enumerated by guessing. */
export const TRACK_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };

export const trackingRoutes: FastifyPluginAsyncTypebox<{ orders: OrdersService; feed: EventFeed }> = async (
  app,
  { orders, feed },
) => {
  // Whoever has an order number may follow it; search engines may not (the stream copies the header).
  app.addHook('onRequest', async (_request, reply) => noindex(reply));

  app.get(
    '/track/:orderNumber',
    {
      config: { rateLimit: TRACK_RATE_LIMIT },
      schema: { tags: ['tracking'], params: TrackParams, response: { 200: Tracking } },
    },
    (request) => orders.track(request.params.orderNumber.toUpperCase()),
  );

  app.get(
    '/track/:orderNumber/events',
    {
      config: { rateLimit: TRACK_RATE_LIMIT },
      schema: {
        tags: ['tracking'],
        params: TrackParams,
        response: eventStreamResponse('`status` and `package` events'),
        description:
          'Server-Sent Events: `event: status` with a TrackEvent for each status change of this order, `event: package` with a TrackPackageEvent when one of its packages leaves or has news (read the tracking answer again). Send Last-Event-ID to resume.',
      },
    },
    async (request, reply) => {
      const orderId = await orders.idOfNumber(request.params.orderNumber.toUpperCase());
      await openStream(feed, request, reply, { kind: 'order', orderId });
    },
  );
};
