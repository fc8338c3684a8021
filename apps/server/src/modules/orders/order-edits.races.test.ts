import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, Order, OrderEvent, Product } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';

/** Edits racing shipments, moves and other edits; and no reader ever served the order as it was. */
describe.each(dialects)('order edits under concurrency on %s', (dialect) => {
  let ctx: TestContext;
  let staff: TestUser;
  let customer: TestUser;
  let shirt: Product;
  let mug: Product;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [staff, customer] = await Promise.all([ctx.newUser('STAFF'), ctx.newUser('CUSTOMER')]);
    [shirt, mug] = await Promise.all([ctx.newProduct({ stock: 1000 }), ctx.newProduct({ stock: 1000 })]);
  });
  afterAll(() => ctx.close());

  const edit = (orderId: string, payload: object) =>
    ctx.inject({ method: 'PUT', url: `/api/v1/orders/${orderId}/items`, headers: staff.headers, payload });
  const getOrder = async (id: string, as: TestUser = staff) =>
    (await ctx.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: as.headers })).json<Order>();
  const listed = async (id: string) =>
    (await ctx.inject({ method: 'GET', url: '/api/v1/orders?limit=100', headers: customer.headers }))
      .json<{ items: Order[] }>()
      .items.find((o) => o.id === id);
  /** 2 shirts, IN_PROGRESS. */
  const orderInProgress = async () => {
    const order = await ctx.placeOrder(customer, [{ productId: shirt.id, quantity: 2 }]);
    return ctx.moveOrder(staff, order.id, 'CONFIRMED', 'IN_PROGRESS');
  };
  /** A move to SHIPPED, at `version` when given. */
  const ship = (orderId: string, version?: number) =>
    ctx.inject({
      method: 'PATCH',
      url: `/api/v1/orders/${orderId}/status`,
      headers: staff.headers,
      payload: { status: 'SHIPPED', ...(version === undefined ? {} : { version }) },
    });
  const toMugs = () => ({ items: [{ productId: mug.id, quantity: 3 }] });
  /** Units of each product in the order's lines, and in its packages: what shipped must be what is ordered. */
  const unitsOf = (lines: { productId: string | null; quantity: number }[]) => {
    const units = new Map<string, number>();
    for (const l of lines)
      if (l.productId) units.set(l.productId, (units.get(l.productId) ?? 0) + l.quantity);
    return Object.fromEntries([...units].sort());
  };
  /** Both at once; each round the other starts first, so each side wins some of the races. */
  async function race<A, B>(round: number, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
    if (round % 2 === 0) return Promise.all([a(), b()]);
    const [second, first] = await Promise.all([b(), a()]);
    return [first, second];
  }
  const expectStockMatchesLedger = async () => {
    for (const p of [shirt, mug]) {
      const { stock, ledger } = await ctx.stockOf(p.id);
      expect(stock).toBe(ledger);
    }
  };

  it('never serves an order as it was before an edit: the edit raises its version', async () => {
    const order = await ctx.placeOrder(customer, [{ productId: shirt.id, quantity: 1 }]);
    // Read twice: the second list answer comes from the rendered order.
    expect((await listed(order.id))?.items.map((i) => i.quantity)).toEqual([1]);
    expect((await listed(order.id))?.items.map((i) => i.quantity)).toEqual([1]);
    expect((await getOrder(order.id, customer)).totalCents).toBe(order.totalCents);

    const res = await edit(order.id, toMugs());
    expect(res.json<Order>().version).toBe(order.version + 1);
    const after = await listed(order.id);
    expect(after?.items.map((i) => [i.productId, i.quantity])).toEqual([[mug.id, 3]]);
    expect(after?.version).toBe(order.version + 1);
    expect(after).toEqual(await getOrder(order.id, customer));
  });

  it('lets exactly one of an edit and a shipment of the old lines through, and never ships a line the order no longer has', async () => {
    for (let round = 0; round < 5; round += 1) {
      const order = await orderInProgress();
      const [edited, shipped] = await race(
        round,
        () => edit(order.id, toMugs()),
        () =>
          ctx.inject({
            method: 'POST',
            url: `/api/v1/orders/${order.id}/shipments`,
            headers: staff.headers,
            payload: {
              items: [{ productId: shirt.id, quantity: 2 }],
              carrier: 'UPS',
              trackingNumber: `1Z${round}`,
            },
          }),
      );
      const after = await getOrder(order.id);
      if (edited.statusCode === 200) {
        expect(shipped.statusCode).toBe(409);
        expect(shipped.json<ErrorResponse>().error.code).toBe('OVER_FULFILLED');
        expect(after.shipments).toEqual([]);
        expect(unitsOf(after.items)).toEqual({ [mug.id]: 3 });
      } else {
        expect(shipped.statusCode).toBe(201);
        expect(edited.statusCode).toBe(409);
        expect(unitsOf(after.items)).toEqual(unitsOf(after.shipments.flatMap((s) => s.items)));
      }
    }
    await expectStockMatchesLedger();
  });

  it('lets exactly one of an edit and a move to SHIPPED at the same version through', async () => {
    for (let round = 0; round < 5; round += 1) {
      const order = await orderInProgress();
      const [edited, moved] = await race(
        round,
        () => edit(order.id, { ...toMugs(), version: order.version }),
        () => ship(order.id, order.version),
      );
      expect([edited.statusCode, moved.statusCode].sort()).toEqual([200, 409]);
      const after = await getOrder(order.id);
      expect(after.status).toBe(moved.statusCode === 200 ? 'SHIPPED' : 'IN_PROGRESS');
      expect(unitsOf(after.items)).toEqual(edited.statusCode === 200 ? { [mug.id]: 3 } : { [shirt.id]: 2 });
      expect(unitsOf(after.shipments.flatMap((s) => s.items))).toEqual(
        moved.statusCode === 200 ? { [shirt.id]: 2 } : {},
      );
    }
    await expectStockMatchesLedger();
  });

  it('ships exactly the lines the order has when an edit and a move to SHIPPED race without a version', async () => {
    for (let round = 0; round < 5; round += 1) {
      const order = await orderInProgress();
      const [edited, moved] = await race(
        round,
        () => edit(order.id, toMugs()),
        () => ship(order.id),
      );
      const after = await getOrder(order.id);
      const types = (
        await ctx.inject({ method: 'GET', url: `/api/v1/orders/${order.id}/history`, headers: staff.headers })
      )
        .json<{ items: OrderEvent[] }>()
        .items.map((e) => e.type);
      if (moved.statusCode === 200) {
        expect(after.status).toBe('SHIPPED');
        expect(unitsOf(after.shipments.flatMap((s) => s.items))).toEqual(unitsOf(after.items));
        // An edit that got through came first.
        if (edited.statusCode === 200) {
          expect(types.indexOf('items_edited')).toBeLessThan(types.indexOf('shipment_created'));
        } else expect(types).not.toContain('items_edited');
      } else {
        expect(moved.statusCode).toBe(409);
        expect(edited.statusCode).toBe(200);
        expect(after.shipments).toEqual([]);
      }
    }
    await expectStockMatchesLedger();
  });

  it('lets exactly one of two edits at the same version through, and stock follows the one that won', async () => {
    for (let round = 0; round < 5; round += 1) {
      const order = await orderInProgress();
      const before = { shirt: await ctx.stockOf(shirt.id), mug: await ctx.stockOf(mug.id) };
      const [a, b] = await race(
        round,
        () => edit(order.id, { items: [{ productId: mug.id, quantity: 3 }], version: order.version }),
        () => edit(order.id, { items: [{ productId: shirt.id, quantity: 5 }], version: order.version }),
      );
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const after = await getOrder(order.id);
      const mugsWon = a.statusCode === 200;
      expect(unitsOf(after.items)).toEqual(mugsWon ? { [mug.id]: 3 } : { [shirt.id]: 5 });
      expect((await ctx.stockOf(shirt.id)).stock).toBe(before.shirt.stock + (mugsWon ? 2 : -3));
      expect((await ctx.stockOf(mug.id)).stock).toBe(before.mug.stock - (mugsWon ? 3 : 0));
    }
    await expectStockMatchesLedger();
  });

  it('keeps stock equal to its ledger when edits of different orders cross the same products at once', async () => {
    const orders = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        ctx.placeOrder(customer, [{ productId: i % 2 ? shirt.id : mug.id, quantity: 2 }]),
      ),
    );
    // Half take shirts and give back mugs, half the other way round: opposite orders of rows, no deadlock.
    const results = await Promise.all(
      orders.map((order, i) =>
        edit(order.id, {
          items: [
            { productId: i % 2 ? mug.id : shirt.id, quantity: 3 },
            { productId: i % 2 ? shirt.id : mug.id, quantity: 1 },
          ],
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(orders.map(() => 200));
    await expectStockMatchesLedger();
  });
});
