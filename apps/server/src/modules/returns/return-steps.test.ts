import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification, Product, Return, ReturnStatus } from '@igniflo/contract';
import { dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { errorOf, setUpReturns, type Delivered, type ReturnsFlow } from './returns.test-support.ts';

describe.each(dialects)('return steps on %s', (dialect) => {
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

  it('moves a return through each allowed step and refuses every other with 409 INVALID_TRANSITION', async () => {
    const order = await flow.deliveredOrder(customer, staff, [{ productId: shirt.id, quantity: 40 }], {
      paid: true,
    });
    const paths: Record<ReturnStatus, string[]> = {
      REQUESTED: [],
      APPROVED: ['approve'],
      REJECTED: ['reject'],
      RECEIVED: ['approve', 'receive'],
      REFUNDED: ['approve', 'receive', 'refund'],
      CLOSED: ['approve', 'close'],
    };
    const allowed: Record<ReturnStatus, string[]> = {
      REQUESTED: ['approve', 'reject'],
      APPROVED: ['receive', 'close'],
      REJECTED: [],
      RECEIVED: ['close'],
      REFUNDED: [],
      CLOSED: [],
    };
    const payloadOf = (step: string) => (step === 'receive' ? { restock: [] } : { note: `${step} note` });
    for (const [status, path] of Object.entries(paths) as [ReturnStatus, string[]][]) {
      for (const step of ['approve', 'reject', 'receive', 'close', 'refund']) {
        const created = await flow.requested(customer, order.id, [{ productId: shirt.id, quantity: 1 }]);
        for (const earlier of path) {
          const res =
            earlier === 'refund'
              ? await flow.refund(admin, order.id, { amountCents: 1, reason: 'r', returnId: created.id })
              : await flow.step(staff, created.id, earlier, payloadOf(earlier));
          expect(res.statusCode, `${earlier} on the way to ${status}`).toBeLessThan(300);
        }
        const res =
          step === 'refund'
            ? await flow.refund(admin, order.id, { amountCents: 1, reason: 'r', returnId: created.id })
            : await flow.step(staff, created.id, step, payloadOf(step));
        const may = allowed[status].includes(step) || (status === 'RECEIVED' && step === 'refund');
        expect(res.statusCode, `${step} from ${status}`).toBe(may ? (step === 'refund' ? 201 : 200) : 409);
        if (!may) expect(errorOf(res).code, `${step} from ${status}`).toBe('INVALID_TRANSITION');
      }
    }
  });

  it('keeps the staff note and the time of each step, and tells the customer in words', async () => {
    const order = await delivered();
    const created = await flow.requested(customer, order.id, [{ productId: shirt.id, quantity: 1 }]);
    const approved = (
      await flow.step(staff, created.id, 'approve', { note: 'Use the label in the box' })
    ).json<Return>();
    expect(approved).toMatchObject({ status: 'APPROVED', staffNote: 'Use the label in the box' });
    expect(approved.approvedAt).not.toBeNull();
    // Without a body: no note, the earlier one stays.
    const closed = (await flow.step(admin, created.id, 'close')).json<Return>();
    expect(closed).toMatchObject({ status: 'CLOSED', staffNote: 'Use the label in the box' });
    expect(closed.closedAt).not.toBeNull();
    const notes = (await flow.history(customer, order.id))
      .filter((e) => e.type === 'return_updated')
      .map((e) => e.note);
    expect(notes).toEqual(['Return 1: approved — Use the label in the box', 'Return 1: closed']);
    const titles = (
      await ctx.inject({ method: 'GET', url: '/api/v1/notifications?limit=2', headers: customer.headers })
    )
      .json<{ items: Notification[] }>()
      .items.map((n) => n.title);
    expect(titles).toEqual([
      `Order ${order.orderNumber}: your return is closed`,
      `Order ${order.orderNumber}: your return is approved, you can send the items back`,
    ]);
    expect((await flow.order(customer, order.id)).version).toBe(order.version + 3);
  });

  it('puts the units received back on sale through the ledger (reason return), fewer when some are damaged', async () => {
    const order = await delivered();
    const created = await flow.requested(customer, order.id, [
      { productId: shirt.id, quantity: 2 },
      { productId: mug.id, quantity: 1 },
    ]);
    await flow.step(staff, created.id, 'approve');
    const before = { shirt: await ctx.stockOf(shirt.id), mug: await ctx.stockOf(mug.id) };
    for (const restock of [
      [{ productId: shirt.id, quantity: 3 }],
      [{ productId: (await ctx.newProduct()).id, quantity: 1 }],
      [
        { productId: shirt.id, quantity: 1 },
        { productId: shirt.id, quantity: 1 },
      ],
    ]) {
      const refused = await flow.step(staff, created.id, 'receive', { restock });
      expect(refused.statusCode, JSON.stringify(restock)).toBe(400);
    }
    expect((await ctx.stockOf(shirt.id)).stock).toBe(before.shirt.stock);

    const res = await flow.step(staff, created.id, 'receive', {
      restock: [
        { productId: shirt.id, quantity: 1 },
        { productId: mug.id, quantity: 0 },
      ],
    });
    expect(res.statusCode).toBe(200);
    const received = res.json<Return>();
    expect(received).toMatchObject({ status: 'RECEIVED', restocked: [{ productId: shirt.id, quantity: 1 }] });
    expect(received.receivedAt).not.toBeNull();
    const after = { shirt: await ctx.stockOf(shirt.id), mug: await ctx.stockOf(mug.id) };
    expect(after.shirt).toEqual({ stock: before.shirt.stock + 1, ledger: before.shirt.stock + 1 });
    expect(after.mug).toEqual(before.mug);
    const ledger = await ctx.db
      .selectFrom('inventory_ledger')
      .select(['product_id', 'delta', 'actor_id'])
      .where('order_id', '=', order.id)
      .where('reason', '=', 'return')
      .execute();
    expect(ledger).toEqual([{ product_id: shirt.id, delta: 1, actor_id: staff.id }]);
  });

  it('receives a return exactly once when staff receive it at the same time', async () => {
    for (let round = 0; round < 3; round += 1) {
      const order = await delivered();
      const created = await flow.requested(customer, order.id, [
        { productId: shirt.id, quantity: 3 },
        { productId: mug.id, quantity: 1 },
      ]);
      await flow.step(staff, created.id, 'approve');
      const before = { shirt: await ctx.stockOf(shirt.id), mug: await ctx.stockOf(mug.id) };
      const restock = [
        { productId: shirt.id, quantity: 3 },
        { productId: mug.id, quantity: 1 },
      ];
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          flow.step(i % 2 === 0 ? staff : admin, created.id, 'receive', { restock }),
        ),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
      for (const refused of results.filter((r) => r.statusCode === 409)) {
        expect(errorOf(refused).code).toBe('INVALID_TRANSITION');
      }
      expect(await ctx.stockOf(shirt.id)).toEqual({
        stock: before.shirt.stock + 3,
        ledger: before.shirt.stock + 3,
      });
      expect(await ctx.stockOf(mug.id)).toEqual({
        stock: before.mug.stock + 1,
        ledger: before.mug.stock + 1,
      });
      const entries = await ctx.db
        .selectFrom('inventory_ledger')
        .select(['product_id', 'delta'])
        .where('order_id', '=', order.id)
        .where('reason', '=', 'return')
        .orderBy('product_id')
        .execute();
      expect(entries).toEqual(
        [
          { product_id: shirt.id, delta: 3 },
          { product_id: mug.id, delta: 1 },
        ].sort((a, b) => a.product_id.localeCompare(b.product_id)),
      );
      const updates = (await flow.history(staff, order.id)).filter((e) => e.type === 'return_updated');
      expect(updates.map((e) => e.note)).toEqual(['Return 1: approved', 'Return 1: received']);
    }
  });
});
