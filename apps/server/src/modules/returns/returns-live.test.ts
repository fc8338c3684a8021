/** Returns and refunds reach live streams and webhooks through the order log, like every order change. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectEventStream,
  type EventStream,
  type LiveOrderEvent,
  type StreamMessage,
  type WebhookWithSecret,
} from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { startReceiver, until } from '../webhooks/webhooks.test-support.ts';
import { returnsFlow } from './returns.test-support.ts';

const RETURN_TYPES = ['return_requested', 'return_updated', 'refund_recorded'];

describe.each(dialects)('returns on live streams and webhooks on %s', (dialect) => {
  let ctx: TestContext;
  let base: string;
  const streams: EventStream[] = [];

  beforeAll(async () => {
    ctx = await createTestContext(
      dialect,
      { WEBHOOK_ALLOW_PRIVATE: 'true' },
      { webhooks: { tickMs: 50, retryBaseMs: 50, retryMaxMs: 200 } },
    );
    base = await ctx.listen();
  });
  afterAll(async () => {
    streams.forEach((s) => s.close());
    await ctx.close();
  });

  const listen = (user: TestUser) => {
    const messages: StreamMessage[] = [];
    streams.push(
      connectEventStream({
        url: `${base}/api/v1/events`,
        headers: () => user.headers,
        lastEventId: null,
        onMessage: (m) => messages.push(m),
        minDelayMs: 50,
        maxDelayMs: 200,
      }),
    );
    return () => messages.map((m) => JSON.parse(m.data) as LiveOrderEvent);
  };

  it("sends each step to the customer's stream with its notification, to staff, and to a webhook, and nothing to another customer", async () => {
    const flow = returnsFlow(ctx);
    const [staff, admin, customer, stranger] = await Promise.all([
      ctx.newUser('STAFF'),
      ctx.newUser('ADMIN'),
      ctx.newUser(),
      ctx.newUser(),
    ]);
    const product = await ctx.newProduct({ priceCents: 900 });
    const order = await flow.deliveredOrder(customer, staff, [{ productId: product.id, quantity: 1 }], {
      paid: true,
    });
    const receiver = await startReceiver();
    const hookRes = await ctx.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      headers: admin.headers,
      payload: { url: receiver.url, eventTypes: RETURN_TYPES },
    });
    expect(hookRes.statusCode).toBe(201);
    expect(hookRes.json<WebhookWithSecret>().eventTypes).toEqual(RETURN_TYPES);
    const subscribers = ctx.app.feed.subscriberCount;
    const [customerSees, staffSees, strangerSees] = [listen(customer), listen(staff), listen(stranger)];
    await until(() => ctx.app.feed.subscriberCount >= subscribers + 3, 'three streams');
    try {
      const created = await flow.requested(customer, order.id, [{ productId: product.id, quantity: 1 }]);
      await flow.step(staff, created.id, 'approve');
      await flow.step(staff, created.id, 'receive', { restock: [{ productId: product.id, quantity: 1 }] });
      expect(
        (await flow.refund(admin, order.id, { amountCents: 900, reason: 'returned', returnId: created.id }))
          .statusCode,
      ).toBe(201);

      const expected = [
        ['return_requested', 'Return 1: requested (1 item)'],
        ['return_updated', 'Return 1: approved'],
        ['return_updated', 'Return 1: received'],
        ['refund_recorded', 'Refunded $9.00 for return 1: returned'],
      ];
      await until(() => customerSees().length >= 4 && staffSees().length >= 4, 'four events each');
      await until(() => receiver.received.length >= 4, 'four webhook deliveries');
      expect(customerSees().map((e) => [e.type, e.note])).toEqual(expected);
      expect(customerSees().map((e) => e.notification?.title)).toEqual([
        `Order ${order.orderNumber}: we have your return request`,
        `Order ${order.orderNumber}: your return is approved, you can send the items back`,
        `Order ${order.orderNumber}: your returned items have arrived`,
        `Order ${order.orderNumber}: refund issued`,
      ]);
      expect(staffSees().map((e) => [e.type, e.note])).toEqual(expected);
      expect(receiver.received.map((r) => [r.payload.type, r.payload.note])).toEqual(expected);
      expect(receiver.received.every((r) => r.payload.orderNumber === order.orderNumber)).toBe(true);
      expect(strangerSees()).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
