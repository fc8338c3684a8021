import type { FastifyPluginAsync } from 'fastify';
import { ErrorCode } from '@igniflo/contract';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../lib/errors.ts';

/** Liveness says the process answers; readiness says it can reach its database. */
export const healthRoutes: FastifyPluginAsync<{ database: Database }> = async (app, { database }) => {
  app.get('/healthz', { schema: { hide: true }, config: { rateLimit: false } }, () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true }, config: { rateLimit: false } }, async () => {
    try {
      await database.ping();
    } catch {
      throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 503, 'The database is unreachable');
    }
    return { status: 'ready', database: 'ok' };
  });
};
