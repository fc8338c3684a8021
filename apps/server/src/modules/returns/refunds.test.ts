import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Notification,
  Order,
  OrderAnalytics,
  OrderEvent,
  OrderRefunds,
  Product,
  Refund,
  Return,
} from '@igniflo/contract';
import { dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { errorOf, setUpReturns, type ReturnsFlow } from './returns.test-support.ts';

describe.each(dialects)('refunds on %s', (dialect) => {
  let ctx: TestContext;
  let staff: TestUser;
  let admin: TestUser;
  let customer: TestUser;
  let lamp: Product;
  let flow: ReturnsFlow;

  beforeAll(async () => {
    ({ ctx, flow, staff, admin, customer } = await setUpReturns(dialect));
    lamp = await ctx.newProduct({ stock: 1000, priceCents: 1500, currency: 'EUR' });
  });
  afterAll(() => ctx.close());

  /** Two lamps, €30.00, delivered and paid. */
  const paidOrder = () =>
    flow.deliveredOrder(customer, staff, [{ productId: lamp.id, quantity: 2 }], { paid: true });
  const refunds = async (orderId: string, user: TestUser) => {
    const res = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${orderId}/refunds`,
      headers: user.headers,
    });
    expect(res.statusCode).toBe(200);
    return res.json<OrderRefunds>().items;
  };

  it('refuses a refund of an order whose payment was not received: nothing was paid', async () => {
    const unpaid = await flow.deliveredOrder(customer, staff, [{ productId: lamp.id, quantity: 1 }]);
    expect(unpaid.paymentStatus).toBe('UNPAID');
    const res = await flow.refund(admin, unpaid.id, { amountCents: 100, reason: 'goodwill' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).message).toContain('Nothing was paid');
    const after = await flow.order(admin, unpaid.id);
    expect(after).toMatchObject({ refundedCents: 0, paymentStatus: 'UNPAID', version: unpaid.version });
  });

  it('records refunds up to the total, the payment status following each, in the history and lists', async () => {
    const order = await paidOrder();
    expect(order).toMatchObject({ totalCents: 3000, refundedCents: 0, paymentStatus: 'PAID' });

    const first = await flow.refund(admin, order.id, { amountCents: 1250, reason: ' damaged ' });
    expect(first.statusCode).toBe(201);
    expect(first.json<Refund>()).toMatchObject({
      orderId: order.id,
      returnId: null,
      returnNumber: null,
      amountCents: 1250,
      currency: 'EUR',
      reason: 'damaged',
    });
    const partly = await flow.order(customer, order.id);
    expect(partly).toMatchObject({
      refundedCents: 1250,
      paymentStatus: 'PARTIALLY_REFUNDED',
      version: order.version + 1,
    });

    const over = await flow.refund(admin, order.id, { amountCents: 1751, reason: 'all' });
    expect(over.statusCode).toBe(409);
    expect(errorOf(over)).toMatchObject({
      code: 'CONFLICT',
      details: [{ remainingCents: 1750, requestedCents: 1751 }],
    });
    expect(errorOf(over).message).toContain('€17.50');

    expect((await flow.refund(admin, order.id, { amountCents: 1750, reason: 'the rest' })).statusCode).toBe(
      201,
    );
    const full = await flow.order(customer, order.id);
    expect(full).toMatchObject({ refundedCents: 3000, paymentStatus: 'REFUNDED' });
    const none = await flow.refund(admin, order.id, { amountCents: 1, reason: 'more' });
    expect(none.statusCode).toBe(409);
    expect(errorOf(none).details).toEqual([{ remainingCents: 0, requestedCents: 1 }]);

    // The list shows the order as it is now.
    const listed = (
      await ctx.inject({ method: 'GET', url: '/api/v1/orders?limit=100', headers: customer.headers })
    )
      .json<{ items: Order[] }>()
      .items.find((o) => o.id === order.id);
    expect(listed).toEqual(full);

    const events = (
      await ctx.inject({
        method: 'GET',
        url: `/api/v1/orders/${order.id}/history`,
        headers: customer.headers,
      })
    )
      .json<{ items: OrderEvent[] }>()
      .items.filter((e) => e.type === 'refund_recorded');
    expect(events.map((e) => [e.note, e.visibility])).toEqual([
      ['Refunded €12.50: damaged', 'customer'],
      ['Refunded €17.50: the rest', 'customer'],
    ]);
    const [latest] = (
      await ctx.inject({ method: 'GET', url: '/api/v1/notifications?limit=1', headers: customer.headers })
    ).json<{ items: Notification[] }>().items;
    expect(latest).toMatchObject({
      title: `Order ${order.orderNumber}: refund issued`,
      body: 'Refunded €17.50: the rest',
    });

    for (const user of [customer, staff, admin]) {
      expect((await refunds(order.id, user)).map((r) => r.amountCents)).toEqual([1250, 1750]);
    }
  });

  it('never refunds more than the total when refunds race', async () => {
    for (let round = 0; round < 3; round += 1) {
      const order = await paidOrder();
      const results = await Promise.all(
        Array.from({ length: 10 }, () => flow.refund(admin, order.id, { amountCents: 700, reason: 'race' })),
      );
      // €30.00 holds four refunds of €7.00; the fifth would leave €2.00 short.
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(4);
      expect(results.filter((r) => r.statusCode === 409)).toHaveLength(6);
      const after = await flow.order(admin, order.id);
      expect(after).toMatchObject({ refundedCents: 2800, paymentStatus: 'PARTIALLY_REFUNDED' });
      const sum = await ctx.db
        .selectFrom('refunds')
        .select((eb) => eb.fn.sum<number | string>('amount_cents').as('cents'))
        .where('order_id', '=', order.id)
        .executeTakeFirstOrThrow();
      expect(Number(sum.cents)).toBe(2800);
      expect(after.version).toBe(order.version + 4);
    }
  });

  it('settles a received return of the order, which becomes REFUNDED; refuses one not received or of another order', async () => {
    const order = await paidOrder();
    const other = await paidOrder();
    const created = await flow.requested(customer, order.id, [{ productId: lamp.id, quantity: 1 }]);
    const elsewhere = await flow.requested(customer, other.id, [{ productId: lamp.id, quantity: 1 }]);

    const early = await flow.refund(admin, order.id, {
      amountCents: 1500,
      reason: 'r',
      returnId: created.id,
    });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).code).toBe('INVALID_TRANSITION');
    await flow.step(staff, created.id, 'approve');
    await flow.step(staff, created.id, 'receive', { restock: [{ productId: lamp.id, quantity: 1 }] });
    const wrongOrder = await flow.refund(admin, order.id, {
      amountCents: 1500,
      reason: 'r',
      returnId: elsewhere.id,
    });
    expect(wrongOrder.statusCode).toBe(404);
    // A refused refund changes nothing: no money, no version.
    const unchanged = await flow.order(admin, order.id);
    expect(unchanged.refundedCents).toBe(0);

    const res = await flow.refund(admin, order.id, {
      amountCents: 1500,
      reason: 'Returned',
      returnId: created.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<Refund>()).toMatchObject({ returnId: created.id, returnNumber: 1 });
    const settled = (
      await ctx.inject({ method: 'GET', url: `/api/v1/returns/${created.id}`, headers: customer.headers })
    ).json<Return>();
    expect(settled).toMatchObject({
      status: 'REFUNDED',
      refund: { id: res.json<Refund>().id, amountCents: 1500, currency: 'EUR' },
    });
    expect(settled.refundedAt).not.toBeNull();
    expect((await refunds(order.id, customer))[0]?.returnNumber).toBe(1);
    const notes = (
      await ctx.inject({
        method: 'GET',
        url: `/api/v1/orders/${order.id}/history`,
        headers: customer.headers,
      })
    )
      .json<{ items: OrderEvent[] }>()
      .items.filter((e) => e.type === 'refund_recorded')
      .map((e) => e.note);
    expect(notes).toEqual(['Refunded €15.00 for return 1: Returned']);
    const twice = await flow.refund(admin, order.id, { amountCents: 100, reason: 'r', returnId: created.id });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses bad refunds with 400: no amount, zero, fractional, a string, a blank reason, unknown fields', async () => {
    const order = await paidOrder();
    for (const payload of [
      { reason: 'r' },
      { amountCents: 0, reason: 'r' },
      { amountCents: 1.5, reason: 'r' },
      { amountCents: '100', reason: 'r' },
      { amountCents: 100, reason: '   ' },
      { amountCents: 100 },
      { amountCents: 100, reason: 'r', card: '4242' },
      { amountCents: 100, reason: 'r', returnId: 'not-a-uuid' },
    ]) {
      const res = await flow.refund(admin, order.id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await flow.order(admin, order.id)).refundedCents).toBe(0);
  });

  it('reports units returned and refunds per currency in analytics, never adding currencies together', async () => {
    const day = 24 * 3600_000;
    const today = new Date().toISOString().slice(0, 10);
    const analytics = async (from: string, to: string) => {
      const res = await ctx.inject({
        method: 'GET',
        url: `/api/v1/admin/analytics/orders?from=${from}&to=${to}&bucket=day`,
        headers: admin.headers,
      });
      expect(res.statusCode).toBe(200);
      const body = res.json<OrderAnalytics>();
      return { ...body, today: body.series.find((p) => p.start.startsWith(today)) };
    };
    const range = [
      new Date(Date.now() - day).toISOString(),
      new Date(Date.now() + day).toISOString(),
    ] as const;
    const before = await analytics(...range);

    const dollar = await ctx.newProduct({ priceCents: 5000, currency: 'USD' });
    const eurOrder = await flow.deliveredOrder(customer, staff, [{ productId: lamp.id, quantity: 3 }], {
      paid: true,
    });
    const usdOrder = await flow.deliveredOrder(customer, staff, [{ productId: dollar.id, quantity: 2 }], {
      paid: true,
    });
    const received = await flow.requested(customer, eurOrder.id, [{ productId: lamp.id, quantity: 2 }]);
    await flow.step(staff, received.id, 'approve');
    // Two came back, one of them damaged: both count as returned, one goes back on sale.
    await flow.step(staff, received.id, 'receive', { restock: [{ productId: lamp.id, quantity: 1 }] });
    // Asked for but not received: not counted.
    await flow.requested(customer, usdOrder.id, [{ productId: dollar.id, quantity: 1 }]);
    for (const [order, amountCents] of [
      [eurOrder, 4000],
      [eurOrder, 500],
      [usdOrder, 2500],
    ] as const) {
      expect((await flow.refund(admin, order.id, { amountCents, reason: 'r' })).statusCode).toBe(201);
    }

    const after = await analytics(...range);
    type Point = { unitsReturned: number; byCurrency: Record<string, { refundedCents: number }> };
    const figures = ({ unitsReturned, byCurrency }: Point) => ({
      unitsReturned,
      refundedCents: Object.fromEntries(
        Object.entries(byCurrency)
          .filter(([, f]) => f.refundedCents > 0)
          .map(([currency, f]) => [currency, f.refundedCents]),
      ),
    });
    const expected = (was: Point) => {
      const { unitsReturned, refundedCents } = figures(was);
      return {
        unitsReturned: unitsReturned + 2,
        refundedCents: {
          ...refundedCents,
          EUR: (refundedCents.EUR ?? 0) + 4500,
          USD: (refundedCents.USD ?? 0) + 2500,
        },
      };
    };
    expect(figures(after.totals)).toEqual(expected(before.totals));
    expect(figures(after.today ?? before.totals)).toEqual(
      expected(before.today ?? { unitsReturned: 0, byCurrency: {} }),
    );
    // A range that ended before any of it: nothing.
    const earlier = await analytics('2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z');
    expect(figures(earlier.totals)).toEqual({ unitsReturned: 0, refundedCents: {} });
  });
});
