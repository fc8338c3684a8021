/**
 * The typed client in packages/client, generated from the OpenAPI document: it is not stale, and a
 * whole order flows through it over real HTTP on both databases.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIgnifloClient } from '@igniflo/client';
import { clientSchemaSource } from '../../../packages/client/src/generate.ts';
import { createTestContext, dialects, PASSWORD, type TestContext } from './context.ts';

describe('the generated client', () => {
  it('matches the document the server publishes (run `npm run generate:client` when this fails)', async () => {
    const committed = readFileSync(
      new URL('../../../packages/client/src/schema.ts', import.meta.url),
      'utf8',
    );
    expect(committed === (await clientSchemaSource()), 'packages/client/src/schema.ts is stale').toBe(true);
  });
});

describe.each(dialects)('a full order through the generated client on %s', (dialect) => {
  let ctx: TestContext;
  let baseUrl: string;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    baseUrl = await ctx.listen();
  });
  afterAll(() => ctx.close());

  it('registers, places an order, sees it moved by staff, and is refused what is not theirs', async () => {
    const admin = await ctx.newUser('ADMIN');
    const staff = await ctx.newUser('STAFF');
    const asAdmin = createIgnifloClient(baseUrl, { token: admin.token });
    const asStaff = createIgnifloClient(baseUrl, { token: staff.token });
    const anonymous = createIgnifloClient(baseUrl);

    const product = await asAdmin.POST('/api/v1/products', {
      body: { sku: 'CLIENT-MUG', name: 'Client mug', priceCents: 1250, stock: 5, currency: 'USD' },
    });
    expect(product.response.status, JSON.stringify(product.error)).toBe(201);
    const productId = product.data!.id;

    const registered = await anonymous.POST('/api/v1/auth/register', {
      body: { email: 'client-flow@example.test', password: PASSWORD, name: 'Client Flow' },
    });
    expect(registered.response.status, JSON.stringify(registered.error)).toBe(201);
    const asCustomer = createIgnifloClient(baseUrl, { token: () => registered.data?.accessToken });

    const placed = await asCustomer.POST('/api/v1/orders', {
      params: { header: { 'idempotency-key': 'client-flow-1' } },
      body: { items: [{ productId, quantity: 2 }] },
    });
    expect(placed.response.status, JSON.stringify(placed.error)).toBe(201);
    const order = placed.data!;
    expect(order.totalCents).toBe(2500);
    expect(order.status).toBe('PENDING');

    const moved = await asStaff.PATCH('/api/v1/orders/{id}/status', {
      params: { path: { id: order.id } },
      body: { status: 'CONFIRMED' },
    });
    expect(moved.response.status, JSON.stringify(moved.error)).toBe(200);

    const mine = await asCustomer.GET('/api/v1/orders', { params: { query: { limit: 10 } } });
    expect(mine.data?.items.map((o) => [o.orderNumber, o.status])).toEqual([
      [order.orderNumber, 'CONFIRMED'],
    ]);
    const tracked = await anonymous.GET('/api/v1/track/{orderNumber}', {
      params: { path: { orderNumber: order.orderNumber } },
    });
    expect(tracked.data?.status).toBe('CONFIRMED');

    const stranger = await ctx.newUser('CUSTOMER');
    const refused = await createIgnifloClient(baseUrl, { token: stranger.token }).GET('/api/v1/orders/{id}', {
      params: { path: { id: order.id } },
    });
    expect(refused.response.status).toBe(404);
    expect(refused.error?.error.code).toBe('NOT_FOUND');
    expect(refused.error?.requestId).toBe(refused.response.headers.get('x-request-id'));
  });
});
