import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext } from './context.ts';

describe.each(dialects)('operations endpoints on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(() => ctx.close());

  it('reports liveness and readiness', async () => {
    expect((await ctx.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await ctx.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ database: 'ok' });
  });

  it('exposes Prometheus metrics including request durations per route', async () => {
    await ctx.inject({ method: 'GET', url: '/api/v1/products' });
    const res = await ctx.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('process_cpu_user_seconds_total');
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/products",status_code="200"\} \d+/,
    );
  });

  it('counts the statements sent to the database in the metrics', async () => {
    const statements = async () => {
      const text = (await ctx.inject({ method: 'GET', url: '/metrics' })).body;
      return Number(/^igniflo_db_statements_total (\d+)$/m.exec(text)?.[1]);
    };
    const before = await statements();
    await ctx.inject({ method: 'GET', url: '/readyz' }); // one `select 1`
    expect(await statements()).toBeGreaterThanOrEqual(before + 1);
  });

  it('serves the OpenAPI document and the interactive docs', async () => {
    const doc = (await ctx.inject({ method: 'GET', url: '/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/orders', '/api/v1/auth/login', '/api/v1/track/{orderNumber}']),
    );
    const docs = await ctx.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers unknown routes with 404 in the error shape and the request id', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    const body = res.json<ErrorResponse>();
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.requestId).toBe(res.headers['x-request-id']);
  });

  it('sends security headers and no CORS grant to an origin that is not allowed', async () => {
    const res = await ctx.inject({
      method: 'GET',
      url: '/api/v1/products',
      headers: { origin: 'https://evil.example' },
    });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets images come from blob: URLs (media previews) but not scripts', async () => {
    const policy = String(
      (await ctx.inject({ method: 'GET', url: '/healthz' })).headers['content-security-policy'],
    );
    const directive = (name: string) =>
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .find(([key]) => key === name)
        ?.slice(1);
    expect(directive('img-src')).toContain('blob:');
    expect(directive('script-src')).toEqual(["'self'"]);
    expect(directive('default-src')).toEqual(["'self'"]);
  });
});

describe('CORS allow-list', () => {
  it('grants exactly the configured origins', async () => {
    const ctx = await createTestContext('sqlite', { CORS_ORIGIN: 'https://shop.example' });
    try {
      const ok = await ctx.inject({
        method: 'GET',
        url: '/api/v1/products',
        headers: { origin: 'https://shop.example' },
      });
      expect(ok.headers['access-control-allow-origin']).toBe('https://shop.example');
      const other = await ctx.inject({
        method: 'GET',
        url: '/api/v1/products',
        headers: { origin: 'https://evil.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await ctx.close();
    }
  });

  it('lets an allowed origin PATCH with credentials and the API headers, and read the headers it acts on', async () => {
    const ctx = await createTestContext('sqlite', { CORS_ORIGIN: 'https://shop.example' });
    try {
      const preflight = (origin: string) =>
        ctx.inject({
          method: 'OPTIONS',
          url: '/api/v1/orders/01900000-0000-7000-8000-000000000001',
          headers: {
            origin,
            'access-control-request-method': 'PATCH',
            'access-control-request-headers': 'authorization, content-type, idempotency-key, last-event-id',
          },
        });
      const allowed = await preflight('https://shop.example');
      expect(allowed.statusCode).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example');
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');
      const list = (name: string, res = allowed) =>
        String(res.headers[name] ?? '')
          .toLowerCase()
          .split(/,\s*/);
      expect(list('access-control-allow-methods')).toEqual(
        expect.arrayContaining(['get', 'head', 'post', 'patch', 'put', 'delete']),
      );
      expect(list('access-control-allow-headers')).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'last-event-id']),
      );
      expect(String(allowed.headers.vary).toLowerCase()).toContain('origin');

      // Without an Allow-Origin naming it, a browser lets the other origin neither send nor read.
      const refused = await preflight('https://evil.example');
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();

      const read = await ctx.inject({
        method: 'GET',
        url: '/api/v1/products',
        headers: { origin: 'https://shop.example' },
      });
      expect(list('access-control-expose-headers', read)).toEqual(
        expect.arrayContaining([
          'x-request-id',
          'retry-after',
          'idempotent-replayed',
          'x-ratelimit-limit',
          'x-ratelimit-remaining',
          'x-ratelimit-reset',
        ]),
      );
      expect(read.headers['access-control-allow-credentials']).toBe('true');
    } finally {
      await ctx.close();
    }
  });
});

describe('/metrics', () => {
  it.each([
    [
      'with METRICS_TOKEN, only to its bearer',
      { METRICS_TOKEN: 'scraper-token-0123456789' },
      [401, 401, 200],
    ],
    [
      'without it, 404 in production',
      { NODE_ENV: 'production', SMS_WEBHOOK_URL: 'https://sms.invalid/send' },
      [404, 404, 404],
    ],
    ['without it, open in development', { NODE_ENV: 'development' }, [200, 200, 200]],
  ])('answers %s', async (_, env, expected) => {
    const ctx = await createTestContext('sqlite', env);
    try {
      const statuses = [];
      for (const authorization of [
        undefined,
        'Bearer wrong-token-0123456789',
        'Bearer scraper-token-0123456789',
      ]) {
        const res = await ctx.inject({
          method: 'GET',
          url: '/metrics',
          headers: authorization ? { authorization } : {},
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual(expected);
    } finally {
      await ctx.close();
    }
  });
});

describe('rate limits', () => {
  it('limits tracking lookups per client so order numbers cannot be enumerated', async () => {
    const ctx = await createTestContext('sqlite');
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 61; i++) {
        statuses.push((await ctx.inject({ method: 'GET', url: '/api/v1/track/ABCDEFGHJK' })).statusCode);
      }
      expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
      const limited = await ctx.inject({ method: 'GET', url: '/api/v1/track/ABCDEFGHJK' });
      expect(limited.statusCode).toBe(429);
      expect(limited.json<ErrorResponse>().error.code).toBe('RATE_LIMITED');
      expect(limited.headers['retry-after']).toBeDefined();
      // Another client is not affected.
      const other = await ctx.inject({
        method: 'GET',
        url: '/api/v1/track/ABCDEFGHJK',
        remoteAddress: '10.0.0.9',
      });
      expect(other.statusCode).toBe(404);
    } finally {
      await ctx.close();
    }
  });

  it('applies the global limit per client', async () => {
    const ctx = await createTestContext('sqlite', { RATE_LIMIT_MAX: '5' });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await ctx.inject({ method: 'GET', url: '/api/v1/products' })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await ctx.close();
    }
  });

  // Skipped without TEST_REDIS_URL, as global-setup.ts announces.
  const redisUrl = process.env.TEST_REDIS_URL;

  it.skipIf(!redisUrl)('shares the limit between instances through Redis', async () => {
    // A unique limit keeps this run's counters apart from any other run on the same Redis.
    const max = String(3 + Math.floor(Math.random() * 1000));
    const env = { REDIS_URL: redisUrl ?? '', RATE_LIMIT_MAX: max };
    const a = await createTestContext('sqlite', env);
    const b = await createTestContext('sqlite', env);
    const client = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
    try {
      const statuses: number[] = [];
      for (let i = 0; i <= Number(max); i++) {
        const ctx = i % 2 === 0 ? a : b;
        statuses.push(
          (await ctx.inject({ method: 'GET', url: '/api/v1/products', remoteAddress: client })).statusCode,
        );
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(Number(max));
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
