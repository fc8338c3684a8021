import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification, Order, OrderReturns, Product, Return } from '@igniflo/contract';
import { dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { errorOf, setUpReturns, type Delivered, type ReturnsFlow } from './returns.test-support.ts';

const DAY = 24 * 60 * 60 * 1000;

describe.each(dialects)('returns on %s', (dialect) => {
  let ctx: TestContext;
  let staff: TestUser;
  let admin: TestUser;
  let customer: TestUser;
  let shirt: Product;
  let mug: Product;
  let flow: ReturnsFlow;
  let delivered: Delivered;

  beforeAll(async () => {
    ({ ctx, flow, staff, admin, customer, shirt, mug, delivered } = await setUpReturns(dialect));
  });
  afterAll(() => ctx.close());

  const orderReturns = async (orderId: string, user: TestUser = customer) => {
    const res = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${orderId}/returns`,
      headers: user.headers,
    });
    expect(res.statusCode).toBe(200);
    return res.json<OrderReturns>();
  };

  it('lets a customer ask to return delivered items, numbered within the order, in its history and notifications', async () => {
    const order = await delivered();
    const res = await flow.request(
      customer,
      order.id,
      [{ productId: shirt.id, quantity: 2, reason: '  Too small  ' }],
      'Sorry!',
    );
    expect(res.statusCode).toBe(201);
    const first = res.json<Return>();
    expect(first).toMatchObject({
      orderId: order.id,
      orderNumber: order.orderNumber,
      customerId: customer.id,
      number: 1,
      status: 'REQUESTED',
      items: [{ productId: shirt.id, sku: shirt.sku, name: shirt.name, quantity: 2, reason: 'Too small' }],
      customerNote: 'Sorry!',
      staffNote: null,
      restocked: [],
      refund: null,
      approvedAt: null,
    });
    const second = await flow.requested(customer, order.id, [{ productId: mug.id, quantity: 1 }]);
    expect(second.number).toBe(2);

    // Each request raised the order's version, so no cached rendering of the order is stale.
    expect((await flow.order(customer, order.id)).version).toBe(order.version + 2);
    const events = (await flow.history(customer, order.id)).filter((e) => e.type === 'return_requested');
    expect(events.map((e) => [e.note, e.visibility])).toEqual([
      ['Return 1: requested (2 items)', 'customer'],
      ['Return 2: requested (1 item)', 'customer'],
    ]);
    const notifications = (
      await ctx.inject({ method: 'GET', url: '/api/v1/notifications', headers: customer.headers })
    ).json<{ items: Notification[] }>().items;
    expect(notifications[0]).toMatchObject({
      title: `Order ${order.orderNumber}: we have your return request`,
      body: 'Return 2: requested (1 item)',
    });

    const mine = await orderReturns(order.id);
    expect(mine.items.map((r) => r.number)).toEqual([1, 2]);
    expect(mine.returnable).toEqual([{ productId: shirt.id, quantity: 1 }]);
    expect(Date.parse(mine.returnWindowEndsAt ?? '')).toBe(Date.parse(order.completedAt ?? '') + 30 * DAY);
    expect(await orderReturns(order.id, staff)).toEqual(mine);
  });

  it('refuses more than was ordered less what is in returns not rejected, naming each line; a rejected return frees its units', async () => {
    const order = await delivered();
    const tooMany = await flow.request(customer, order.id, [
      { productId: shirt.id, quantity: 4 },
      { productId: mug.id, quantity: 1 },
    ]);
    expect(tooMany.statusCode).toBe(409);
    expect(errorOf(tooMany)).toMatchObject({
      code: 'CONFLICT',
      details: [{ productId: shirt.id, requested: 4, returnable: 3 }],
    });
    const first = await flow.requested(customer, order.id, [{ productId: shirt.id, quantity: 2 }]);
    const again = await flow.request(customer, order.id, [{ productId: shirt.id, quantity: 2 }]);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).details).toEqual([{ productId: shirt.id, requested: 2, returnable: 1 }]);
    const notOrdered = await flow.request(customer, order.id, [
      { productId: (await ctx.newProduct()).id, quantity: 1 },
    ]);
    expect(notOrdered.statusCode).toBe(409);
    expect(errorOf(notOrdered).details).toEqual([expect.objectContaining({ returnable: 0 })]);

    expect((await flow.step(staff, first.id, 'reject', { note: 'Worn' })).statusCode).toBe(200);
    expect((await flow.request(customer, order.id, [{ productId: shirt.id, quantity: 3 }])).statusCode).toBe(
      201,
    );
    expect((await orderReturns(order.id)).returnable).toEqual([{ productId: mug.id, quantity: 1 }]);
    // Refusals stored nothing: two returns, the first rejected.
    expect((await orderReturns(order.id)).items.map((r) => r.status)).toEqual(['REJECTED', 'REQUESTED']);
  });

  it('refuses bad requests with 400: a product twice, a blank reason, no lines, a zero quantity, a string quantity', async () => {
    const order = await delivered();
    const bodies = [
      {
        items: [
          { productId: shirt.id, quantity: 1, reason: 'a' },
          { productId: shirt.id, quantity: 1, reason: 'b' },
        ],
      },
      { items: [{ productId: shirt.id, quantity: 1, reason: '   ' }] },
      { items: [] },
      { items: [{ productId: shirt.id, quantity: 0, reason: 'a' }] },
      { items: [{ productId: shirt.id, quantity: '1', reason: 'a' }] },
      { items: [{ productId: shirt.id, quantity: 1, reason: 'a' }], extra: true },
    ];
    for (const payload of bodies) {
      const res = await ctx.inject({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/returns`,
        headers: customer.headers,
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await orderReturns(order.id)).items).toEqual([]);
  });

  it('takes returns only of delivered or completed orders, within RETURN_WINDOW_DAYS of completion', async () => {
    const pending = await ctx.placeOrder(customer, [{ productId: shirt.id, quantity: 1 }]);
    const early = await flow.request(customer, pending.id, [{ productId: shirt.id, quantity: 1 }]);
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).message).toContain('only once delivered or completed');
    expect((await orderReturns(pending.id)).returnWindowEndsAt).toBeNull();

    const completed = await delivered({ completed: true });
    expect(completed.status).toBe('COMPLETED');
    expect(
      (await flow.request(customer, completed.id, [{ productId: mug.id, quantity: 1 }])).statusCode,
    ).toBe(201);

    const order = await delivered();
    const completedDaysAgo = (days: number) =>
      ctx.db
        .updateTable('orders')
        .set({ completed_at: new Date(Date.now() - days * DAY).toISOString() })
        .where('id', '=', order.id)
        .execute();
    await completedDaysAgo(31);
    const late = await flow.request(customer, order.id, [{ productId: mug.id, quantity: 1 }]);
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).message).toContain('The return window closed on');
    expect((await orderReturns(order.id)).returnable).toEqual([]);
    await completedDaysAgo(29);
    expect((await flow.request(customer, order.id, [{ productId: mug.id, quantity: 1 }])).statusCode).toBe(
      201,
    );
  });

  it('lists every return to staff (by status, in pages), their own to a customer, and hides others’ behind 404', async () => {
    const other = await ctx.newUser();
    const theirs = await flow.deliveredOrder(other, staff, [{ productId: mug.id, quantity: 2 }]);
    const theirReturn = await flow.requested(other, theirs.id, [{ productId: mug.id, quantity: 1 }]);
    const mine = await flow.requested(customer, (await delivered()).id, [{ productId: mug.id, quantity: 1 }]);
    await flow.step(staff, mine.id, 'approve');

    const list = async (user: TestUser, query = '') => {
      const res = await ctx.inject({ method: 'GET', url: `/api/v1/returns${query}`, headers: user.headers });
      expect(res.statusCode).toBe(200);
      return res.json<{ items: Return[]; nextCursor: string | null }>();
    };
    const customerSees = await list(customer, '?limit=100');
    expect(customerSees.items.every((r) => r.customerId === customer.id)).toBe(true);
    expect(customerSees.items.map((r) => r.id)).toContain(mine.id);
    expect(customerSees.items.map((r) => r.id)).not.toContain(theirReturn.id);
    expect((await list(other)).items.map((r) => r.id)).toEqual([theirReturn.id]);

    const approved = await list(staff, '?status=APPROVED&limit=100');
    expect(approved.items.length).toBeGreaterThan(0);
    expect(approved.items.every((r) => r.status === 'APPROVED')).toBe(true);
    expect(approved.items.map((r) => r.id)).toContain(mine.id);

    // Keyset pages, newest first, each return once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(admin, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual((await list(admin, '?limit=100')).items.map((r) => r.id));
    expect(seen).toEqual([...seen].sort().reverse());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen[0]).toBe(mine.id);

    expect(
      (
        await ctx.inject({ method: 'GET', url: `/api/v1/returns/${mine.id}`, headers: customer.headers })
      ).json<Return>().id,
    ).toBe(mine.id);
    for (const url of [
      `/api/v1/returns/${theirReturn.id}`,
      `/api/v1/orders/${theirs.id}/returns`,
      `/api/v1/orders/${theirs.id}/refunds`,
    ]) {
      const res = await ctx.inject({ method: 'GET', url, headers: customer.headers });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain(other.id);
    }
    const stolen = await flow.request(customer, theirs.id, [{ productId: mug.id, quantity: 1 }]);
    expect(stolen.statusCode).toBe(404);
    const unknown = await ctx.inject({
      method: 'GET',
      url: '/api/v1/returns?status=NOPE',
      headers: staff.headers,
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('never lists an order as it was before a return step', async () => {
    const order = await delivered();
    const listed = async () => {
      const res = await ctx.inject({
        method: 'GET',
        url: '/api/v1/orders?limit=100',
        headers: customer.headers,
      });
      const found = res.json<{ items: Order[] }>().items.find((o) => o.id === order.id);
      if (!found) throw new Error('order not listed');
      return found;
    };
    const before = await listed();
    const created = await flow.requested(customer, order.id, [{ productId: mug.id, quantity: 1 }]);
    expect((await listed()).version).toBe(before.version + 1);
    await flow.step(staff, created.id, 'approve');
    expect(await listed()).toEqual(await flow.order(customer, order.id));
  });
});
