import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TrackParams, Tracking } from '@igniflo/contract';
import type { OrdersService } from '../orders/orders.service.ts';

/** Per client, so order numbers cannot be enumerated by guessing. */
export const TRACK_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };

export const trackingRoutes: FastifyPluginAsyncTypebox<{ orders: OrdersService }> = async (
  app,
  { orders },
) => {
  app.get(
    '/track/:orderNumber',
    {
      config: { rateLimit: TRACK_RATE_LIMIT },
      schema: { tags: ['tracking'], params: TrackParams, response: { 200: Tracking } },
    },
    (request) => orders.track(request.params.orderNumber.toUpperCase()),
  );
};
