import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, Order, OrderEvent, Product, Shipment, Tracking } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';

const ADDRESS = {
  name: 'Ada Lovelace',
  line1: '1 Analytical St',
  city: 'London',
  postalCode: 'N1 1AA',
  country: 'GB',
};

describe.each(dialects)('shipments on %s', (dialect) => {
  let ctx: TestContext;
  let staff: TestUser;
  let customer: TestUser;
  let shirt: Product;
  let mug: Product;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [staff, customer] = await Promise.all([
      ctx.newUser('STAFF'),
      ctx.newUser('CUSTOMER', { name: 'Ada Lovelace' }),
    ]);
    [shirt, mug] = await Promise.all([ctx.newProduct({ stock: 1000 }), ctx.newProduct({ stock: 1000 })]);
  });
  afterAll(() => ctx.close());

  /** An order of 3 shirts and 1 mug, IN_PROGRESS. */
  async function orderInProgress(): Promise<Order> {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: customer.headers,
      payload: {
        items: [
          { productId: shirt.id, quantity: 2 },
          { productId: mug.id, quantity: 1 },
          { productId: shirt.id, quantity: 1, options: { size: 'L' } },
        ],
        shippingAddress: ADDRESS,
      },
    });
    expect(res.statusCode).toBe(201);
    return ctx.moveOrder(staff, res.json<Order>().id, 'CONFIRMED', 'IN_PROGRESS');
  }
  const ship = (orderId: string, items: { productId: string; quantity: number }[], extra: object = {}) =>
    ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${orderId}/shipments`,
      headers: staff.headers,
      payload: {
        items,
        carrier: 'UPS',
        trackingNumber: `1Z${Math.random().toString(36).slice(2, 10)}`,
        ...extra,
      },
    });
  const report = (orderId: string, shipmentId: string, payload: object) =>
    ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${orderId}/shipments/${shipmentId}/events`,
      headers: staff.headers,
      payload,
    });
  const getOrder = async (id: string, user: TestUser = staff) =>
    (await ctx.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: user.headers })).json<Order>();
  const historyTypes = async (id: string) =>
    (await ctx.inject({ method: 'GET', url: `/api/v1/orders/${id}/history`, headers: customer.headers }))
      .json<{ items: OrderEvent[] }>()
      .items.map((e) => e.type);

  it('ships part of an order (PARTIALLY_SHIPPED), then the rest (SHIPPED), numbering the packages', async () => {
    const order = await orderInProgress();
    const first = await ship(order.id, [{ productId: shirt.id, quantity: 2 }], {
      trackingUrl: 'https://track.example.com/1',
      estimatedDelivery: { from: '2030-01-02', to: '2030-01-04' },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json<Shipment>()).toMatchObject({
      number: 1,
      items: [{ productId: shirt.id, quantity: 2 }],
      carrier: 'UPS',
      trackingUrl: 'https://track.example.com/1',
      status: 'LABEL_CREATED',
      estimatedDelivery: { from: '2030-01-02', to: '2030-01-04' },
      deliveredAt: null,
    });
    const partly = await getOrder(order.id, customer);
    expect(partly.status).toBe('PARTIALLY_SHIPPED');
    expect(partly.version).toBe(order.version + 1);
    expect(partly.shipments.map((s) => s.number)).toEqual([1]);
    expect(partly.allowedTransitions).toEqual([]);

    const second = await ship(order.id, [
      { productId: shirt.id, quantity: 1 },
      { productId: mug.id, quantity: 1 },
    ]);
    expect(second.statusCode).toBe(201);
    expect(second.json<Shipment>().number).toBe(2);
    const shipped = await getOrder(order.id);
    expect(shipped.status).toBe('SHIPPED');
    expect(shipped.shipments.map((s) => s.number)).toEqual([1, 2]);
    expect(await historyTypes(order.id)).toEqual([
      'created',
      'status_changed',
      'status_changed',
      'shipment_created',
      'status_changed',
      'shipment_created',
      'status_changed',
    ]);
  });

  it('refuses more than is unshipped with 409 OVER_FULFILLED and stores nothing', async () => {
    const order = await orderInProgress();
    expect((await ship(order.id, [{ productId: shirt.id, quantity: 2 }])).statusCode).toBe(201);
    const before = await getOrder(order.id);
    for (const items of [
      [{ productId: shirt.id, quantity: 2 }],
      [
        { productId: mug.id, quantity: 1 },
        { productId: mug.id, quantity: 1 },
      ],
      [{ productId: (await ctx.newProduct()).id, quantity: 1 }],
    ]) {
      const res = await ship(order.id, items);
      expect(res.statusCode).toBe(409);
      expect(res.json<ErrorResponse>().error.code).toBe('OVER_FULFILLED');
    }
    const after = await getOrder(order.id);
    expect(after).toEqual(before);
    expect(await historyTypes(order.id)).toHaveLength(5);
  });

  it('lets exactly one of two racing shipments of the same units through', async () => {
    for (let round = 0; round < 5; round += 1) {
      const order = await orderInProgress();
      const results = await Promise.all([
        ship(order.id, [{ productId: shirt.id, quantity: 2 }]),
        ship(order.id, [{ productId: shirt.id, quantity: 2 }]),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const after = await getOrder(order.id);
      expect(after.shipments).toHaveLength(1);
      expect(after.shipments[0]?.items).toEqual([{ productId: shirt.id, quantity: 2 }]);
    }
  });

  it('refuses a shipment of an order that is not in progress, and an empty one of an order with items', async () => {
    const order = await ctx.placeOrder(customer, [{ productId: shirt.id, quantity: 1 }]);
    const early = await ship(order.id, [{ productId: shirt.id, quantity: 1 }]);
    expect(early.statusCode).toBe(409);
    expect(early.json<ErrorResponse>().error.code).toBe('INVALID_TRANSITION');
    await ctx.moveOrder(staff, order.id, 'CONFIRMED', 'IN_PROGRESS');
    expect((await ship(order.id, [])).statusCode).toBe(400);
    expect((await getOrder(order.id)).shipments).toEqual([]);
  });

  it('ships a custom order without items as one empty package', async () => {
    const placed = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: customer.headers,
      payload: { title: 'A custom cake' },
    });
    const order = await ctx.moveOrder(staff, placed.json<Order>().id, 'CONFIRMED', 'IN_PROGRESS');
    const res = await ship(order.id, []);
    expect(res.statusCode).toBe(201);
    expect(res.json<Shipment>().items).toEqual([]);
    expect((await getOrder(order.id)).status).toBe('SHIPPED');
  });

  it('ships everything still unshipped as one package when an order is moved to SHIPPED', async () => {
    const order = await orderInProgress();
    await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/orders/${order.id}`,
      headers: staff.headers,
      payload: { carrier: 'DHL', trackingNumber: 'JD0001' },
    });
    expect((await ship(order.id, [{ productId: shirt.id, quantity: 1 }])).statusCode).toBe(201);
    const moved = await ctx.moveOrder(staff, order.id, 'SHIPPED');
    expect(moved.status).toBe('SHIPPED');
    expect(moved.shipments).toHaveLength(2);
    expect(moved.shipments[1]).toMatchObject({
      number: 2,
      carrier: 'DHL',
      trackingNumber: 'JD0001',
      items: [
        { productId: [shirt.id, mug.id].sort()[0], quantity: shirt.id < mug.id ? 2 : 1 },
        { productId: [shirt.id, mug.id].sort()[1], quantity: shirt.id < mug.id ? 1 : 2 },
      ],
    });
    // Nothing left: a later shipment is refused, the order is no longer shippable.
    expect((await ship(order.id, [{ productId: mug.id, quantity: 1 }])).statusCode).toBe(409);
  });

  it('records package events, refuses any after DELIVERED, and delivers the order once every package is', async () => {
    const order = await orderInProgress();
    const one = (await ship(order.id, [{ productId: shirt.id, quantity: 3 }])).json<Shipment>();
    const two = (await ship(order.id, [{ productId: mug.id, quantity: 1 }])).json<Shipment>();
    const transit = await report(order.id, one.id, {
      status: 'IN_TRANSIT',
      location: 'Leeds',
      note: 'Scanned',
    });
    expect(transit.statusCode).toBe(200);
    expect(transit.json<Shipment>().status).toBe('IN_TRANSIT');
    expect(transit.json<Shipment>().events.map((e) => e.status)).toEqual(['LABEL_CREATED', 'IN_TRANSIT']);
    // A late report of something earlier is history; it does not undo the newer status.
    const early = await report(order.id, one.id, { status: 'EXCEPTION', at: '2001-01-01T00:00:00Z' });
    expect(early.json<Shipment>().status).toBe('IN_TRANSIT');

    const delivered = await report(order.id, one.id, { status: 'DELIVERED' });
    expect(delivered.json<Shipment>().deliveredAt).not.toBeNull();
    expect((await getOrder(order.id)).status).toBe('SHIPPED');
    const after = await report(order.id, one.id, { status: 'IN_TRANSIT' });
    expect(after.statusCode).toBe(409);
    expect(after.json<ErrorResponse>().error.code).toBe('INVALID_TRANSITION');

    expect((await report(order.id, two.id, { status: 'DELIVERED' })).statusCode).toBe(200);
    const done = await getOrder(order.id);
    expect(done.status).toBe('DELIVERED');
    expect(done.completedAt).not.toBeNull();
    expect(done.allowedTransitions).toEqual([]);
  });

  it('delivers every open package when an order is moved to DELIVERED by hand', async () => {
    const order = await orderInProgress();
    await ctx.moveOrder(staff, order.id, 'SHIPPED');
    const done = await ctx.moveOrder(staff, order.id, 'DELIVERED');
    expect(done.shipments.map((s) => s.status)).toEqual(['DELIVERED']);
  });

  it('answers 404 for a package of another order', async () => {
    const [a, b] = [await orderInProgress(), await orderInProgress()];
    const shipment = (await ship(a.id, [{ productId: mug.id, quantity: 1 }])).json<Shipment>();
    expect((await report(b.id, shipment.id, { status: 'IN_TRANSIT' })).statusCode).toBe(404);
  });

  it('never lists an order as it was before a shipment or a package event', async () => {
    const order = await orderInProgress();
    const listed = async () => {
      const res = await ctx.inject({
        method: 'GET',
        url: '/api/v1/orders?limit=100',
        headers: staff.headers,
      });
      const found = res.json<{ items: Order[] }>().items.find((o) => o.id === order.id);
      if (!found) throw new Error('order not listed');
      return found;
    };
    expect((await listed()).shipments).toEqual([]);
    const shipment = (await ship(order.id, [{ productId: shirt.id, quantity: 1 }])).json<Shipment>();
    expect((await listed()).shipments.map((s) => s.status)).toEqual(['LABEL_CREATED']);
    expect((await listed()).status).toBe('PARTIALLY_SHIPPED');
    await report(order.id, shipment.id, { status: 'OUT_FOR_DELIVERY' });
    const now = await listed();
    expect(now.shipments.map((s) => s.status)).toEqual(['OUT_FOR_DELIVERY']);
    expect(now).toEqual(await getOrder(order.id));
  });

  it('shows packages on public tracking without names, addresses, prices, items or notes', async () => {
    const order = await orderInProgress();
    const shipment = (
      await ship(order.id, [{ productId: shirt.id, quantity: 1 }], { trackingUrl: 'https://t.example/x' })
    ).json<Shipment>();
    const transitAt = '2030-01-01T09:30:00.000Z';
    await report(order.id, shipment.id, {
      status: 'IN_TRANSIT',
      at: transitAt,
      location: 'Leeds',
      note: 'Handed to Bob',
    });
    const res = await ctx.inject({ method: 'GET', url: `/api/v1/track/${order.orderNumber}` });
    const tracking = res.json<Tracking>();
    expect(tracking.status).toBe('PARTIALLY_SHIPPED');
    expect(tracking.shipments).toEqual([
      {
        number: 1,
        carrier: 'UPS',
        trackingNumber: shipment.trackingNumber,
        trackingUrl: 'https://t.example/x',
        status: 'IN_TRANSIT',
        estimatedDelivery: { from: null, to: null },
        events: [
          { status: 'LABEL_CREATED', at: shipment.createdAt, location: null },
          { status: 'IN_TRANSIT', at: transitAt, location: 'Leeds' },
        ],
        shippedAt: shipment.shippedAt,
        deliveredAt: null,
      },
    ]);
    for (const secret of ['Ada', 'Lovelace', 'Analytical', 'N1 1AA', 'Handed to Bob', 'Cents', shirt.id]) {
      expect(res.body).not.toContain(secret);
    }
  });
});
