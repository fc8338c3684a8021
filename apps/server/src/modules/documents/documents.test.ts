import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import type { Order } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';

/** The text a PDF shows, roughly: its content streams inflated, the strings of its text operators joined. */
function pdfText(pdf: Buffer): string {
  const text: string[] = [];
  const raw = pdf.toString('latin1');
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    // pdfkit writes text as hex strings in TJ arrays: <48656c6c6f> -12 <...>
    for (const line of content.matchAll(/\[(.*?)\] TJ/g)) {
      text.push(
        [...line[1]!.matchAll(/<([0-9a-f]+)>/g)]
          .map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1'))
          .join(''),
      );
    }
  }
  return text.join('\n');
}

describe.each(dialects)('order documents on %s', (dialect) => {
  let ctx: TestContext;
  let admin: TestUser;
  let staff: TestUser;
  let owner: TestUser;
  let stranger: TestUser;
  let order: Order;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.newUser('ADMIN');
    staff = await ctx.newUser('STAFF');
    owner = await ctx.newUser('CUSTOMER', { name: 'Ada Lovelace' });
    stranger = await ctx.newUser('CUSTOMER');
    const mug = await ctx.newProduct({ name: 'Blue mug', priceCents: 1250 });
    const tee = await ctx.newProduct({ name: 'Tee shirt', priceCents: 1999, currency: 'USD' });
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: owner.headers,
      payload: {
        items: [
          { productId: mug.id, quantity: 2 },
          { productId: tee.id, quantity: 1, options: { Size: 'M' } },
        ],
        specialInstructions: 'Leave with the neighbour',
        shippingAddress: {
          name: 'Ada Lovelace',
          line1: '12 St James Square',
          city: 'London',
          postalCode: 'SW1Y 4JH',
          country: 'GB',
        },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    order = res.json<Order>();
  });
  afterAll(() => ctx.close());

  const get = (user: TestUser | null, document: string, id = order.id) =>
    ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${id}/${document}.pdf`,
      ...(user ? { headers: user.headers } : {}),
    });

  it('prints the packing slip for staff and admins only: customers 403, anonymous 401', async () => {
    expect((await get(null, 'packing-slip')).statusCode).toBe(401);
    expect((await get(owner, 'packing-slip')).statusCode).toBe(403);
    expect((await get(stranger, 'packing-slip')).statusCode).toBe(403);
    expect((await get(admin, 'packing-slip')).statusCode).toBe(200);
    expect((await get(staff, 'packing-slip', '0190a0a0-0000-7000-8000-000000000000')).statusCode).toBe(404);

    const res = await get(staff, 'packing-slip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="packing-slip-${order.orderNumber}.pdf"`,
    );
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.rawPayload);
    for (const shown of [
      'Packing slip',
      order.orderNumber,
      'SHIP TO',
      '12 St James Square',
      'SW1Y 4JH London',
      'Blue mug',
      'Size: M',
      '3 units in total',
      'Leave with the neighbour',
    ]) {
      expect(text).toContain(shown);
    }
    // No prices on a packing slip.
    expect(text).not.toContain('$');
  });

  it("prints the invoice for its customer, staff and admins; another customer's order is 404", async () => {
    expect((await get(null, 'invoice')).statusCode).toBe(401);
    expect((await get(stranger, 'invoice')).statusCode).toBe(404);
    expect((await get(staff, 'invoice')).statusCode).toBe(200);
    expect((await get(admin, 'invoice')).statusCode).toBe(200);
    const res = await get(owner, 'invoice');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    for (const shown of [
      'Invoice',
      order.orderNumber,
      'BILL TO',
      'Ada Lovelace',
      '$12.50',
      '$25.00',
      '$19.99',
      '$44.99',
      'Payment not yet received.',
    ]) {
      expect(text).toContain(shown);
    }
  });
});
