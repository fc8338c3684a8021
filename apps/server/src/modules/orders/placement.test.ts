import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Order } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';

/** Placement on PostgreSQL: a read, then one statement that writes everything or nothing. */
describe.runIf(dialects.includes('postgres'))('placing an order on PostgreSQL', () => {
  let ctx: TestContext;
  let customer: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext('postgres');
    customer = await ctx.newUser();
  });
  afterAll(() => ctx.close());

  /** Waits until the app has sent no statement for 200 ms: what earlier requests set off is done. */
  async function quiet(): Promise<void> {
    let last = -1;
    for (let i = 0; i < 100; i++) {
      const now = (await ctx.inject({ method: 'GET', url: '/metrics' })).body;
      const sent = Number(/^igniflo_db_statements_total (\d+)$/m.exec(now)?.[1]);
      if (sent === last) return;
      last = sent;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const place = (payload: object, key?: string) =>
    ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...customer.headers, ...(key ? { 'idempotency-key': key } : {}) },
      payload,
    });

  it('takes two round trips to commit, with or without an Idempotency-Key, whatever the number of products', async () => {
    const products = await Promise.all([1, 2, 3].map(() => ctx.newProduct({ stock: 10 })));
    const items = products.map((p, i) => ({ productId: p.id, quantity: i + 1 }));
    await place({ items }); // the signed-in session is read once and kept
    for (const key of [undefined, 'two-trips']) {
      await quiet();
      const sent: string[] = [];
      const stop = ctx.traceStatements((text) => sent.push(text));
      const res = await place({ items }, key);
      stop();
      expect(res.statusCode).toBe(201);
      // The read of the products and the customer's name, then the statement that commits the
      // order. Timers and what the commit wakes (the session sweep, the live feed, webhooks) read
      // the log, sessions and webhooks meanwhile; none of them writes or reads products or keys.
      const trace = sent.map((t) => t.replace(/\s+/g, ' ').slice(0, 90)).join('\n');
      const writes = sent.filter((text) => /\b(insert|update|delete)\b/i.test(text));
      expect(writes, trace).toHaveLength(1);
      expect(writes[0], trace).toMatch(/^\s*with stock_wanted as/);
      const placing = sent.filter((text) => /\b(products|idempotency_keys)\b/.test(text));
      expect(placing, trace).toHaveLength(2);
      expect(placing[0], trace).toMatch(/^\s*select u\.id as customer_id/);
      expect(placing[1]).toBe(writes[0]);
    }
  });

  it('stores every field as sent, whatever its characters (the statement takes its rows as JSON)', async () => {
    const odd = `Quote " back\\slash \\" 'single' ünïcødé 🚚 {"json": [1]} \\u0041 %s $1`;
    const product = await ctx.newProduct({ stock: 5, name: `Mug ${odd}` });
    const body = {
      items: [{ productId: product.id, quantity: 2, options: { [`size ${odd}`]: odd, colour: '' } }],
      title: `Title ${odd}`,
      description: `Line one\nline two\t${odd}`,
      specialInstructions: odd,
      shippingAddress: { name: odd, line1: odd, city: 'Zürich', postalCode: '8001', country: 'CH' },
    };
    const res = await place(body, 'odd-characters');
    expect(res.statusCode, res.body).toBe(201);
    const placed = res.json<Order>();
    expect(placed).toMatchObject({
      title: body.title,
      description: body.description,
      specialInstructions: odd,
      shippingAddress: body.shippingAddress,
      items: [{ name: product.name, quantity: 2, options: body.items[0]!.options }],
    });
    const read = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${placed.id}`,
      headers: customer.headers,
    });
    expect(read.json<Order>()).toEqual(placed);
    const replay = await place(body, 'odd-characters');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json<Order>()).toEqual(placed);
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 3, ledger: 3 });
  });

  it('writes the order, its items, ledger, event, notification and stored answer together', async () => {
    const product = await ctx.newProduct({ stock: 4, priceCents: 250 });
    const res = await place({ items: [{ productId: product.id, quantity: 3 }] }, 'all-of-it');
    expect(res.statusCode).toBe(201);
    const order = res.json<Order>();
    const counts = await sql<Record<string, number>>`
      select (select count(*)::int from order_items where order_id = ${order.id}) as items,
        (select count(*)::int from inventory_ledger where order_id = ${order.id} and delta = -3) as ledger,
        (select count(*)::int from order_events where order_id = ${order.id} and type = 'created') as events,
        (select count(*)::int from notifications n join order_events e on e.id = n.event_id
          where n.order_id = ${order.id} and n.user_id = ${customer.id}) as notifications`.execute(ctx.db);
    expect(counts.rows[0]).toEqual({ items: 1, ledger: 1, events: 1, notifications: 1 });
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 1, ledger: 1 });
    const replay = await place({ items: [{ productId: product.id, quantity: 3 }] }, 'all-of-it');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json<Order>()).toEqual(order);
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 1, ledger: 1 });
  });

  it('copies the price the product has when its stock is taken, not when it was first read', async () => {
    const product = await ctx.newProduct({ stock: 5, priceCents: 1000 });
    // Another transaction changes the price and holds the row; the placement has read the old
    // price and waits for the row in its statement, finds the product changed, and starts over.
    let placing: ReturnType<typeof place> | undefined;
    await ctx.db.transaction().execute(async (tx) => {
      await sql`update products set price_cents = 1200 where id = ${product.id}`.execute(tx);
      placing = place({ items: [{ productId: product.id, quantity: 2 }] });
      for (let waited = 0; ; waited += 20) {
        const { rows } = await sql<{ waiting: number }>`
          select count(*)::int as waiting from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(ctx.db);
        if (rows[0]?.waiting) break;
        if (waited > 10_000) throw new Error('The placement never waited for the product');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    const res = await placing!;
    expect(res.statusCode).toBe(201);
    expect(res.json<Order>()).toMatchObject({ totalCents: 2400, items: [{ unitPriceCents: 1200 }] });
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 3, ledger: 3 });
  });

  it('writes nothing, the key included, when a product is short', async () => {
    const plenty = await ctx.newProduct({ stock: 5 });
    const scarce = await ctx.newProduct({ stock: 1 });
    const items = [
      { productId: plenty.id, quantity: 1 },
      { productId: scarce.id, quantity: 2 },
    ];
    const refused = await place({ items }, 'short-then-not');
    expect(refused.statusCode).toBe(409);
    expect(await ctx.stockOf(plenty.id)).toEqual({ stock: 5, ledger: 5 });
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from idempotency_keys where key = 'short-then-not'`.execute(ctx.db);
    expect(rows[0]?.n).toBe(0);
    // The key is still free: the same request goes through once there is stock.
    await ctx.inject({
      method: 'POST',
      url: `/api/v1/products/${scarce.id}/stock`,
      headers: (await ctx.newUser('ADMIN')).headers,
      payload: { delta: 1, reason: 'found' },
    });
    expect((await place({ items }, 'short-then-not')).statusCode).toBe(201);
  });

  it('reads what orders placed at the same moment copy in one round trip, each its own customer and products', async () => {
    const customers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ctx.newUser('CUSTOMER', { name: `Buyer ${i}` })),
    );
    const products = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ctx.newProduct({ stock: 5, priceCents: 100 * (i + 1) })),
    );
    await quiet();
    const sent: string[] = [];
    const stop = ctx.traceStatements((text) => sent.push(text));
    const placed = await Promise.all(
      customers.map((buyer, i) =>
        ctx.inject({
          method: 'POST',
          url: '/api/v1/orders',
          headers: buyer.headers,
          payload: {
            items: [
              { productId: products[i]!.id, quantity: 1 },
              { productId: products[(i + 1) % 8]!.id, quantity: 2 },
            ],
          },
        }),
      ),
    );
    stop();
    const reads = sent.filter((text) => /^\s*select u\.id as customer_id/.test(text));
    const writes = sent.filter((text) => /^\s*with stock_wanted as/.test(text));
    expect(writes).toHaveLength(8);
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads.length).toBeLessThan(8);
    placed.forEach((res, i) => {
      expect(res.statusCode).toBe(201);
      expect(res.json<Order>()).toMatchObject({
        customerName: `Buyer ${i}`,
        items: [
          { productId: products[i]!.id, unitPriceCents: 100 * (i + 1) },
          { productId: products[(i + 1) % 8]!.id, unitPriceCents: 100 * (((i + 1) % 8) + 1) },
        ],
        totalCents: 100 * (i + 1) + 2 * 100 * (((i + 1) % 8) + 1),
      });
    });
  });
});

/** Placement on SQLite: a transaction of statements, the key claimed with its answer in one of them. */
describe('placing an order on SQLite', () => {
  let ctx: TestContext;
  let customer: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    customer = await ctx.newUser();
  });
  afterAll(() => ctx.close());

  it('claims the Idempotency-Key with the answer in one statement, and a retry only reads it', async () => {
    const product = await ctx.newProduct({ stock: 10 });
    const place = () =>
      ctx.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: { ...customer.headers, 'idempotency-key': 'one-statement' },
        payload: { items: [{ productId: product.id, quantity: 1 }] },
      });
    const keyStatements = async () => {
      const sent: string[] = [];
      const stop = ctx.traceStatements((text) => sent.push(text));
      const res = await place();
      stop();
      return { res, keys: sent.filter((text) => /\bidempotency_keys\b/.test(text)) };
    };
    const first = await keyStatements();
    expect(first.res.statusCode).toBe(201);
    expect(first.keys).toHaveLength(1);
    expect(first.keys[0]).toMatch(/^insert into "idempotency_keys".* on conflict .* returning/);
    const retry = await keyStatements();
    expect(retry.res.statusCode).toBe(201);
    expect(retry.res.json<Order>().id).toBe(first.res.json<Order>().id);
    // The retry's claim finds the key taken, and rolls back; then the stored answer is read.
    expect(retry.keys.filter((text) => /^select/.test(text))).toHaveLength(1);
    expect(
      (
        await ctx.db
          .selectFrom('products')
          .select('stock')
          .where('id', '=', product.id)
          .executeTakeFirstOrThrow()
      ).stock,
    ).toBe(9);
  });
});
