import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import { unauthenticated } from '../../lib/errors.ts';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * How often the event loop is sampled. prom-client's `nodejs_eventloop_lag_*` values are the
 * intervals between samples, so they include this resolution: an idle loop reports ~10 ms. The
 * delay itself is the value minus this (as Elastic's and OpenTelemetry's agents compute it).
 */
export const EVENT_LOOP_RESOLUTION_MS = 10;

/** Compared as hashes in constant time, so the comparison leaks neither the token nor its length. */
const sameToken = (expected: Buffer, header: string | undefined) =>
  header !== undefined && timingSafeEqual(expected, createHash('sha256').update(header).digest());

/**
 * Prometheus metrics: process defaults, request duration per route, and statements sent to the
 * database (`igniflo_db_statements_total`, round trips on PostgreSQL). With METRICS_TOKEN set,
 * only a scraper sending it as a bearer token gets them (else 401); without it they are open in
 * development and absent (404) in production.
 */
export const metricsPlugin = fp<{ token: string | null; production: boolean; statements: () => number }>(
  async (app, { token, production, statements }) => {
    const expected = token === null ? null : createHash('sha256').update(`Bearer ${token}`).digest();
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_RESOLUTION_MS });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    new Counter({
      name: 'igniflo_db_statements_total',
      help: 'Statements sent to the database, BEGIN and COMMIT included (round trips on PostgreSQL)',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(statements());
      },
    });
    app.addHook('onResponse', async (request, reply) => {
      duration.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      // Unset in production: the same answer as any unknown path.
      if (expected === null && production) return reply.callNotFound();
      if (expected !== null && !sameToken(expected, request.headers.authorization)) {
        throw unauthenticated('GET /metrics needs Authorization: Bearer $METRICS_TOKEN');
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  },
  { name: 'metrics' },
);
