import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, Order } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { groupCommitStats } from '../../platform/db/transaction.ts';

describe.each(dialects)('stock reservation on %s', (dialect) => {
  let ctx: TestContext;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.newUser('ADMIN');
  });
  afterAll(() => ctx.close());

  it('refuses to oversell the last 10 units under 50 concurrent orders', async () => {
    const product = await ctx.newProduct({ stock: 10 });
    const customers = await Promise.all(Array.from({ length: 50 }, () => ctx.newUser('CUSTOMER')));
    const responses = await Promise.all(
      customers.map((c) =>
        ctx.inject({
          method: 'POST',
          url: '/api/v1/orders',
          headers: c.headers,
          payload: { items: [{ productId: product.id, quantity: 1 }] },
        }),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(40);
    for (const r of responses.filter((r) => r.statusCode === 409)) {
      expect(r.json<ErrorResponse>().error.code).toBe('OUT_OF_STOCK');
    }
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 0, ledger: 0 });
    const orders = await ctx.db
      .selectFrom('orders')
      .select('id')
      .where(
        'customer_id',
        'in',
        customers.map((c) => c.id),
      )
      .execute();
    expect(orders).toHaveLength(10);
  });

  it('reserves nothing when one item of the order is short, and names the short item', async () => {
    const plenty = await ctx.newProduct({ stock: 5 });
    const scarce = await ctx.newProduct({ stock: 1 });
    const customer = await ctx.newUser();
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: customer.headers,
      payload: {
        items: [
          { productId: plenty.id, quantity: 2 },
          { productId: scarce.id, quantity: 2 },
        ],
      },
    });
    expect(res.statusCode).toBe(409);
    const body = res.json<ErrorResponse>();
    expect(body.error.code).toBe('OUT_OF_STOCK');
    expect(body.error.details).toEqual([
      { productId: scarce.id, sku: scarce.sku, requested: 2, available: 1 },
    ]);
    expect(await ctx.stockOf(plenty.id)).toEqual({ stock: 5, ledger: 5 });
    expect(await ctx.stockOf(scarce.id)).toEqual({ stock: 1, ledger: 1 });
    const orders = await ctx.db
      .selectFrom('orders')
      .select('id')
      .where('customer_id', '=', customer.id)
      .execute();
    expect(orders).toHaveLength(0);
  });

  it('sums two lines of the same product before checking stock', async () => {
    const product = await ctx.newProduct({ stock: 3 });
    const customer = await ctx.newUser();
    const twoLines = {
      items: [
        { productId: product.id, quantity: 2 },
        { productId: product.id, quantity: 2 },
      ],
    };
    const refused = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: customer.headers,
      payload: twoLines,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorResponse>().error.details).toEqual([
      { productId: product.id, sku: product.sku, requested: 4, available: 3 },
    ]);
    const order = await ctx.placeOrder(customer, [
      { productId: product.id, quantity: 1 },
      { productId: product.id, quantity: 2 },
    ]);
    expect(order.items.map((i) => i.quantity)).toEqual([1, 2]);
    expect(order.totalCents).toBe(3 * product.priceCents);
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 0, ledger: 0 });
  });

  it('returns the stock when an order is cancelled, and keeps stock equal to the ledger', async () => {
    const product = await ctx.newProduct({ stock: 4 });
    const customer = await ctx.newUser();
    const order = await ctx.placeOrder(customer, [{ productId: product.id, quantity: 3 }]);
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 1, ledger: 1 });
    const res = await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/cancel`,
      headers: customer.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Order>().status).toBe('CANCELLED');
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 4, ledger: 4 });
  });

  it('refuses an order for an archived product and reserves nothing', async () => {
    const product = await ctx.newProduct({ stock: 4 });
    await ctx.inject({ method: 'DELETE', url: `/api/v1/products/${product.id}`, headers: admin.headers });
    const customer = await ctx.newUser();
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: customer.headers,
      payload: { items: [{ productId: product.id, quantity: 1 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorResponse>().error.details).toEqual([
      { productId: product.id, reason: 'unavailable' },
    ]);
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 4, ledger: 4 });
  });

  it('refuses a mix of currencies, and an archived product before a short one, taking nothing', async () => {
    const customer = await ctx.newUser();
    const order = (items: { productId: string; quantity: number }[]) =>
      ctx.inject({ method: 'POST', url: '/api/v1/orders', headers: customer.headers, payload: { items } });
    const [dollars, euros] = await Promise.all([
      ctx.newProduct({ stock: 5, currency: 'USD' }),
      ctx.newProduct({ stock: 5, currency: 'EUR' }),
    ]);
    const mixed = await order([
      { productId: dollars.id, quantity: 1 },
      { productId: euros.id, quantity: 1 },
    ]);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json<ErrorResponse>().error.message).toMatch(/currency/);

    const [archived, scarce] = await Promise.all([
      ctx.newProduct({ stock: 5 }),
      ctx.newProduct({ stock: 1 }),
    ]);
    await ctx.inject({ method: 'DELETE', url: `/api/v1/products/${archived.id}`, headers: admin.headers });
    const refused = await order([
      { productId: scarce.id, quantity: 3 },
      { productId: archived.id, quantity: 1 },
      { productId: dollars.id, quantity: 1 },
    ]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ErrorResponse>().error.details).toEqual([
      { productId: archived.id, reason: 'unavailable' },
    ]);
    for (const [product, stock] of [
      [dollars, 5],
      [euros, 5],
      [archived, 5],
      [scarce, 1],
    ] as const) {
      expect(await ctx.stockOf(product.id)).toEqual({ stock, ledger: stock });
    }
  });

  it('lets an admin adjust stock through the ledger but never below zero', async () => {
    const product = await ctx.newProduct({ stock: 2 });
    const add = await ctx.inject({
      method: 'POST',
      url: `/api/v1/products/${product.id}/stock`,
      headers: admin.headers,
      payload: { delta: 5, reason: 'delivery' },
    });
    expect(add.statusCode).toBe(200);
    const below = await ctx.inject({
      method: 'POST',
      url: `/api/v1/products/${product.id}/stock`,
      headers: admin.headers,
      payload: { delta: -8, reason: 'shrinkage' },
    });
    expect(below.statusCode).toBe(409);
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 7, ledger: 7 });
  });

  it('answers a retry with its first order even after the product sold out', async () => {
    const product = await ctx.newProduct({ stock: 1 });
    const customer = await ctx.newUser();
    const place = (key: string, quantity = 1) =>
      ctx.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: { ...customer.headers, 'idempotency-key': key },
        payload: { items: [{ productId: product.id, quantity }] },
      });
    const first = await place('retry-after-sellout');
    expect(first.statusCode).toBe(201);
    // Refused for stock, so the next orders for it are checked before their transaction.
    expect((await place('another-key')).statusCode).toBe(409);
    const retry = await place('retry-after-sellout');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<Order>().id).toBe(first.json<Order>().id);
    // The same key with another body is still told so, not refused for stock.
    expect((await place('retry-after-sellout', 2)).statusCode).toBe(422);
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 0, ledger: 0 });
  });

  it('refuses a product found short of stock before taking a transaction, until it is restocked', async () => {
    const product = await ctx.newProduct({ stock: 1 });
    const customer = await ctx.newUser();
    const order = (quantity: number) =>
      ctx.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: customer.headers,
        payload: { items: [{ productId: product.id, quantity }] },
      });
    // On SQLite the group commit counts transactions that failed in their savepoint.
    const failed = () => groupCommitStats(ctx.db)?.failed ?? 0;
    const before = failed();
    expect((await order(2)).statusCode).toBe(409); // refused in its transaction, which marks the product
    expect(failed()).toBe(before + (dialect === 'sqlite' ? 1 : 0));
    const early = await order(3);
    expect(early.statusCode).toBe(409);
    expect(early.json<ErrorResponse>().error.details).toEqual([
      { productId: product.id, sku: product.sku, requested: 3, available: 1 },
    ]);
    expect(failed()).toBe(before + (dialect === 'sqlite' ? 1 : 0)); // no transaction this time
    // The read lets through what the stock allows, and the transaction still decides.
    expect((await order(1)).statusCode).toBe(201);
    expect((await order(1)).statusCode).toBe(409);
    const restock = await ctx.inject({
      method: 'POST',
      url: `/api/v1/products/${product.id}/stock`,
      headers: admin.headers,
      payload: { delta: 5, reason: 'restock' },
    });
    expect(restock.statusCode).toBe(200);
    expect((await order(5)).statusCode).toBe(201);
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 0, ledger: 0 });
  });
});
