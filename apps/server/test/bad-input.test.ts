/** Hostile input across routes: always a 4xx in the error shape, never a 5xx, and nothing written. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import type { ErrorResponse, Order, Product } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from './context.ts';

const TABLES = [
  'users',
  'products',
  'orders',
  'order_items',
  'order_events',
  'inventory_ledger',
  'notifications',
  'cart_items',
  'webhooks',
] as const;
const SQL = "'; DROP TABLE orders; --";
const SCRIPT = '<script>alert(1)</script>';
const MEGABYTE = 'x'.repeat(1_000_000);

describe.each(dialects)('bad input on %s', (dialect) => {
  let ctx: TestContext;
  let customer: TestUser;
  let staff: TestUser;
  let admin: TestUser;
  let product: Product;
  let order: Order;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [customer, staff, admin] = await Promise.all([ctx.newUser(), ctx.newUser('STAFF'), ctx.newUser('ADMIN')]);
    product = await ctx.newProduct({ stock: 10 });
    order = await ctx.placeOrder(customer, [{ productId: product.id, quantity: 1 }]);
  });
  afterAll(() => ctx.close());

  const counts = async (): Promise<Record<string, number>> => {
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      result[table] = Number(row.n);
    }
    return result;
  };
  const item = (patch: object) => ({ items: [{ productId: product.id, quantity: 1, ...patch }] });

  const cases: [string, () => InjectOptions][] = [
    [
      'malformed JSON',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: { ...customer.headers, 'content-type': 'application/json' },
        payload: '{"items": [',
      }),
    ],
    [
      'empty JSON body',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: { ...customer.headers, 'content-type': 'application/json' },
        payload: '',
      }),
    ],
    [
      'a JSON array for an object',
      () => ({ method: 'POST', url: '/api/v1/orders', headers: customer.headers, payload: [1, 2] }),
    ],
    [
      'quantity as a string',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: item({ quantity: '2' }),
      }),
    ],
    [
      'negative quantity',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: item({ quantity: -1 }),
      }),
    ],
    [
      'zero quantity',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: item({ quantity: 0 }),
      }),
    ],
    [
      'fractional quantity',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: item({ quantity: 1.5 }),
      }),
    ],
    [
      'huge quantity',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: item({ quantity: 1e12 }),
      }),
    ],
    [
      'quantity null',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: item({ quantity: null }),
      }),
    ],
    [
      'product id that is not a uuid',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: item({ productId: SQL }),
      }),
    ],
    [
      'unknown product',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: item({ productId: '01900000-0000-7000-8000-00000000dead' }),
      }),
    ],
    [
      'too many items',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: { items: Array(101).fill({ productId: product.id, quantity: 1 }) },
      }),
    ],
    [
      'a 1 MB title',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: { title: MEGABYTE },
      }),
    ],
    [
      'a 1 MB product name',
      () => ({
        method: 'POST',
        url: '/api/v1/products',
        headers: admin.headers,
        payload: { sku: 'BIG-1', name: MEGABYTE, priceCents: 1 },
      }),
    ],
    [
      'a body over the limit',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: { title: 'x'.repeat(2 * 1024 * 1024) },
      }),
    ],
    [
      'a price as a float',
      () => ({
        method: 'POST',
        url: '/api/v1/products',
        headers: admin.headers,
        payload: { sku: 'F-1', name: 'F', priceCents: 9.99 },
      }),
    ],
    [
      'a negative price',
      () => ({
        method: 'POST',
        url: '/api/v1/products',
        headers: admin.headers,
        payload: { sku: 'N-1', name: 'N', priceCents: -100 },
      }),
    ],
    [
      'a SKU with SQL in it',
      () => ({
        method: 'POST',
        url: '/api/v1/products',
        headers: admin.headers,
        payload: { sku: SQL, name: 'S', priceCents: 1 },
      }),
    ],
    [
      'a script as an image URL',
      () => ({
        method: 'POST',
        url: '/api/v1/products',
        headers: admin.headers,
        payload: { sku: 'I-1', name: 'I', priceCents: 1, imageUrl: `javascript:${SCRIPT}` },
      }),
    ],
    [
      'a stock adjustment of zero',
      () => ({
        method: 'POST',
        url: `/api/v1/products/${product.id}/stock`,
        headers: admin.headers,
        payload: { delta: 0, reason: 'none' },
      }),
    ],
    [
      'a stock adjustment below zero',
      () => ({
        method: 'POST',
        url: `/api/v1/products/${product.id}/stock`,
        headers: admin.headers,
        payload: { delta: -1000, reason: 'oops' },
      }),
    ],
    [
      'an unknown status',
      () => ({
        method: 'PATCH',
        url: `/api/v1/orders/${order.id}/status`,
        headers: staff.headers,
        payload: { status: 'TELEPORTED' },
      }),
    ],
    [
      'a lowercase status',
      () => ({
        method: 'PATCH',
        url: `/api/v1/orders/${order.id}/status`,
        headers: staff.headers,
        payload: { status: 'confirmed' },
      }),
    ],
    [
      'an invalid path id',
      () => ({ method: 'GET', url: `/api/v1/orders/${encodeURIComponent(SQL)}`, headers: customer.headers }),
    ],
    [
      'an invalid cursor',
      () => ({ method: 'GET', url: '/api/v1/orders?cursor=%27%3B--', headers: customer.headers }),
    ],
    ['an out-of-range limit', () => ({ method: 'GET', url: '/api/v1/products?limit=100000' })],
    ['a negative limit', () => ({ method: 'GET', url: '/api/v1/products?limit=-1' })],
    [
      'an unknown status filter',
      () => ({ method: 'GET', url: '/api/v1/orders?status=LOST', headers: staff.headers }),
    ],
    [
      'a malformed date filter',
      () => ({ method: 'GET', url: '/api/v1/orders?from=yesterday', headers: staff.headers }),
    ],
    [
      'an unknown note visibility',
      () => ({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/notes`,
        headers: staff.headers,
        payload: { body: SCRIPT, visibility: 'public' },
      }),
    ],
    [
      'a shipment quantity of zero',
      () => ({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/shipments`,
        headers: staff.headers,
        payload: { items: [{ productId: order.id, quantity: 0 }], carrier: 'UPS', trackingNumber: SCRIPT },
      }),
    ],
    [
      'a shipment without a tracking number',
      () => ({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/shipments`,
        headers: staff.headers,
        payload: { items: [], carrier: 'UPS' },
      }),
    ],
    [
      'a tracking link that is not a web address',
      () => ({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/shipments`,
        headers: staff.headers,
        payload: { items: [], carrier: 'UPS', trackingNumber: '1Z', trackingUrl: 'javascript:alert(1)' },
      }),
    ],
    [
      'an unknown package status',
      () => ({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/shipments/${order.id}/events`,
        headers: staff.headers,
        payload: { status: 'LOST' },
      }),
    ],
    [
      'an edit with a custom line priced below zero',
      () => ({
        method: 'PUT',
        url: `/api/v1/orders/${order.id}/items`,
        headers: staff.headers,
        payload: { items: [{ name: SCRIPT, unitPriceCents: -100, quantity: 1 }] },
      }),
    ],
    [
      'an edit with a fractional quantity',
      () => ({
        method: 'PUT',
        url: `/api/v1/orders/${order.id}/items`,
        headers: staff.headers,
        payload: { items: [{ productId: product.id, quantity: 1.5 }] },
      }),
    ],
    [
      'an edit line that is half product, half custom',
      () => ({
        method: 'PUT',
        url: `/api/v1/orders/${order.id}/items`,
        headers: staff.headers,
        payload: { items: [{ productId: product.id, name: 'x', unitPriceCents: 1, quantity: 1 }] },
      }),
    ],
    [
      'an edit that names its own total',
      () => ({
        method: 'PUT',
        url: `/api/v1/orders/${order.id}/items`,
        headers: staff.headers,
        payload: { items: [{ productId: product.id, quantity: 2 }], totalCents: 1 },
      }),
    ],
    [
      'an edit without items',
      () => ({ method: 'PUT', url: `/api/v1/orders/${order.id}/items`, headers: staff.headers, payload: {} }),
    ],
    [
      'an invalid email',
      () => ({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email: SCRIPT, password: 'long-enough-1', name: 'X' },
      }),
    ],
    [
      'a short password',
      () => ({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email: 'short@example.test', password: 'short', name: 'X' },
      }),
    ],
    [
      'a wrong content type',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: { ...customer.headers, 'content-type': 'text/plain' },
        payload: 'items=1',
      }),
    ],
    [
      'an idempotency key with control characters',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: { ...customer.headers, 'idempotency-key': 'a\u0007b' },
        payload: item({}),
      }),
    ],
    [
      'a webhook to a non-http URL',
      () => ({
        method: 'POST',
        url: '/api/v1/admin/webhooks',
        headers: admin.headers,
        payload: { url: 'file:///etc/passwd' },
      }),
    ],
    [
      'an oversized Last-Event-ID',
      () => ({
        method: 'GET',
        url: '/api/v1/events',
        headers: { ...staff.headers, 'last-event-id': '1e99' },
      }),
    ],
    [
      'a role that does not exist',
      () => ({
        method: 'PATCH',
        url: `/api/v1/admin/users/${customer.id}`,
        headers: admin.headers,
        payload: { role: 'ROOT' },
      }),
    ],
    [
      'a NUL character in a login email',
      () => ({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'a\u0000@b.test', password: 'whatever-1' },
      }),
    ],
    [
      'a NUL character in a search',
      () => ({ method: 'GET', url: '/api/v1/products?q=%00', headers: customer.headers }),
    ],
    [
      'an analytics range without dates',
      () => ({ method: 'GET', url: '/api/v1/admin/analytics/orders', headers: admin.headers }),
    ],
    [
      'a total of its own choosing in an order',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: { ...item({}), totalCents: 1 },
      }),
    ],
    [
      'a price of its own choosing in an order line',
      () => ({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: item({ priceCents: 1 }),
      }),
    ],
    [
      'a role of its own choosing at registration',
      () => ({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email: 'climber@example.test', password: 'long-enough-1', name: 'X', role: 'ADMIN' },
      }),
    ],
    [
      'an unknown query parameter',
      () => ({ method: 'GET', url: '/api/v1/orders?all=true', headers: customer.headers }),
    ],
    [
      'a malformed percent-encoding in the path',
      () => ({ method: 'GET', url: '/api/v1/orders/%E0%A4%A', headers: customer.headers }),
    ],
    [
      'a 3,000-character id in a PATCH',
      () => ({
        method: 'PATCH',
        url: `/api/v1/orders/${'a'.repeat(3000)}`,
        headers: customer.headers,
        payload: { title: 'x' },
      }),
    ],
    [
      'a 3,000-character id in a DELETE',
      () => ({ method: 'DELETE', url: `/api/v1/media/${'a'.repeat(3000)}`, headers: staff.headers }),
    ],
    [
      'a 3,000-character id in a GET',
      () => ({ method: 'GET', url: `/api/v1/orders/${'a'.repeat(3000)}`, headers: customer.headers }),
    ],
  ];

  for (const [name, build] of cases) {
    it(`answers ${name} with a 4xx in the error shape and writes nothing`, async () => {
      const before = await counts();
      const res = await ctx.inject(build());
      expect(res.statusCode, res.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      const body = res.json<ErrorResponse>();
      expect(typeof body.error.code).toBe('string');
      expect(typeof body.error.message).toBe('string');
      expect(body.requestId).toBe(res.headers['x-request-id']);
      expect(res.body).not.toMatch(/at \w+ \(|node_modules|SELECT |INSERT /);
      expect(await counts()).toEqual(before);
    });
  }

  it('answers a PATCH naming no known field with 400 on every route, changing nothing', async () => {
    const hook = await ctx.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      headers: admin.headers,
      payload: { url: 'https://hooks.example.com/strict' },
    });
    expect(hook.statusCode, hook.body).toBe(201);
    const webhookId = hook.json<{ id: string }>().id;
    const targets: { who: TestUser; url: string; read: string }[] = [
      { who: customer, url: `/api/v1/orders/${order.id}`, read: `/api/v1/orders/${order.id}` },
      { who: staff, url: `/api/v1/orders/${order.id}`, read: `/api/v1/orders/${order.id}` },
      { who: admin, url: `/api/v1/products/${product.id}`, read: `/api/v1/products/${product.id}` },
      { who: customer, url: '/api/v1/users/me', read: '/api/v1/users/me' },
      {
        who: admin,
        url: `/api/v1/admin/users/${customer.id}`,
        read: `/api/v1/admin/users?q=${customer.email}`,
      },
      { who: admin, url: `/api/v1/admin/webhooks/${webhookId}`, read: '/api/v1/admin/webhooks' },
    ];
    const bodies = [{}, { totalCents: 1 }, { version: 99, status: 'COMPLETED' }, { id: customer.id }];
    for (const { who, url, read } of targets) {
      const before = (await ctx.inject({ method: 'GET', url: read, headers: who.headers })).json<unknown>();
      const counted = await counts();
      for (const payload of bodies) {
        const res = await ctx.inject({ method: 'PATCH', url, headers: who.headers, payload });
        expect(res.statusCode, `${url} ${JSON.stringify(payload)}: ${res.body}`).toBe(400);
        expect(res.json<ErrorResponse>().error.code).toBe('VALIDATION_ERROR');
      }
      expect((await ctx.inject({ method: 'GET', url: read, headers: who.headers })).json()).toEqual(before);
      expect(await counts()).toEqual(counted);
    }
  });

  it('stores SQL and script fragments in valid text fields as plain text, and searches them safely', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: customer.headers,
      payload: { title: SQL, description: SCRIPT },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<Order>()).toMatchObject({ title: SQL, description: SCRIPT });
    expect(res.headers['content-type']).toContain('application/json');
    const search = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders?q=${encodeURIComponent(SQL)}`,
      headers: staff.headers,
    });
    expect(search.statusCode).toBe(200);
    expect(search.json<{ items: Order[] }>().items.map((o) => o.title)).toEqual([SQL]);
    const products = await ctx.inject({
      method: 'GET',
      url: `/api/v1/products?q=${encodeURIComponent("%' OR 1=1 --")}`,
    });
    expect(products.json<{ items: unknown[] }>().items).toEqual([]);
    expect((await counts()).orders).toBeGreaterThan(1);
  });
});
