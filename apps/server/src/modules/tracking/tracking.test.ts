import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dialects, type TestContext } from '../../../test/context.ts';

describe.each(dialects)('public tracking and search engines on %s', (dialect) => {
  let ctx: TestContext;
  let orderNumber: string;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    const product = await ctx.newProduct();
    orderNumber = (await ctx.placeOrder(await ctx.newUser(), [{ productId: product.id, quantity: 1 }]))
      .orderNumber;
  });
  afterAll(() => ctx.close());

  it('asks search engines not to index an order, found or not', async () => {
    const found = await ctx.inject({ method: 'GET', url: `/api/v1/track/${orderNumber}` });
    expect(found.statusCode).toBe(200);
    expect(found.headers['x-robots-tag']).toBe('noindex');
    const missing = await ctx.inject({ method: 'GET', url: '/api/v1/track/ZZZZZZZZZZ' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-robots-tag']).toBe('noindex');
  });

  it('says the same on the order’s live stream, and not on the rest of the API', async () => {
    const base = await ctx.listen();
    const stream = await fetch(`${base}/api/v1/track/${orderNumber}/events`);
    try {
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      expect(stream.headers.get('x-robots-tag')).toBe('noindex');
    } finally {
      await stream.body?.cancel();
    }
    const catalog = await ctx.inject({ method: 'GET', url: '/api/v1/products' });
    expect(catalog.headers['x-robots-tag']).toBeUndefined();
  });
});
