import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, Notification, Order, OrderEvent, Product } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';

describe.each(dialects)('order edits on %s', (dialect) => {
  let ctx: TestContext;
  let staff: TestUser;
  let admin: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [staff, admin, customer] = await Promise.all([
      ctx.newUser('STAFF', { name: 'Sam Staff' }),
      ctx.newUser('ADMIN'),
      ctx.newUser('CUSTOMER'),
    ]);
  });
  afterAll(() => ctx.close());

  const edit = (orderId: string, payload: object, as: TestUser = staff) =>
    ctx.inject({ method: 'PUT', url: `/api/v1/orders/${orderId}/items`, headers: as.headers, payload });
  const getOrder = async (id: string, as: TestUser = staff) =>
    (await ctx.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: as.headers })).json<Order>();
  const history = async (id: string, as: TestUser = customer) =>
    (await ctx.inject({ method: 'GET', url: `/api/v1/orders/${id}/history`, headers: as.headers })).json<{
      items: OrderEvent[];
    }>().items;
  const notifications = async () =>
    (await ctx.inject({ method: 'GET', url: '/api/v1/notifications', headers: customer.headers })).json<{
      items: Notification[];
    }>().items;
  const product = (fields: { stock?: number; priceCents?: number; name?: string; currency?: string }) =>
    ctx.newProduct({ stock: 10, ...fields });
  const reprice = (p: Product, priceCents: number) =>
    ctx.inject({
      method: 'PATCH',
      url: `/api/v1/products/${p.id}`,
      headers: admin.headers,
      payload: { priceCents },
    });
  const customRequest = async (title = 'A walnut bookshelf') => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: customer.headers,
      payload: { title, description: '180 × 80 cm, oiled' },
    });
    expect(res.statusCode).toBe(201);
    return res.json<Order>();
  };
  const lines = (order: Order) =>
    order.items.map((i) => ({
      productId: i.productId,
      sku: i.sku,
      unitPriceCents: i.unitPriceCents,
      quantity: i.quantity,
    }));

  it('refuses an edit that would bring the total below what was already refunded', async () => {
    const mug = await product({ priceCents: 1000, name: 'Mug' });
    const order = await ctx.placeOrder(customer, [{ productId: mug.id, quantity: 3 }]);
    const paid = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/orders/${order.id}`,
      headers: staff.headers,
      payload: { paymentReceived: true },
    });
    expect(paid.statusCode).toBe(200);
    const refund = await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/refunds`,
      headers: admin.headers,
      payload: { amountCents: 2500, reason: 'goodwill' },
    });
    expect(refund.statusCode).toBe(201);
    const res = await edit(order.id, { items: [{ productId: mug.id, quantity: 2 }] });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorResponse>().error.details).toEqual([{ totalCents: 2000, refundedCents: 2500 }]);
    expect((await getOrder(order.id)).items[0]?.quantity).toBe(3);
    expect(await ctx.stockOf(mug.id)).toEqual({ stock: 7, ledger: 7 });
  });

  it('keeps the price of lines the order has, takes today’s for new ones, moves the stock difference, and recomputes the total', async () => {
    const [mug, tee, cap] = await Promise.all([
      product({ priceCents: 1000, name: 'Mug' }),
      product({ priceCents: 2000, name: 'Tee' }),
      product({ priceCents: 1500, name: 'Cap' }),
    ]);
    const order = await ctx.placeOrder(customer, [
      { productId: mug.id, quantity: 2 },
      { productId: tee.id, quantity: 1 },
    ]);
    expect(order.totalCents).toBe(4000);
    await Promise.all([reprice(mug, 9900), reprice(cap, 1200)]);

    const res = await edit(order.id, {
      items: [
        { productId: mug.id, quantity: 3 },
        { productId: cap.id, quantity: 1 },
        { productId: tee.id, quantity: 1, options: { size: 'L' } },
      ],
      version: order.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const edited = res.json<Order>();
    expect(lines(edited)).toEqual([
      { productId: mug.id, sku: mug.sku, unitPriceCents: 1000, quantity: 3 },
      { productId: cap.id, sku: cap.sku, unitPriceCents: 1200, quantity: 1 },
      // Another size is another line: today's price (unchanged here), not the old line's.
      { productId: tee.id, sku: tee.sku, unitPriceCents: 2000, quantity: 1 },
    ]);
    expect(edited.items[2]?.options).toEqual({ size: 'L' });
    expect(edited.totalCents).toBe(3000 + 1200 + 2000);
    expect(edited.version).toBe(order.version + 1);
    // Staff are answered with the customer's contact (SPEC §14); the customer reads the same order without it.
    const { customer: contact, ...asCustomerSees } = edited;
    expect(contact?.id).toBe(customer.id);
    expect(await getOrder(order.id, customer)).toEqual({
      ...asCustomerSees,
      allowedTransitions: ['CANCELLED'],
    });

    expect(await ctx.stockOf(mug.id)).toEqual({ stock: 7, ledger: 7 });
    expect(await ctx.stockOf(tee.id)).toEqual({ stock: 9, ledger: 9 });
    expect(await ctx.stockOf(cap.id)).toEqual({ stock: 9, ledger: 9 });
    const ledger = await ctx.db
      .selectFrom('inventory_ledger')
      .select(['product_id', 'delta', 'reason', 'actor_id'])
      .where('order_id', '=', order.id)
      .where('reason', '=', 'order edited')
      .execute();
    expect(ledger.map((e) => [e.product_id, Number(e.delta), e.actor_id]).sort()).toEqual(
      [
        [mug.id, -1, staff.id],
        [cap.id, -1, staff.id],
      ].sort(),
    );

    // Cancelling gives back what the order holds now.
    await ctx.moveOrder(staff, order.id, 'CANCELLED');
    expect(await ctx.stockOf(mug.id)).toEqual({ stock: 10, ledger: 10 });
    expect(await ctx.stockOf(cap.id)).toEqual({ stock: 10, ledger: 10 });
  });

  it('puts removed lines back in stock and tells the customer what changed, before and after', async () => {
    const [mug, tee, cap] = await Promise.all([
      product({ priceCents: 1000, name: 'Mug' }),
      product({ priceCents: 1000, name: 'Tee' }),
      product({ priceCents: 1500, name: 'Cap' }),
    ]);
    const order = await ctx.placeOrder(customer, [
      { productId: mug.id, quantity: 2 },
      { productId: tee.id, quantity: 1 },
    ]);
    const res = await edit(order.id, {
      items: [
        { productId: mug.id, quantity: 3 },
        { productId: cap.id, quantity: 1 },
      ],
      note: 'The tee is sold out in your size; a cap instead, on us.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await ctx.stockOf(tee.id)).toEqual({ stock: 10, ledger: 10 });

    const event = (await history(order.id)).at(-1);
    expect(event).toMatchObject({ type: 'items_edited', visibility: 'customer', fromStatus: null });
    expect(event?.note).toBe(
      'Items changed: 2 × Mug → 3 × Mug; added 1 × Cap; removed 1 × Tee. Total $30.00 → $45.00\n' +
        'The tee is sold out in your size; a cap instead, on us.',
    );
    const staffView = (await history(order.id, staff)).at(-1);
    expect(staffView?.actorName).toBe('Sam Staff');
    const [latest] = await notifications();
    expect(latest).toMatchObject({
      orderId: order.id,
      title: `Order ${order.orderNumber}: items changed`,
      body: event?.note,
    });
  });

  it('refuses an edit that is short of stock with 409 OUT_OF_STOCK naming each short product, and changes nothing', async () => {
    const [plenty, scarce, rare, tee] = await Promise.all([
      product({ stock: 10 }),
      product({ stock: 1 }),
      product({ stock: 0 }),
      product({ stock: 10 }),
    ]);
    const order = await ctx.placeOrder(customer, [
      { productId: plenty.id, quantity: 1 },
      { productId: scarce.id, quantity: 1 },
      { productId: tee.id, quantity: 4 },
    ]);
    const stockBefore = await Promise.all([plenty, scarce, rare, tee].map((p) => ctx.stockOf(p.id)));
    const orderBefore = await getOrder(order.id);
    const eventsBefore = await history(order.id, staff);
    const res = await edit(order.id, {
      items: [
        { productId: plenty.id, quantity: 5 },
        // Two lines of one product are summed: 3 more than the 1 held, against 0 left.
        { productId: scarce.id, quantity: 2 },
        { productId: scarce.id, quantity: 2 },
        { productId: rare.id, quantity: 1 },
        { productId: tee.id, quantity: 1 },
      ],
    });
    expect(res.statusCode).toBe(409);
    const { error } = res.json<ErrorResponse>();
    expect(error.code).toBe('OUT_OF_STOCK');
    expect(error.details).toEqual(
      expect.arrayContaining([
        { productId: scarce.id, sku: scarce.sku, requested: 3, available: 0 },
        { productId: rare.id, sku: rare.sku, requested: 1, available: 0 },
      ]),
    );
    expect(error.details).toHaveLength(2);
    expect(await Promise.all([plenty, scarce, rare, tee].map((p) => ctx.stockOf(p.id)))).toEqual(stockBefore);
    expect(await getOrder(order.id)).toEqual(orderBefore);
    expect(await history(order.id, staff)).toEqual(eventsBefore);
  });

  it('edits in PENDING, CONFIRMED, IN_PROGRESS and ON_HOLD, and refuses once anything has shipped or the order is over', async () => {
    const mug = await product({ stock: 100 });
    const place = () => ctx.placeOrder(customer, [{ productId: mug.id, quantity: 2 }]);
    const one = { items: [{ productId: mug.id, quantity: 1 }] };
    for (const path of [[], ['CONFIRMED'], ['CONFIRMED', 'IN_PROGRESS'], ['CONFIRMED', 'ON_HOLD']]) {
      const order = await place();
      if (path.length > 0) await ctx.moveOrder(staff, order.id, ...path);
      expect((await edit(order.id, one)).statusCode, path.join(' → ')).toBe(200);
    }
    for (const path of [
      ['CONFIRMED', 'IN_PROGRESS', 'SHIPPED'],
      ['CONFIRMED', 'IN_PROGRESS', 'SHIPPED', 'DELIVERED'],
      ['CONFIRMED', 'IN_PROGRESS', 'COMPLETED'],
      ['CANCELLED'],
    ]) {
      const order = await place();
      await ctx.moveOrder(staff, order.id, ...path);
      const res = await edit(order.id, one);
      expect(res.statusCode, path.join(' → ')).toBe(409);
      expect(res.json<ErrorResponse>().error.code).toBe('INVALID_TRANSITION');
    }

    // A package left, then the order went on hold: ON_HOLD, but no longer editable.
    const order = await place();
    await ctx.moveOrder(staff, order.id, 'CONFIRMED', 'IN_PROGRESS');
    const shipped = await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/shipments`,
      headers: staff.headers,
      payload: { items: [{ productId: mug.id, quantity: 1 }], carrier: 'UPS', trackingNumber: '1Z1' },
    });
    expect(shipped.statusCode).toBe(201);
    expect((await edit(order.id, one)).json<ErrorResponse>().error.code).toBe('INVALID_TRANSITION');
    await ctx.moveOrder(staff, order.id, 'ON_HOLD');
    const held = await edit(order.id, one);
    expect(held.statusCode).toBe(409);
    expect(held.json<ErrorResponse>().error.code).toBe('CONFLICT');
    expect(lines(await getOrder(order.id))).toEqual(lines(order));
    // Four edited to 1 unit, three still holding 2, one cancelled, this one 2.
    expect(await ctx.stockOf(mug.id)).toEqual({ stock: 88, ledger: 88 });
  });

  it('refuses products in another currency, archived or unknown ones as new lines (400), and a stale version (409)', async () => {
    const [mug, euro, gone] = await Promise.all([product({}), product({ currency: 'EUR' }), product({})]);
    const order = await ctx.placeOrder(customer, [
      { productId: mug.id, quantity: 1 },
      { productId: gone.id, quantity: 1 },
    ]);
    expect(
      (await ctx.inject({ method: 'DELETE', url: `/api/v1/products/${gone.id}`, headers: admin.headers }))
        .statusCode,
    ).toBe(200);

    const currency = await edit(order.id, { items: [{ productId: euro.id, quantity: 1 }] });
    expect(currency.statusCode).toBe(400);
    expect(currency.json<ErrorResponse>().error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ path: '/items/0', productId: euro.id, reason: 'currency' }],
    });
    const unknown = '01900000-0000-7000-8000-000000000000';
    const missing = await edit(order.id, { items: [{ productId: unknown, quantity: 1 }] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<ErrorResponse>().error.details).toEqual([
      { path: '/items/0', productId: unknown, reason: 'unavailable' },
    ]);
    // An archived product may stay (fewer of it too), but no more units of it can be taken.
    const more = await edit(order.id, { items: [{ productId: gone.id, quantity: 2 }] });
    expect(more.statusCode).toBe(400);
    const stale = await edit(order.id, {
      items: [{ productId: mug.id, quantity: 2 }],
      version: order.version + 5,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorResponse>().error.code).toBe('CONFLICT');
    expect(lines(await getOrder(order.id))).toEqual(lines(order));

    const kept = await edit(order.id, {
      items: [{ productId: gone.id, quantity: 1 }],
      version: order.version,
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(await ctx.stockOf(mug.id)).toEqual({ stock: 10, ledger: 10 });
  });

  it('changes nothing, not even the version, when no line changes', async () => {
    const mug = await product({});
    const order = await ctx.placeOrder(customer, [{ productId: mug.id, quantity: 2 }]);
    const res = await edit(order.id, { items: [{ productId: mug.id, quantity: 2 }], note: 'nothing' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Order>().version).toBe(order.version);
    expect((await history(order.id)).map((e) => e.type)).toEqual(['created']);
  });

  it('prices a custom request with custom lines: the customer sees the quote and is told, and it is paid and shipped as usual', async () => {
    const request = await customRequest();
    expect(request.items).toEqual([]);
    const res = await edit(request.id, {
      items: [
        { name: 'Walnut bookshelf, 180 × 80 cm', unitPriceCents: 45000, quantity: 1 },
        { name: 'Delivery and fitting', unitPriceCents: 6000, quantity: 1 },
      ],
      note: 'Ready three weeks after payment.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const quoted = await getOrder(request.id, customer);
    expect(quoted.items).toEqual([
      {
        productId: null,
        sku: 'CUSTOM',
        name: 'Walnut bookshelf, 180 × 80 cm',
        unitPriceCents: 45000,
        quantity: 1,
        options: {},
      },
      {
        productId: null,
        sku: 'CUSTOM',
        name: 'Delivery and fitting',
        unitPriceCents: 6000,
        quantity: 1,
        options: {},
      },
    ]);
    expect(quoted.totalCents).toBe(51000);
    expect(
      await ctx.db.selectFrom('inventory_ledger').select('id').where('order_id', '=', request.id).execute(),
    ).toEqual([]);

    const [told] = await notifications();
    expect(told?.title).toBe(`Order ${request.orderNumber}: your quote is ready`);
    expect(told?.body).toBe(
      'Quote ready: 1 × Walnut bookshelf, 180 × 80 cm at $450.00; 1 × Delivery and fitting at $60.00. Total $510.00\n' +
        'Ready three weeks after payment.',
    );

    // A second pricing is a change like any other.
    const again = await edit(request.id, {
      items: [
        { name: 'Walnut bookshelf, 180 × 80 cm', unitPriceCents: 45000, quantity: 1 },
        { name: 'Delivery and fitting', unitPriceCents: 4000, quantity: 1 },
      ],
    });
    expect(again.json<Order>().totalCents).toBe(49000);
    expect((await history(request.id)).at(-1)?.note).toBe(
      'Items changed: added 1 × Delivery and fitting at $40.00; removed 1 × Delivery and fitting at $60.00. Total $510.00 → $490.00',
    );
    expect((await notifications())[0]?.title).toBe(`Order ${request.orderNumber}: items changed`);

    const paid = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/orders/${request.id}`,
      headers: staff.headers,
      payload: { paymentReceived: true },
    });
    expect(paid.json<Order>().paymentReceived).toBe(true);
    const shipped = await ctx.moveOrder(staff, request.id, 'CONFIRMED', 'IN_PROGRESS', 'SHIPPED');
    expect(shipped.shipments).toHaveLength(1);
    expect(shipped.totalCents).toBe(49000);
  });

  it('lets a custom order, and only a custom order, go back to no items', async () => {
    const request = await customRequest('A cake');
    await edit(request.id, { items: [{ name: 'Three-tier cake', unitPriceCents: 9000, quantity: 1 }] });
    const emptied = await edit(request.id, { items: [] });
    expect(emptied.statusCode).toBe(200);
    expect(emptied.json<Order>()).toMatchObject({ items: [], totalCents: 0 });

    const mug = await product({});
    const order = await ctx.placeOrder(customer, [{ productId: mug.id, quantity: 1 }]);
    const refused = await edit(order.id, { items: [] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ErrorResponse>().error.details).toEqual([{ path: '/items' }]);
  });

  it('mixes product and custom lines: only the product lines hold stock', async () => {
    const mug = await product({ priceCents: 1000, name: 'Mug' });
    const order = await ctx.placeOrder(customer, [{ productId: mug.id, quantity: 1 }]);
    const res = await edit(order.id, {
      items: [
        { productId: mug.id, quantity: 2 },
        { name: 'Engraving', unitPriceCents: 500, quantity: 2 },
      ],
    });
    expect(res.json<Order>().totalCents).toBe(3000);
    expect(await ctx.stockOf(mug.id)).toEqual({ stock: 8, ledger: 8 });
    expect((await history(order.id)).at(-1)?.note).toBe(
      'Items changed: 1 × Mug → 2 × Mug; added 2 × Engraving at $5.00. Total $10.00 → $30.00',
    );
  });

  it('is for staff and admins: a customer gets 403 even on their own order, and an unknown order is 404', async () => {
    const mug = await product({});
    const order = await ctx.placeOrder(customer, [{ productId: mug.id, quantity: 1 }]);
    const items = [{ productId: mug.id, quantity: 2 }];
    const mine = await edit(order.id, { items }, customer);
    expect(mine.statusCode).toBe(403);
    expect(mine.json<ErrorResponse>().error.code).toBe('FORBIDDEN');
    expect((await edit(order.id, { items }, admin)).statusCode).toBe(200);
    expect((await edit('01900000-0000-7000-8000-000000000000', { items })).statusCode).toBe(404);
  });
});
