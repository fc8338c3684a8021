import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order, OrderEvent, Shipment } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { carrierSignature } from './carrier-signature.ts';

const SECRET = 'carrier-secret-for-tests-0123456789';

describe.each(dialects)('carrier tracking updates on %s', (dialect) => {
  let ctx: TestContext;
  let staff: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { CARRIER_WEBHOOK_SECRET: SECRET });
    [staff, customer] = await Promise.all([ctx.newUser('STAFF'), ctx.newUser('CUSTOMER')]);
  });
  afterAll(() => ctx.close());

  const send = (body: object, signature?: string) => {
    const raw = JSON.stringify(body);
    return ctx.inject({
      method: 'POST',
      url: '/api/v1/carrier/events',
      headers: {
        'content-type': 'application/json',
        'x-carrier-signature': signature ?? carrierSignature(SECRET, raw),
      },
      payload: raw,
    });
  };
  /** An order shipped in one package with this tracking number. */
  async function shipped(trackingNumber: string): Promise<{ order: Order; shipment: Shipment }> {
    const product = await ctx.newProduct();
    const placed = await ctx.placeOrder(customer, [{ productId: product.id, quantity: 1 }]);
    await ctx.moveOrder(staff, placed.id, 'CONFIRMED', 'IN_PROGRESS');
    const res = await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${placed.id}/shipments`,
      headers: staff.headers,
      payload: { items: [{ productId: product.id, quantity: 1 }], carrier: 'UPS', trackingNumber },
    });
    const order = (
      await ctx.inject({ method: 'GET', url: `/api/v1/orders/${placed.id}`, headers: staff.headers })
    ).json<Order>();
    return { order, shipment: res.json<Shipment>() };
  }
  const current = async (id: string) =>
    (await ctx.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: staff.headers })).json<Order>();

  it('applies a signed update to the package with that tracking number, and delivers the order', async () => {
    const { order } = await shipped('1ZCARRIER1');
    const transit = await send({
      trackingNumber: '1ZCARRIER1',
      carrier: 'ups',
      status: 'IN_TRANSIT',
      at: '2030-01-01T10:00:00Z',
      location: 'Leeds',
    });
    expect(transit.statusCode).toBe(200);
    expect(transit.json()).toEqual({ result: 'applied' });
    const moved = await current(order.id);
    expect(moved.shipments[0]?.status).toBe('IN_TRANSIT');
    expect(moved.shipments[0]?.events.at(-1)).toMatchObject({
      location: 'Leeds',
      at: '2030-01-01T10:00:00.000Z',
    });
    expect(moved.version).toBe(order.version + 1);

    await send({ trackingNumber: '1ZCARRIER1', status: 'DELIVERED', at: '2030-01-02T10:00:00Z' });
    const done = await current(order.id);
    expect(done.status).toBe('DELIVERED');
    const history = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${order.id}/history`,
      headers: staff.headers,
    });
    const last = history.json<{ items: OrderEvent[] }>().items.slice(-2);
    expect(last.map((e) => [e.type, e.toStatus, e.actorId])).toEqual([
      ['shipment_updated', null, null],
      ['status_changed', 'DELIVERED', null],
    ]);
  });

  it('changes nothing for a duplicate: same tracking number, status and time', async () => {
    const { order } = await shipped('1ZCARRIER2');
    const body = { trackingNumber: '1ZCARRIER2', status: 'OUT_FOR_DELIVERY', at: '2030-01-01T10:00:00Z' };
    expect((await send(body)).json()).toEqual({ result: 'applied' });
    const before = await current(order.id);
    // The same moment written another way is the same report.
    const again = await send({ ...body, at: '2030-01-01T10:00:00.000Z' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ result: 'duplicate' });
    expect(await current(order.id)).toEqual(before);
  });

  it('answers 202 and ignores an unknown tracking number, or one of another carrier', async () => {
    const { order } = await shipped('1ZCARRIER3');
    const unknown = await send({ trackingNumber: 'NOPE', status: 'IN_TRANSIT', at: '2030-01-01T10:00:00Z' });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual({ result: 'ignored' });
    const other = await send({
      trackingNumber: '1ZCARRIER3',
      carrier: 'FedEx',
      status: 'IN_TRANSIT',
      at: '2030-01-01T10:00:00Z',
    });
    expect(other.statusCode).toBe(202);
    expect(await current(order.id)).toEqual(order);
  });

  it('refuses a wrong or missing signature with 401 and changes nothing', async () => {
    const { order } = await shipped('1ZCARRIER4');
    const body = { trackingNumber: '1ZCARRIER4', status: 'DELIVERED', at: '2030-01-01T10:00:00Z' };
    const wrong = await send(body, carrierSignature('another-secret-entirely', JSON.stringify(body)));
    expect(wrong.statusCode).toBe(401);
    // Signed over other bytes than those sent.
    const reordered = await send(
      body,
      carrierSignature(SECRET, JSON.stringify({ ...body, status: 'IN_TRANSIT' })),
    );
    expect(reordered.statusCode).toBe(401);
    const missing = await ctx.inject({ method: 'POST', url: '/api/v1/carrier/events', payload: body });
    expect(missing.statusCode).toBe(401);
    expect(await current(order.id)).toEqual(order);
  });

  it('refuses a signed body that breaks the schema with 400', async () => {
    expect((await send({ trackingNumber: 'X', status: 'LOST', at: '2030-01-01T10:00:00Z' })).statusCode).toBe(
      400,
    );
    expect((await send({ trackingNumber: 'X', status: 'IN_TRANSIT', at: 'now', extra: 1 })).statusCode).toBe(
      400,
    );
  });
});

describe('carrier tracking updates without CARRIER_WEBHOOK_SECRET', () => {
  it('answers 404', async () => {
    const ctx = await createTestContext('sqlite');
    try {
      const raw = JSON.stringify({ trackingNumber: 'X', status: 'IN_TRANSIT', at: '2030-01-01T10:00:00Z' });
      const res = await ctx.inject({
        method: 'POST',
        url: '/api/v1/carrier/events',
        headers: { 'content-type': 'application/json', 'x-carrier-signature': carrierSignature('', raw) },
        payload: raw,
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await ctx.close();
    }
  });
});
