import fp from 'fastify-plugin';
import helmet from 'helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '@igniflo/contract';
import { AppError } from '../lib/errors.ts';

export interface SecurityOptions {
  corsOrigin: string[] | false;
  rateLimitMax: number;
  redisUrl: string | null;
}

/** Security headers, the CORS allow-list and the global rate limit (shared through Redis when configured). */
export const securityPlugin = fp<SecurityOptions>(
  async (app, options) => {
    // Helmet's middleware, built once: @fastify/helmet rebuilds it, CSP parsing included, on every request.
    const secureHeaders = helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'https:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
        },
      },
    });
    app.addHook('onRequest', (request, reply, done) =>
      secureHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
    );
    await app.register(cors, { origin: options.corsOrigin, exposedHeaders: ['x-request-id', 'retry-after'] });

    const redis = options.redisUrl
      ? new Redis(options.redisUrl, { connectTimeout: 1000, maxRetriesPerRequest: 1, lazyConnect: false })
      : undefined;
    if (redis) app.addHook('onClose', async () => void (await redis.quit()));
    await app.register(rateLimit, {
      global: true,
      max: options.rateLimitMax,
      timeWindow: '1 minute',
      ...(redis ? { redis, nameSpace: 'igniflo-rl:' } : {}),
      // A Redis outage must not take the API down with it.
      skipOnError: true,
      errorResponseBuilder: (_request, context) =>
        new AppError(ErrorCode.RATE_LIMITED, 429, `Too many requests; retry in ${context.after}`),
    });
  },
  { name: 'security' },
);

/** Route-level limits for credential guessing: per client and, where the body names one, per account. */
export function authRateLimit(max: number, accountField?: 'email' | 'phone') {
  return {
    rateLimit: {
      max,
      timeWindow: '15 minutes',
      hook: 'preHandler' as const,
      keyGenerator: (request: FastifyRequest) => {
        const account = accountField
          ? (request.body as Record<string, unknown> | undefined)?.[accountField]
          : undefined;
        return typeof account === 'string' ? `${request.ip}|${account.toLowerCase()}` : request.ip;
      },
    },
  };
}
