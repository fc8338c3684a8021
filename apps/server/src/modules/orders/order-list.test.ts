import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext } from '../../../test/context.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { findOrderById, replaceItemsAtVersion } from './orders.repository.ts';

describe.each(dialects)('the orders list and its rendered orders on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(() => ctx.close());

  it('never serves an order rendered before its items were replaced', async () => {
    const customer = await ctx.newUser();
    const mug = await ctx.newProduct({ stock: 10 });
    const order = await ctx.placeOrder(customer, [{ productId: mug.id, quantity: 1 }]);
    const list = async () =>
      (await ctx.inject({ method: 'GET', url: '/api/v1/orders', headers: customer.headers }))
        .json<{ items: Order[] }>()
        .items.find((o) => o.id === order.id);
    // Listed twice: the second answer comes from the rendered order.
    expect((await list())?.items.map((i) => i.quantity)).toEqual([1]);
    expect((await list())?.items.map((i) => i.quantity)).toEqual([1]);

    const row = await findOrderById(ctx.db, order.id);
    const [item] = order.items;
    await transaction(ctx.db, (tx) =>
      replaceItemsAtVersion(
        tx,
        order.id,
        row!.version,
        [
          {
            line: 1,
            product_id: mug.id,
            sku: item!.sku,
            name: item!.name,
            unit_price_cents: item!.unitPriceCents,
            quantity: 3,
            options: '{}',
          },
        ],
        { total_cents: item!.unitPriceCents * 3 },
      ),
    );
    const after = await list();
    expect(after?.items.map((i) => i.quantity)).toEqual([3]);
    expect(after?.totalCents).toBe(item!.unitPriceCents * 3);
  });

  it('replaces nothing when the order changed since its version was read', async () => {
    const customer = await ctx.newUser();
    const mug = await ctx.newProduct({ stock: 10 });
    const order = await ctx.placeOrder(customer, [{ productId: mug.id, quantity: 2 }]);
    const row = await findOrderById(ctx.db, order.id);
    const replaced = await transaction(ctx.db, (tx) =>
      replaceItemsAtVersion(tx, order.id, row!.version - 1, [], { total_cents: 0 }),
    );
    expect(replaced).toBeUndefined();
    const again = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${order.id}`,
      headers: customer.headers,
    });
    expect(again.json<Order>().items.map((i) => i.quantity)).toEqual([2]);
  });
});
