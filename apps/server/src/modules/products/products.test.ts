import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, Product } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';

type ProductPage = { items: Product[]; nextCursor: string | null };

describe.each(dialects)('catalog on %s', (dialect) => {
  let ctx: TestContext;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.newUser('ADMIN');
  });
  afterAll(() => ctx.close());

  const create = (payload: object) =>
    ctx.inject({ method: 'POST', url: '/api/v1/products', headers: admin.headers, payload });

  it('creates, edits and archives a product; archived products leave the public catalog', async () => {
    const created = await create({
      sku: 'MUG-1',
      name: 'Blue mug',
      priceCents: 1200,
      stock: 7,
      currency: 'EUR',
    });
    expect(created.statusCode).toBe(201);
    const product = created.json<Product>();
    expect(product).toMatchObject({
      sku: 'MUG-1',
      priceCents: 1200,
      stock: 7,
      currency: 'EUR',
      active: true,
    });
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 7, ledger: 7 });

    const edited = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/products/${product.id}`,
      headers: admin.headers,
      payload: { name: 'Navy mug', priceCents: 1300 },
    });
    expect(edited.json<Product>()).toMatchObject({ name: 'Navy mug', priceCents: 1300, stock: 7 });

    expect(
      (await ctx.inject({ method: 'DELETE', url: `/api/v1/products/${product.id}`, headers: admin.headers }))
        .statusCode,
    ).toBe(200);
    expect((await ctx.inject({ method: 'GET', url: `/api/v1/products/${product.id}` })).statusCode).toBe(404);
    const asAdmin = await ctx.inject({
      method: 'GET',
      url: `/api/v1/products/${product.id}`,
      headers: admin.headers,
    });
    expect(asAdmin.json<Product>().active).toBe(false);
    const listed = await ctx.inject({ method: 'GET', url: '/api/v1/products?includeArchived=true&q=navy' });
    expect(listed.json<ProductPage>().items).toEqual([]);
    const listedByAdmin = await ctx.inject({
      method: 'GET',
      url: '/api/v1/products?includeArchived=true&q=navy',
      headers: admin.headers,
    });
    expect(listedByAdmin.json<ProductPage>().items.map((p) => p.id)).toEqual([product.id]);
  });

  it('refuses a duplicate SKU with 409', async () => {
    expect((await create({ sku: 'DUP-1', name: 'One', priceCents: 100 })).statusCode).toBe(201);
    const again = await create({ sku: 'DUP-1', name: 'Two', priceCents: 100 });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorResponse>().error.code).toBe('CONFLICT');
  });

  it('searches by name or SKU, case-insensitively, with LIKE wildcards taken literally', async () => {
    await create({ sku: 'PCT-50', name: 'Half off 50% tote', priceCents: 100 });
    await create({ sku: 'PCT-5X', name: 'Plain 5 tote', priceCents: 100 });
    const search = async (q: string) =>
      (await ctx.inject({ method: 'GET', url: `/api/v1/products?q=${encodeURIComponent(q)}` }))
        .json<ProductPage>()
        .items.map((p) => p.sku);
    expect(await search('50%')).toEqual(['PCT-50']);
    expect((await search('TOTE')).sort()).toEqual(['PCT-50', 'PCT-5X']);
    expect(await search('pct-5_')).toEqual([]);
  });

  it('pages through the catalog with keyset cursors, each product once', async () => {
    for (let i = 0; i < 7; i++) await create({ sku: `PAGE-${i}`, name: `Pager ${i}`, priceCents: 100 });
    const seen: string[] = [];
    let url = '/api/v1/products?q=pager&limit=3';
    for (;;) {
      const page = (await ctx.inject({ method: 'GET', url })).json<ProductPage>();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((p) => p.sku));
      if (!page.nextCursor) break;
      url = `/api/v1/products?q=pager&limit=3&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(['PAGE-6', 'PAGE-5', 'PAGE-4', 'PAGE-3', 'PAGE-2', 'PAGE-1', 'PAGE-0']);
  });

  it('shows every change in the public catalog at once, though pages are cached', async () => {
    const product = (
      await create({ sku: 'CACHE-1', name: 'Cached lamp', priceCents: 500, stock: 3 })
    ).json<Product>();
    const listed = async () =>
      (await ctx.inject({ method: 'GET', url: '/api/v1/products?limit=100' }))
        .json<ProductPage>()
        .items.find((p) => p.id === product.id);
    expect(await listed()).toMatchObject({ stock: 3, priceCents: 500 });

    const customer = await ctx.newUser();
    const order = await ctx.placeOrder(customer, [{ productId: product.id, quantity: 2 }]);
    expect(await listed()).toMatchObject({ stock: 1 });

    await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/cancel`,
      headers: customer.headers,
      payload: {},
    });
    expect(await listed()).toMatchObject({ stock: 3 });

    await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/products/${product.id}`,
      headers: admin.headers,
      payload: { priceCents: 450 },
    });
    expect(await listed()).toMatchObject({ priceCents: 450 });

    await ctx.inject({ method: 'DELETE', url: `/api/v1/products/${product.id}`, headers: admin.headers });
    expect(await listed()).toBeUndefined();
  });
});

describe.each(dialects)('admin user list on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(() => ctx.close());

  it('searches and filters users by role, with pagination', async () => {
    const admin = await ctx.newUser('ADMIN');
    await ctx.newUser('STAFF', { name: 'Grace Hopper' });
    for (let i = 0; i < 3; i++) await ctx.newUser('CUSTOMER');
    const get = async (query: string) =>
      (
        await ctx.inject({ method: 'GET', url: `/api/v1/admin/users?${query}`, headers: admin.headers })
      ).json<{
        items: { name: string; role: string }[];
        nextCursor: string | null;
      }>();
    expect((await get('q=hopper')).items.map((u) => u.name)).toEqual(['Grace Hopper']);
    expect((await get('role=CUSTOMER')).items).toHaveLength(3);
    const first = await get('role=CUSTOMER&limit=2');
    expect(first.items).toHaveLength(2);
    expect((await get(`role=CUSTOMER&limit=2&cursor=${first.nextCursor}`)).items).toHaveLength(1);
  });
});
