/**
 * The staff's day (SPEC §14): search across order number, customer, SKU and tracking number; the
 * customer on the orders staff see; bulk moves, each under the workflow rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkMoveResult, ErrorResponse, Order, Product } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';

interface OrderPage {
  items: Order[];
  nextCursor: string | null;
}

describe.each(dialects)('the staff day on %s', (dialect) => {
  let ctx: TestContext;
  let staff: TestUser;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let mug: Product;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    staff = await ctx.newUser('STAFF');
    admin = await ctx.newUser('ADMIN');
    alice = await ctx.newUser('CUSTOMER', { name: 'Alice Zebrafinch', email: `alice-${dialect}@finch.test` });
    bob = await ctx.newUser('CUSTOMER', { name: 'Bob Otter' });
    mug = await ctx.newProduct({ stock: 1000 });
  });
  afterAll(() => ctx.close());

  const list = async (user: TestUser, query: string): Promise<OrderPage> => {
    const res = await ctx.inject({ method: 'GET', url: `/api/v1/orders?${query}`, headers: user.headers });
    expect(res.statusCode).toBe(200);
    return res.json<OrderPage>();
  };
  const ids = (page: OrderPage) => page.items.map((o) => o.id);
  const bulk = (user: TestUser, payload: object) =>
    ctx.inject({ method: 'POST', url: '/api/v1/orders/bulk/status', headers: user.headers, payload });

  describe('search', () => {
    let aliceOrder: Order;
    let bobOrder: Order;
    let skuOnly: Product;
    beforeAll(async () => {
      skuOnly = await ctx.newProduct({ stock: 10 });
      aliceOrder = await ctx.placeOrder(alice, [{ productId: mug.id, quantity: 1 }]);
      bobOrder = await ctx.placeOrder(bob, [{ productId: skuOnly.id, quantity: 1 }]);
      await ctx.moveOrder(staff, bobOrder.id, 'CONFIRMED', 'IN_PROGRESS');
      const shipped = await ctx.inject({
        method: 'POST',
        url: `/api/v1/orders/${bobOrder.id}/shipments`,
        headers: staff.headers,
        payload: {
          items: [{ productId: skuOnly.id, quantity: 1 }],
          carrier: 'UPS',
          trackingNumber: `1Z${dialect}PARCEL42`,
        },
      });
      expect(shipped.statusCode).toBe(201);
    });

    it('finds an order by its number in any case, by customer name and email, SKU and tracking number', async () => {
      const search = async (q: string) => ids(await list(staff, `q=${encodeURIComponent(q)}`));
      expect(await search(aliceOrder.orderNumber.toLowerCase())).toEqual([aliceOrder.id]);
      expect(await search(aliceOrder.orderNumber.slice(2, 8))).toEqual([aliceOrder.id]);
      expect(await search('zebrafinch')).toEqual([aliceOrder.id]);
      expect(await search(`ALICE-${dialect}@FINCH`)).toEqual([aliceOrder.id]);
      expect(await search(skuOnly.sku.toLowerCase())).toEqual([bobOrder.id]);
      expect(await search(`${dialect}parcel4`)).toEqual([bobOrder.id]);
      expect(await search('no-such-thing-anywhere')).toEqual([]);
      // LIKE wildcards are text, not patterns.
      expect(await search('%')).toEqual([]);
    });

    it('combines with the other filters and pages by keyset', async () => {
      const more = [];
      for (let i = 0; i < 3; i += 1)
        more.push(await ctx.placeOrder(alice, [{ productId: mug.id, quantity: 1 }]));
      expect(ids(await list(staff, `q=zebrafinch&status=IN_PROGRESS`))).toEqual([]);
      const pending = ids(await list(admin, `q=zebrafinch&status=PENDING`));
      expect(pending).toEqual([...more.map((o) => o.id).reverse(), aliceOrder.id]);
      expect(ids(await list(staff, `q=zebrafinch&customerId=${bob.id}`))).toEqual([]);

      const first = await list(staff, 'q=zebrafinch&limit=3');
      expect(ids(first)).toEqual(pending.slice(0, 3));
      expect(first.nextCursor).not.toBeNull();
      const second = await list(staff, `q=zebrafinch&limit=3&cursor=${first.nextCursor ?? ''}`);
      expect(ids(second)).toEqual(pending.slice(3));
      expect(second.nextCursor).toBeNull();
    });

    it("keeps a customer's search to their own orders", async () => {
      expect(ids(await list(bob, 'q=zebrafinch'))).toEqual([]);
      expect(ids(await list(bob, `q=${aliceOrder.orderNumber}`))).toEqual([]);
      expect(ids(await list(alice, `q=${aliceOrder.orderNumber}`))).toEqual([aliceOrder.id]);
    });
  });

  describe('the customer on orders', () => {
    it('shows staff and admins who the customer is, as their account is now, in the list and the order', async () => {
      const order = await ctx.placeOrder(alice, [{ productId: mug.id, quantity: 1 }]);
      const expected = { id: alice.id, name: 'Alice Zebrafinch', email: alice.email, phone: null };
      for (const user of [staff, admin]) {
        const listed = (await list(user, `q=${order.orderNumber}`)).items[0];
        expect(listed?.customer).toEqual(expected);
        expect(listed?.id).toBe(order.id);
        const one = await ctx.inject({
          method: 'GET',
          url: `/api/v1/orders/${order.id}`,
          headers: user.headers,
        });
        expect(one.json<Order>().customer).toEqual(expected);
      }
      // A rendered order is reused, but never with a stale customer.
      await ctx.db.updateTable('users').set({ phone: '+15550001111' }).where('id', '=', alice.id).execute();
      const again = (await list(staff, `q=${order.orderNumber}`)).items[0];
      expect(again?.customer?.phone).toBe('+15550001111');
      await ctx.db.updateTable('users').set({ phone: null }).where('id', '=', alice.id).execute();
    });

    it('never puts the customer object on the orders a customer reads', async () => {
      const order = await ctx.placeOrder(alice, [{ productId: mug.id, quantity: 1 }]);
      const mine = await list(alice, '');
      expect(mine.items.length).toBeGreaterThan(0);
      expect(mine.items.every((o) => o.customer === undefined && o.customerId === alice.id)).toBe(true);
      const one = await ctx.inject({
        method: 'GET',
        url: `/api/v1/orders/${order.id}`,
        headers: alice.headers,
      });
      expect(one.json<Order>().customer).toBeUndefined();
      const other = await ctx.inject({
        method: 'GET',
        url: `/api/v1/orders/${order.id}`,
        headers: bob.headers,
      });
      expect(other.statusCode).toBe(404);
    });
  });

  describe('bulk moves', () => {
    it('moves each order it can and says why the others did not', async () => {
      const a = await ctx.placeOrder(alice, [{ productId: mug.id, quantity: 1 }]);
      const b = await ctx.placeOrder(bob, [{ productId: mug.id, quantity: 1 }]);
      const shipped = await ctx.placeOrder(bob, [{ productId: mug.id, quantity: 1 }]);
      await ctx.moveOrder(staff, shipped.id, 'CONFIRMED');
      const missing = '0190a000-0000-7000-8000-000000000000';
      const res = await bulk(staff, {
        orderIds: [a.id, missing, shipped.id, b.id],
        status: 'CONFIRMED',
        note: 'Morning batch',
      });
      expect(res.statusCode).toBe(200);
      const { results } = res.json<BulkMoveResult>();
      expect(results.map((r) => [r.id, r.ok, r.error?.code])).toEqual([
        [a.id, true, undefined],
        [missing, false, 'NOT_FOUND'],
        [shipped.id, false, 'INVALID_TRANSITION'],
        [b.id, true, undefined],
      ]);
      expect(results[1]?.error?.message).toBe('Order not found');
      for (const id of [a.id, b.id]) {
        const order = await ctx.inject({
          method: 'GET',
          url: `/api/v1/orders/${id}`,
          headers: staff.headers,
        });
        expect(order.json<Order>().status).toBe('CONFIRMED');
        const history = await ctx.inject({
          method: 'GET',
          url: `/api/v1/orders/${id}/history`,
          headers: staff.headers,
        });
        expect(history.body).toContain('Morning batch');
      }
    });

    it('keeps the rules of a single move: IN_PROGRESS to CANCELLED for admins only', async () => {
      const order = await ctx.placeOrder(alice, [{ productId: mug.id, quantity: 2 }]);
      await ctx.moveOrder(staff, order.id, 'CONFIRMED', 'IN_PROGRESS');
      const byStaff = (
        await bulk(staff, { orderIds: [order.id], status: 'CANCELLED' })
      ).json<BulkMoveResult>();
      expect(byStaff.results[0]).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const before = await ctx.stockOf(mug.id);
      const byAdmin = (
        await bulk(admin, { orderIds: [order.id], status: 'CANCELLED' })
      ).json<BulkMoveResult>();
      expect(byAdmin.results[0]).toEqual({ id: order.id, ok: true });
      // The cancellation put the stock back, through the ledger, as a single move does.
      const after = await ctx.stockOf(mug.id);
      expect(after.stock).toBe(before.stock + 2);
      expect(after.ledger).toBe(after.stock);
    });

    it('takes at most 200 distinct ids and a known status', async () => {
      const many = Array.from(
        { length: 201 },
        (_, i) => `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      );
      for (const payload of [
        { orderIds: many, status: 'CONFIRMED' },
        { orderIds: [], status: 'CONFIRMED' },
        { orderIds: [many[0], many[0]], status: 'CONFIRMED' },
        { orderIds: [many[0]], status: 'SOMEWHERE' },
        { orderIds: ['not-an-id'], status: 'CONFIRMED' },
      ]) {
        const res = await bulk(staff, payload);
        expect(res.statusCode).toBe(400);
        expect(res.json<ErrorResponse>().error.code).toBe('VALIDATION_ERROR');
      }
      const res = await bulk(staff, { orderIds: many.slice(0, 200), status: 'CONFIRMED' });
      expect(res.statusCode).toBe(200);
      expect(res.json<BulkMoveResult>().results.filter((r) => r.error?.code === 'NOT_FOUND')).toHaveLength(
        200,
      );
    });

    it('is for staff and admins: customers get 403 and move nothing, anonymous 401', async () => {
      const own = await ctx.placeOrder(alice, [{ productId: mug.id, quantity: 1 }]);
      const res = await bulk(alice, { orderIds: [own.id], status: 'CANCELLED' });
      expect(res.statusCode).toBe(403);
      expect(res.json<ErrorResponse>().error.code).toBe('FORBIDDEN');
      const anonymous = await ctx.inject({
        method: 'POST',
        url: '/api/v1/orders/bulk/status',
        payload: { orderIds: [own.id], status: 'CONFIRMED' },
      });
      expect(anonymous.statusCode).toBe(401);
      const order = await ctx.inject({
        method: 'GET',
        url: `/api/v1/orders/${own.id}`,
        headers: alice.headers,
      });
      expect(order.json<Order>().status).toBe('PENDING');
    });
  });
});
