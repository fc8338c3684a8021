import fp from 'fastify-plugin';
import helmet from 'helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '@igniflo/contract';
import { normalizeEmail } from '../../lib/email.ts';
import { AppError, tooManyRequests } from '../../lib/errors.ts';

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
          // blob: for staff media previews, fetched with the access token and shown from object URLs.
          imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
        },
      },
    });
    app.addHook('onRequest', (request, reply, done) =>
      secureHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
    );
    // Allowed origins may use the whole API: every method and request header it reads, the response
    // headers clients act on, and credentials for the web app's HttpOnly refresh cookie.
    await app.register(cors, {
      origin: options.corsOrigin,
      methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'last-event-id'],
      exposedHeaders: [
        'x-request-id',
        'retry-after',
        'idempotent-replayed',
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
      ],
      credentials: true,
    });

    // Loaded only when configured: the client costs a start without it a fiftieth of its time.
    const redis = options.redisUrl
      ? new (await import('ioredis')).Redis(options.redisUrl, {
          connectTimeout: 1000,
          maxRetriesPerRequest: 1,
          lazyConnect: false,
        })
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

/** What one guessing limit counts by; undefined leaves the request out of that limit. */
export type LimitKey = (request: FastifyRequest) => string | undefined;

const bodyField = (request: FastifyRequest, field: string): unknown =>
  (request.body as Record<string, unknown> | undefined)?.[field];

/** The client address alone: caps one client across every account it tries (password spraying). */
export const byClient: LimitKey = (request) => request.ip;
/** The client and the account named by the body's email, normalised exactly as the account lookup does. */
export const byClientAndEmail: LimitKey = (request) => {
  const email = bodyField(request, 'email');
  return typeof email === 'string' ? `${request.ip}|${normalizeEmail(email)}` : undefined;
};
/** The account named by the body's email alone, from any client (mail to one address is capped). */
export const byEmail: LimitKey = (request) => {
  const email = bodyField(request, 'email');
  return typeof email === 'string' ? normalizeEmail(email) : undefined;
};
export const byClientAndPhone: LimitKey = (request) => {
  const phone = bodyField(request, 'phone');
  return typeof phone === 'string' ? `${request.ip}|${phone.trim()}` : undefined;
};
/** The signed-in account (for re-authentication with a stolen access token). */
export const byUser: LimitKey = (request) => (request.user as { sub?: string } | null)?.sub;

/**
 * A limit on credential guesses: at most `max` requests per 15 minutes for each key, counted in
 * the global limiter's store (Redis when configured). A route may take several; each must pass.
 * Runs as a preHandler, after the body is parsed and the caller is known.
 */
export function guessLimit(app: FastifyInstance, name: string, max: number, key: LimitKey) {
  const limiter = app.createRateLimit({
    max,
    timeWindow: '15 minutes',
    keyGenerator: (request) => `${name}:${key(request) ?? ''}`,
  });
  return async (request: FastifyRequest): Promise<void> => {
    if (key(request) === undefined) return;
    const result = await limiter(request);
    if (!result.isAllowed && result.isExceeded) {
      throw tooManyRequests(
        `Too many attempts; retry in ${result.ttlInSeconds} seconds`,
        result.ttlInSeconds,
      );
    }
  };
}
