import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry, Product } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { returnsFlow } from '../returns/returns.test-support.ts';

type LedgerPage = { items: LedgerEntry[]; nextCursor: string | null };

describe.each(dialects)('stock history on %s', (dialect) => {
  let ctx: TestContext;
  let admin: TestUser;
  let staff: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.newUser('ADMIN', { name: 'Ada Admin' });
    staff = await ctx.newUser('STAFF');
    customer = await ctx.newUser('CUSTOMER');
  });
  afterAll(() => ctx.close());

  const page = (user: TestUser | null, productId: string, query = '') =>
    ctx.inject({
      method: 'GET',
      url: `/api/v1/products/${productId}/ledger${query}`,
      ...(user ? { headers: user.headers } : {}),
    });

  /** Every entry, walking the pages `limit` at a time. */
  async function wholeLedger(productId: string, limit: number): Promise<LedgerEntry[]> {
    const entries: LedgerEntry[] = [];
    let cursor: string | null = null;
    do {
      const res = await page(admin, productId, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const body: LedgerPage = res.json<LedgerPage>();
      entries.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    return entries;
  }

  it('is for admins only; an unknown product is 404, a bad cursor 400', async () => {
    const product = await ctx.newProduct();
    expect((await page(null, product.id)).statusCode).toBe(401);
    expect((await page(customer, product.id)).statusCode).toBe(403);
    expect((await page(staff, product.id)).statusCode).toBe(403);
    expect((await page(admin, product.id)).statusCode).toBe(200);
    expect((await page(admin, '0190a0a0-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await page(admin, product.id, '?cursor=nope')).statusCode).toBe(400);
  });

  it('sums to the stock after orders, cancellations, returns, edits, adjustments and imports', async () => {
    const flow = returnsFlow(ctx);
    const created = await ctx.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: admin.headers,
      payload: { sku: 'LEDGER-1', name: 'Ledger lamp', priceCents: 2000, stock: 40 },
    });
    const lamp = created.json<Product>();
    const line = (quantity: number) => [{ productId: lamp.id, quantity }];

    const kept = await ctx.placeOrder(customer, line(3));
    const cancelled = await ctx.placeOrder(customer, line(5));
    await ctx.moveOrder(staff, cancelled.id, 'CANCELLED');
    const edited = await ctx.placeOrder(customer, line(2));
    const edit = await ctx.inject({
      method: 'PUT',
      url: `/api/v1/orders/${edited.id}/items`,
      headers: staff.headers,
      payload: { items: line(6), note: 'Six, as asked' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const delivered = await flow.deliveredOrder(customer, staff, line(4));
    const returned = await flow.requested(customer, delivered.id, line(3));
    expect((await flow.step(staff, returned.id, 'approve')).statusCode).toBe(200);
    const received = await flow.step(staff, returned.id, 'receive', { restock: line(2) });
    expect(received.statusCode, received.body).toBe(200);
    const adjusted = await ctx.inject({
      method: 'POST',
      url: `/api/v1/products/${lamp.id}/stock`,
      headers: admin.headers,
      payload: { delta: -1, reason: 'Broken in the warehouse' },
    });
    expect(adjusted.statusCode).toBe(200);
    const imported = await ctx.inject({
      method: 'POST',
      url: '/api/v1/products/import',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      payload: 'sku,stock\nLEDGER-1,30\n',
    });
    expect(imported.statusCode, imported.body).toBe(200);
    await ctx.placeOrder(customer, line(1));

    // 40 − 3 − 5 + 5 − 2 − 4 (edit to 6) − 4 + 2 − 1 → 28, imported to 30, − 1.
    const entries = await wholeLedger(lamp.id, 3);
    const { stock } = await ctx.stockOf(lamp.id);
    expect(stock).toBe(29);
    expect(entries.reduce((sum, e) => sum + e.delta, 0)).toBe(stock);
    expect(entries.map((e) => e.delta)).toEqual([-1, 2, -1, 2, -4, -4, -2, 5, -5, -3, 40]);
    // Newest first, each once, with its order and its actor.
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
    expect(entries.at(-1)).toMatchObject({
      reason: 'initial stock',
      actorId: admin.id,
      actorName: 'Ada Admin',
      orderId: null,
    });
    expect(entries.find((e) => e.delta === 5)).toMatchObject({
      orderId: cancelled.id,
      orderNumber: cancelled.orderNumber,
    });
    expect(entries.find((e) => e.reason === 'import')).toMatchObject({ delta: 2, actorId: admin.id });
    expect(entries.find((e) => e.orderId === kept.id)).toMatchObject({
      delta: -3,
      orderNumber: kept.orderNumber,
    });
  });
});
