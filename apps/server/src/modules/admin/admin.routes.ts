import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AnalyticsQuery, Dashboard, OrderAnalytics } from '@igniflo/contract';
import type { AdminService } from './admin.service.ts';

export const adminRoutes: FastifyPluginAsyncTypebox<{ admin: AdminService }> = async (app, { admin }) => {
  const schema = { tags: ['admin'], security: [{ bearerAuth: [] }] };
  const onRequest = app.requireUser('ADMIN');

  app.get(
    '/admin/dashboard',
    {
      onRequest,
      schema: {
        ...schema,
        response: { 200: Dashboard },
        description:
          'Orders per status, orders today, revenue today / 7 days / 30 days per currency (UTC days, cancelled orders excluded; currencies never added together), average time to complete, low stock.',
      },
    },
    () => admin.dashboard(),
  );

  app.get(
    '/admin/analytics/orders',
    {
      onRequest,
      schema: {
        ...schema,
        querystring: AnalyticsQuery,
        response: { 200: OrderAnalytics },
        description:
          'Orders per UTC day or hour over [from, to), with a per-status breakdown; empty buckets included. Revenue, its order count, average order value and refunds recorded per currency, never added across currencies. Also units returned (counted when their return is received); `status` filters the orders only.',
      },
    },
    (request) => admin.orderAnalytics(request.query),
  );
};
