import { get, type IncomingMessage } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';

/** Opens a stream with a raw HTTP client, which shows the bytes as they come, with no decoding. */
function openRaw(url: string, headers: Record<string, string>) {
  let text = '';
  return new Promise<{ response: IncomingMessage; text: () => string }>((resolve, reject) => {
    get(url, { headers }, (response) => {
      response.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
      resolve({ response, text: () => text });
    }).on('error', reject);
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(dialects)('response compression on %s', (dialect) => {
  let ctx: TestContext;
  let staff: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    staff = await ctx.newUser('STAFF');
    customer = await ctx.newUser('CUSTOMER');
    for (let i = 0; i < 20; i++) {
      const product = await ctx.newProduct({ name: `Screen-printed poster number ${i}`, stock: 50 });
      await ctx.placeOrder(customer, [{ productId: product.id, quantity: 1 }]);
    }
  });
  afterAll(() => ctx.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.inject({ method: 'GET', url, headers });

  it('compresses a large JSON list for a client that accepts br or gzip, and sends it plain otherwise', async () => {
    const plain = await get('/api/v1/products?limit=100');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(4 * 1024);
    expect(Number(plain.headers['content-length'])).toBe(plain.rawPayload.length);

    const br = await get('/api/v1/products?limit=100', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toContain('accept-encoding');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());

    const gzip = await get('/api/v1/products?limit=100', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(plain.json());
  });

  it('compresses a list sent as bytes rendered ahead (the orders list)', async () => {
    const plain = await get('/api/v1/orders?limit=100', staff.headers);
    expect(plain.statusCode).toBe(200);
    expect(plain.json<{ items: unknown[] }>().items).toHaveLength(20);
    const gzip = await get('/api/v1/orders?limit=100', { ...staff.headers, 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['content-type']).toContain('application/json');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(plain.json());
  });

  it('leaves answers under 1 KB as they are', async () => {
    const res = await get('/healthz', { 'accept-encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('streams live events uncompressed and at once to a client that accepts gzip', async () => {
    const base = await ctx.listen();
    const product = await ctx.newProduct();
    const order = await ctx.placeOrder(customer, [{ productId: product.id, quantity: 1 }]);
    const { ticket } = (
      await ctx.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: staff.headers })
    ).json<{ ticket: string }>();
    const streams = await Promise.all([
      openRaw(`${base}/api/v1/track/${order.orderNumber}/events`, { 'accept-encoding': 'gzip, br' }),
      openRaw(`${base}/api/v1/events?ticket=${ticket}`, { 'accept-encoding': 'gzip, br' }),
    ]);
    try {
      for (const { response, text } of streams) {
        expect(response.headers['content-type']).toContain('text/event-stream');
        expect(response.headers['content-encoding']).toBeUndefined();
        await until(() => text().includes(': connected'), 'the stream to open');
      }
      await ctx.moveOrder(staff, order.id, 'CONFIRMED');
      const [tracker, staffStream] = streams.map((s) => s.text);
      await until(() => tracker?.().includes('event: status') ?? false, 'the tracker event');
      await until(() => staffStream?.().includes('event: order') ?? false, 'the staff event');
    } finally {
      streams.forEach(({ response }) => response.destroy());
    }
  });
});
