import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cart, ErrorResponse, MergeReport, Order, Product, Wishlist } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';

describe.each(dialects)('cart and wishlist on %s', (dialect) => {
  let ctx: TestContext;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.newUser('ADMIN');
  });
  afterAll(() => ctx.close());

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    ctx.inject({ method, url: `/api/v1${url}`, headers: user.headers, ...(payload ? { payload } : {}) });

  it('adds, changes and removes lines, with server prices, availability and total', async () => {
    const customer = await ctx.newUser();
    const mug = await ctx.newProduct({ priceCents: 1200, stock: 5 });
    const cap = await ctx.newProduct({ priceCents: 2500, stock: 2 });
    await call(customer, 'POST', '/cart/items', {
      productId: mug.id,
      quantity: 2,
      options: { colour: 'blue' },
    });
    await call(customer, 'POST', '/cart/items', { productId: mug.id, quantity: 1 });
    const added = await call(customer, 'POST', '/cart/items', { productId: cap.id, quantity: 2 });
    expect(added.json<Cart>()).toMatchObject({
      itemCount: 5,
      totalCents: 3 * 1200 + 2 * 2500,
      checkoutReady: true,
      items: [
        {
          productId: mug.id,
          quantity: 3,
          unitPriceCents: 1200,
          options: { colour: 'blue' },
          status: 'ok',
          available: 5,
        },
        { productId: cap.id, quantity: 2, lineTotalCents: 5000, status: 'ok' },
      ],
    });

    const tooMany = await call(customer, 'PATCH', `/cart/items/${mug.id}`, { quantity: 6 });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json<ErrorResponse>().error).toMatchObject({
      code: 'OUT_OF_STOCK',
      details: [{ productId: mug.id, available: 5 }],
    });
    expect(
      (await call(customer, 'PATCH', `/cart/items/${mug.id}`, { quantity: 1 })).json<Cart>().items[0]!
        .quantity,
    ).toBe(1);

    // Someone else buys the caps: the line is flagged, and the total only counts what can be ordered.
    await ctx.inject({
      method: 'POST',
      url: `/api/v1/products/${cap.id}/stock`,
      headers: admin.headers,
      payload: { delta: -2, reason: 'sold in shop' },
    });
    const flagged = (await call(customer, 'GET', '/cart')).json<Cart>();
    expect(flagged.items[1]).toMatchObject({ status: 'out_of_stock', available: 0 });
    expect(flagged).toMatchObject({ totalCents: 1200, checkoutReady: false });
    await ctx.inject({ method: 'DELETE', url: `/api/v1/products/${mug.id}`, headers: admin.headers });
    expect((await call(customer, 'GET', '/cart')).json<Cart>().items[0]!.status).toBe('unavailable');

    expect((await call(customer, 'DELETE', `/cart/items/${cap.id}`)).json<Cart>().items).toHaveLength(1);
    expect((await call(customer, 'DELETE', `/cart/items/${cap.id}`)).statusCode).toBe(404);
    expect((await call(customer, 'DELETE', '/cart')).json<Cart>()).toMatchObject({
      items: [],
      totalCents: 0,
    });
  });

  it('merges a guest cart at login: quantities summed and capped at stock, unknown and archived products reported, a retried merge changes nothing', async () => {
    const customer = await ctx.newUser();
    const tee = await ctx.newProduct({ stock: 10 });
    const scarce = await ctx.newProduct({ stock: 3 });
    const archived = await ctx.newProduct({ stock: 5 });
    const soldOut = await ctx.newProduct({ stock: 0 });
    await ctx.inject({ method: 'DELETE', url: `/api/v1/products/${archived.id}`, headers: admin.headers });
    await call(customer, 'POST', '/cart/items', { productId: tee.id, quantity: 2 });
    const unknown = '01900000-0000-7000-8000-000000000000';
    const guest = {
      mergeId: 'guest-merge-0001',
      items: [
        { productId: tee.id, quantity: 3 },
        { productId: scarce.id, quantity: 2 },
        { productId: scarce.id, quantity: 2 },
        { productId: archived.id, quantity: 1 },
        { productId: soldOut.id, quantity: 1 },
        { productId: unknown, quantity: 1 },
      ],
    };
    const first = await call(customer, 'POST', '/cart/merge', guest);
    expect(first.statusCode).toBe(200);
    const { cart, report } = first.json<{ cart: Cart; report: MergeReport }>();
    expect(cart.items.map((l) => [l.productId, l.quantity])).toEqual([
      [tee.id, 5],
      [scarce.id, 3],
    ]);
    expect(report.merged).toEqual([
      { productId: tee.id, quantity: 5, capped: false },
      { productId: scarce.id, quantity: 3, capped: true },
    ]);
    expect(report.rejected).toEqual(
      expect.arrayContaining([
        { productId: archived.id, reason: 'unavailable' },
        { productId: soldOut.id, reason: 'out_of_stock' },
        { productId: unknown, reason: 'unknown' },
      ]),
    );

    const retry = await call(customer, 'POST', '/cart/merge', guest);
    expect(retry.json<{ report: MergeReport }>().report).toMatchObject({
      replayed: true,
      merged: report.merged,
    });
    expect(retry.json<{ cart: Cart }>().cart.items.map((l) => l.quantity)).toEqual([5, 3]);
  });

  it('checks out the cart as one order and empties it only when the order is created', async () => {
    const customer = await ctx.newUser();
    const a = await ctx.newProduct({ stock: 5, priceCents: 700 });
    const b = await ctx.newProduct({ stock: 5, priceCents: 300 });
    await call(customer, 'POST', '/cart/items', { productId: a.id, quantity: 2 });
    await call(customer, 'POST', '/cart/items', { productId: b.id, quantity: 4 });
    // Stock runs short between adding and checking out.
    await ctx.inject({
      method: 'POST',
      url: `/api/v1/products/${b.id}/stock`,
      headers: admin.headers,
      payload: { delta: -3, reason: 'damaged' },
    });
    const short = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...customer.headers, 'idempotency-key': 'cart-checkout-1' },
      payload: { fromCart: true },
    });
    expect(short.statusCode).toBe(409);
    expect(short.json<ErrorResponse>().error).toMatchObject({
      code: 'OUT_OF_STOCK',
      details: [{ productId: b.id, requested: 4, available: 2 }],
    });
    expect((await call(customer, 'GET', '/cart')).json<Cart>().items.map((l) => l.quantity)).toEqual([2, 4]);
    expect(await ctx.stockOf(a.id)).toEqual({ stock: 5, ledger: 5 });
    expect(await ctx.stockOf(b.id)).toEqual({ stock: 2, ledger: 2 });

    await call(customer, 'PATCH', `/cart/items/${b.id}`, { quantity: 2 });
    const placed = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...customer.headers, 'idempotency-key': 'cart-checkout-2' },
      payload: {
        fromCart: true,
        shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'GB' },
      },
    });
    expect(placed.statusCode).toBe(201);
    expect(placed.json<Order>()).toMatchObject({
      totalCents: 2 * 700 + 2 * 300,
      items: [
        { productId: a.id, quantity: 2 },
        { productId: b.id, quantity: 2 },
      ],
    });
    expect((await call(customer, 'GET', '/cart')).json<Cart>().items).toEqual([]);
    const replay = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...customer.headers, 'idempotency-key': 'cart-checkout-2' },
      payload: {
        fromCart: true,
        shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'GB' },
      },
    });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json<Order>().id).toBe(placed.json<Order>().id);
    expect(await ctx.stockOf(a.id)).toEqual({ stock: 3, ledger: 3 });

    const empty = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: customer.headers,
      payload: { fromCart: true },
    });
    expect(empty.statusCode).toBe(400);
  });

  it('keeps a wishlist as a set, merges a guest wishlist, and reports what it could not add', async () => {
    const customer = await ctx.newUser();
    const p1 = await ctx.newProduct();
    const p2 = await ctx.newProduct();
    await call(customer, 'POST', '/wishlist/items', { productId: p1.id });
    await call(customer, 'POST', '/wishlist/items', { productId: p1.id });
    const merged = await call(customer, 'POST', '/wishlist/merge', {
      mergeId: 'guest-wish-0001',
      productIds: [p1.id, p2.id, '01900000-0000-7000-8000-000000000001'],
    });
    const body = merged.json<{ wishlist: Wishlist; report: MergeReport }>();
    expect(body.wishlist.items.map((i) => i.productId).sort()).toEqual([p1.id, p2.id].sort());
    expect(body.report.rejected).toEqual([
      { productId: '01900000-0000-7000-8000-000000000001', reason: 'unknown' },
    ]);
    expect((await call(customer, 'DELETE', `/wishlist/items/${p2.id}`)).json<Wishlist>().items).toHaveLength(
      1,
    );
    expect((await call(customer, 'DELETE', '/wishlist')).json<Wishlist>().items).toEqual([]);
  });

  it('keeps each customer to their own cart and wishlist, and staff out of carts', async () => {
    const [alice, bob] = await Promise.all([ctx.newUser(), ctx.newUser()]);
    const staff = await ctx.newUser('STAFF');
    const p: Product = await ctx.newProduct({ stock: 5 });
    await call(alice, 'POST', '/cart/items', { productId: p.id, quantity: 1 });
    await call(alice, 'POST', '/wishlist/items', { productId: p.id });
    expect((await call(bob, 'GET', '/cart')).json<Cart>().items).toEqual([]);
    expect((await call(bob, 'GET', '/wishlist')).json<Wishlist>().items).toEqual([]);
    expect((await call(bob, 'PATCH', `/cart/items/${p.id}`, { quantity: 2 })).statusCode).toBe(404);
    expect((await call(bob, 'DELETE', `/cart/items/${p.id}`)).statusCode).toBe(404);
    expect((await call(bob, 'DELETE', `/wishlist/items/${p.id}`)).statusCode).toBe(404);
    expect((await call(alice, 'GET', '/cart')).json<Cart>().items[0]!.quantity).toBe(1);
    expect((await call(staff, 'GET', '/cart')).statusCode).toBe(403);
    expect((await ctx.inject({ method: 'GET', url: '/api/v1/cart' })).statusCode).toBe(401);
  });

  it.each([
    ['zero quantity', { quantity: 0 }],
    ['negative quantity', { quantity: -1 }],
    ['fractional quantity', { quantity: 1.5 }],
    ['huge quantity', { quantity: 1_000_000 }],
    ['quantity as a string', { quantity: '2' }],
    ['unknown product id', { productId: 'not-a-uuid' }],
  ])('refuses %s with a 4xx in the error shape', async (_name, patch) => {
    const customer = await ctx.newUser();
    const p = await ctx.newProduct();
    const res = await call(customer, 'POST', '/cart/items', { productId: p.id, quantity: 1, ...patch });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorResponse>().error.code).toBe('VALIDATION_ERROR');
    expect((await call(customer, 'GET', '/cart')).json<Cart>().items).toEqual([]);
  });

  it('answers 404 for a product that does not exist', async () => {
    const customer = await ctx.newUser();
    const res = await call(customer, 'POST', '/cart/items', {
      productId: '01900000-0000-7000-8000-000000000002',
      quantity: 1,
    });
    expect(res.statusCode).toBe(404);
  });
});
