/**
 * 5,000 requests generated from the OpenAPI document against every route: valid shapes with
 * hostile values, and invalid shapes. Not one may be answered with a 5xx, and the server must be
 * healthy afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from './context.ts';

type Schema = {
  type?: string | string[];
  $ref?: string;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
};
interface Operation {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const REQUESTS = 5000;
/** Streams never end by themselves; they are fuzzed through their parameter validation elsewhere. */
const SKIP = new Set(['GET /api/v1/events', 'GET /api/v1/track/{orderNumber}/events']);
const HOSTILE_STRINGS = [
  '',
  ' ',
  "'; DROP TABLE orders; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '😀'.repeat(50),
  'x'.repeat(10_000),
  '${7*7}',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'NaN',
  '-1',
  '9'.repeat(40),
  '2026-13-45T99:99:99Z',
];
const HOSTILE_NUMBERS = [0, -1, 1, 1.5, -0.0001, 2 ** 31, 2 ** 53 + 1, 1e308, -1e308];
const ANY_VALUES: unknown[] = [null, true, [], {}, 'text', 42, [1, 'a'], { a: { b: [] } }];

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(dialects)('fuzzing every route on %s', (dialect) => {
  let ctx: TestContext;
  let users: TestUser[];
  let ids: string[];
  let orderNumbers: string[];
  let doc: {
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, Schema> };
  };

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    users = [await ctx.newUser('CUSTOMER'), await ctx.newUser('STAFF'), await ctx.newUser('ADMIN')];
    const product = await ctx.newProduct({ stock: 1000 });
    const order: Order = await ctx.placeOrder(users[0]!, [{ productId: product.id, quantity: 1 }]);
    ids = [product.id, order.id, ...users.map((u) => u.id)];
    orderNumbers = [order.orderNumber];
    doc = (await ctx.inject({ method: 'GET', url: '/openapi.json' })).json();
  });
  afterAll(() => ctx.close());

  it('never answers with a 5xx and stays healthy', async () => {
    const random = mulberry32(dialect === 'sqlite' ? 1 : 2);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const resolve = (schema: Schema): Schema => {
      if (!schema.$ref) return schema;
      const name = schema.$ref.split('/').pop() ?? '';
      return doc.components?.schemas?.[name] ?? {};
    };
    const value = (raw: Schema, depth = 0): unknown => {
      const schema = resolve(raw);
      if (random() < 0.08 || depth > 4) return pick(ANY_VALUES);
      if (schema.anyOf) return value(pick(schema.anyOf), depth + 1);
      if (schema.enum) return random() < 0.8 ? pick(schema.enum) : pick(HOSTILE_STRINGS);
      if (schema.const !== undefined) return schema.const;
      switch (Array.isArray(schema.type) ? pick(schema.type) : (schema.type ?? 'any')) {
        case 'null':
          return null;
        case 'string':
          if (schema.format === 'uuid') return random() < 0.7 ? pick(ids) : pick(HOSTILE_STRINGS);
          if (schema.format === 'date-time')
            return random() < 0.6
              ? new Date(Date.now() - random() * 1e10).toISOString()
              : pick(HOSTILE_STRINGS);
          return random() < 0.4
            ? pick([...orderNumbers, 'Valid text', 'SKU-1', '+447700900123', 'a@b.test'])
            : pick(HOSTILE_STRINGS);
        case 'integer':
        case 'number':
          return pick(HOSTILE_NUMBERS);
        case 'boolean':
          return random() < 0.5;
        case 'array':
          return Array.from({ length: Math.floor(random() * 4) }, () => value(schema.items ?? {}, depth + 1));
        case 'object': {
          const out: Record<string, unknown> = {};
          for (const [key, property] of Object.entries(schema.properties ?? {})) {
            if ((schema.required ?? []).includes(key) || random() < 0.6)
              out[key] = value(property, depth + 1);
          }
          if (random() < 0.1) out[pick(['__proto__', 'constructor', 'extra', 'role'])] = pick(ANY_VALUES);
          return out;
        }
        default:
          return pick(ANY_VALUES);
      }
    };

    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .map(([method, operation]) => ({ path, method: method.toUpperCase(), operation }))
        .filter(({ path: p, method }) => !SKIP.has(`${method} ${p}`)),
    );
    expect(operations.length).toBeGreaterThan(40);

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let n = 0; n < REQUESTS; n++) {
      const { path, method, operation } = operations[n % operations.length]!;
      let url = path;
      const query = new URLSearchParams();
      for (const parameter of operation.parameters ?? []) {
        const v = value(parameter.schema);
        const text = typeof v === 'string' ? v : JSON.stringify(v);
        if (parameter.in === 'path')
          url = url.replace(`{${parameter.name}}`, encodeURIComponent(text.slice(0, 200)));
        else if (parameter.in === 'query' && random() < 0.7) query.set(parameter.name, text.slice(0, 500));
      }
      const bodySchema = operation.requestBody?.content['application/json']?.schema;
      const who = random();
      const headers: Record<string, string> = who < 0.15 ? {} : { ...pick(users).headers };
      if (who > 0.95) headers.authorization = `Bearer ${pick(HOSTILE_STRINGS)}`;
      const payload = bodySchema ? (random() < 0.15 ? pick(ANY_VALUES) : value(bodySchema)) : undefined;
      const res = await ctx.inject({
        method,
        url: `${url}${query.size ? `?${query}` : ''}`,
        headers,
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500)
        failures.push(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    // The run reached the handlers, not only the validators.
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([400, 401, 403, 404]));

    expect((await ctx.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await ctx.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const product = await ctx.newProduct({ stock: 3 });
    const customer = await ctx.newUser();
    expect((await ctx.placeOrder(customer, [{ productId: product.id, quantity: 1 }])).status).toBe('PENDING');
  }, 240_000);
});
