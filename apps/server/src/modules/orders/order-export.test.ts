import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { ORDER_NUMBER_ALPHABET, type Order } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { newId } from '../../lib/ids.ts';
import { ORDER_CSV_COLUMNS } from './order-export.ts';

const BOM = '\ufeff';

/** The CSV's records as objects by column, the BOM and header checked. */
function records(body: string): Record<string, string>[] {
  expect(body.startsWith(BOM)).toBe(true);
  return parse<Record<string, string>>(body, { bom: true, columns: true });
}

describe.each(dialects)('orders CSV export on %s', (dialect) => {
  let ctx: TestContext;
  let admin: TestUser;
  let staff: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.newUser('ADMIN');
    staff = await ctx.newUser('STAFF');
    customer = await ctx.newUser('CUSTOMER', { name: '@SUM(A1), "the boss"' });
  });
  afterAll(() => ctx.close());

  const exportCsv = (user: TestUser | null, query = '') =>
    ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/export.csv${query}`,
      ...(user ? { headers: user.headers } : {}),
    });

  it('is for staff and admins: customers 403, anonymous 401, a bad filter 400', async () => {
    expect((await exportCsv(null)).statusCode).toBe(401);
    expect((await exportCsv(customer)).statusCode).toBe(403);
    expect((await exportCsv(staff)).statusCode).toBe(200);
    expect((await exportCsv(admin)).statusCode).toBe(200);
    expect((await exportCsv(staff, '?status=LOST')).statusCode).toBe(400);
    // Paging belongs to the list, not to the export.
    expect((await exportCsv(staff, '?limit=5')).statusCode).toBe(400);
  });

  it('writes one row per order line with quoting and formula cells escaped, under the list filters', async () => {
    const tricky = await ctx.newProduct({ name: 'Mug, "large"\nsecond line', priceCents: 1250 });
    const formula = await ctx.newProduct({ name: '=HYPERLINK("http://evil.test")', priceCents: 300 });
    const minus = await ctx.newProduct({ name: '-2+3', priceCents: 100 });
    const placed = await ctx.placeOrder(customer, [
      { productId: tricky.id, quantity: 2 },
      { productId: formula.id, quantity: 1 },
      { productId: minus.id, quantity: 3 },
    ]);
    const other = await ctx.placeOrder(customer, [{ productId: tricky.id, quantity: 1 }]);
    await ctx.moveOrder(staff, other.id, 'CONFIRMED');

    const res = await exportCsv(staff, '?status=PENDING');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="orders-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(res.body.slice(1, res.body.indexOf('\n'))).toBe(ORDER_CSV_COLUMNS.join(','));
    // The raw text: the library quoted the comma, the doubled quotes and the newline.
    expect(res.body).toContain('"Mug, ""large""\nsecond line"');

    const rows = records(res.body).filter((r) => r.orderNumber === placed.orderNumber);
    expect(rows.map((r) => [r.line, r.sku, r.name, r.quantity, r.unitPriceCents, r.lineTotalCents])).toEqual([
      ['1', tricky.sku, 'Mug, "large"\nsecond line', '2', '1250', '2500'],
      ['2', formula.sku, `'=HYPERLINK("http://evil.test")`, '1', '300', '300'],
      ['3', minus.sku, "'-2+3", '3', '100', '300'],
    ]);
    expect(rows[0]).toMatchObject({
      status: 'PENDING',
      paymentStatus: 'UNPAID',
      currency: 'USD',
      orderTotalCents: '3100',
      customerName: `'@SUM(A1), "the boss"`,
    });
    // The filter: the confirmed order is not in a PENDING export, and is in a CONFIRMED one.
    expect(records(res.body).some((r) => r.orderNumber === other.orderNumber)).toBe(false);
    const confirmed = records((await exportCsv(admin, '?status=CONFIRMED')).body);
    expect(confirmed.map((r) => r.orderNumber)).toEqual([other.orderNumber]);
  });

  it('gives a custom request without lines one row, and honours the date filter', async () => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: customer.headers,
      payload: { title: 'Engraved sign', description: 'Oak, 40 cm', items: [] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const custom = res.json<Order>();
    const from = encodeURIComponent(custom.createdAt);
    const rows = records((await exportCsv(staff, `?from=${from}`)).body);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ orderNumber: custom.orderNumber, line: '', sku: '', quantity: '' });
    const before = records((await exportCsv(staff, `?to=${from}`)).body);
    expect(before.some((r) => r.orderNumber === custom.orderNumber)).toBe(false);
  });
});

/** Order numbers that cannot collide with real ones' randomness: the index in the order-number alphabet. */
const numberOf = (i: number) => {
  let text = '';
  for (let n = i; text.length < 10; n = Math.floor(n / 32)) text = ORDER_NUMBER_ALPHABET[n % 32] + text;
  return text;
};

describe.each(dialects)('orders CSV export of 100k orders on %s', (dialect) => {
  const COUNT = 100_000;
  let ctx: TestContext;
  let staff: TestUser;
  let base: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    base = await ctx.listen();
    staff = await ctx.newUser('STAFF');
    const customer = await ctx.newUser('CUSTOMER');
    const at = new Date().toISOString();
    for (let start = 0; start < COUNT; start += 1000) {
      const orders = Array.from({ length: 1000 }, (_, k) => ({
        id: newId(),
        order_number: numberOf(start + k),
        customer_id: customer.id,
        customer_name: 'Bulk Buyer',
        title: null,
        description: null,
        special_instructions: null,
        total_cents: 500,
        currency: 'USD',
        status: 'PENDING' as const,
        held_from_status: null,
        payment_received: 0,
        shipping_address: null,
        carrier: null,
        tracking_number: null,
        estimated_delivery: null,
        assigned_staff_id: null,
        created_at: at,
        updated_at: at,
        status_updated_at: at,
        completed_at: null,
        cancelled_at: null,
        version: 1,
      }));
      await ctx.db.insertInto('orders').values(orders).execute();
      await ctx.db
        .insertInto('order_items')
        .values(
          orders.map((o) => ({
            order_id: o.id,
            line: 1,
            product_id: null,
            sku: 'CUSTOM',
            name: 'Bulk line with some words in it to fill the row',
            unit_price_cents: 500,
            quantity: 1,
            options: '{}',
          })),
        )
        .execute();
    }
  }, 180_000);
  afterAll(() => ctx.close());

  it('reads the orders as the client takes the file: a client that stops reading stops the reads', async () => {
    const res = await fetch(`${base}/api/v1/orders/export.csv`, {
      headers: { ...staff.headers, 'accept-encoding': 'identity' },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let text = '';
    try {
      while (!text.includes('\n')) text += decoder.decode((await reader.read()).value, { stream: true });
      expect(text.startsWith(`${BOM}orderNumber,`)).toBe(true);

      // While the client holds back, rename the oldest order, which comes last in the file. A server
      // that read (or buffered) every order before writing has the old name; one that reads a page
      // at a time as the socket drains reads the new one when it gets there.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await ctx.db
        .updateTable('orders')
        .set({ customer_name: 'Renamed While Streaming' })
        .where('order_number', '=', numberOf(0))
        .execute();

      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += decoder.decode(chunk.value, { stream: true });
      }
    } finally {
      await reader.cancel();
    }
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(COUNT + 1);
    expect(lines.at(-1)).toMatch(new RegExp(`^${numberOf(0)},.*,Renamed While Streaming,`));
    expect(lines[1]).toMatch(new RegExp(`^${numberOf(COUNT - 1)},`));
  }, 120_000);
});
