import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Webhook, WebhookDelivery, WebhookPayload } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { isPrivateTarget, type Resolve } from './webhook-target.ts';

interface Received {
  payload: WebhookPayload;
  signature: string;
  body: string;
}

/** A local webhook receiver that refuses its first `failFirst` requests. */
async function startReceiver(failFirst: number, port = 0) {
  const received: Received[] = [];
  let attempts = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      attempts += 1;
      if (attempts <= failFirst) {
        res.writeHead(500).end('not yet');
        return;
      }
      received.push({
        payload: JSON.parse(body) as WebhookPayload,
        signature: String(req.headers['x-igniflo-signature']),
        body,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/hook`,
    port: bound,
    received,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const FAST = { webhooks: { tickMs: 50, retryBaseMs: 50, retryMaxMs: 200 } };

describe.each(dialects)('webhooks on %s', (dialect) => {
  let ctx: TestContext;
  let admin: TestUser;
  let staff: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { WEBHOOK_ALLOW_PRIVATE: 'true' }, FAST);
    [admin, staff, customer] = await Promise.all([ctx.newUser('ADMIN'), ctx.newUser('STAFF'), ctx.newUser()]);
  });
  afterAll(() => ctx.close());

  const createHook = async (url: string, extra: object = {}) => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      headers: admin.headers,
      payload: { url, ...extra },
    });
    expect(res.statusCode).toBe(201);
    return res.json<Webhook>();
  };
  const eventIdsOf = async (orderId: string) =>
    (
      await ctx.db
        .selectFrom('order_events')
        .select('id')
        .where('order_id', '=', orderId)
        .orderBy('id')
        .execute()
    ).map((e) => e.id);

  it('delivers every event in order with a valid signature to a receiver that fails twice first', async () => {
    const receiver = await startReceiver(2);
    try {
      const hook = await createHook(receiver.url);
      expect(hook.secret).toMatch(/^whsec_/);
      const order = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
      await ctx.moveOrder(staff, order.id, 'CONFIRMED', 'IN_PROGRESS', 'SHIPPED');
      const expected = await eventIdsOf(order.id);
      await until(() => receiver.received.length >= expected.length, 'all events');
      expect(receiver.received.map((r) => r.payload.id)).toEqual(expected);
      expect(receiver.received.map((r) => r.payload.toStatus)).toEqual([
        'PENDING',
        'CONFIRMED',
        'IN_PROGRESS',
        'SHIPPED',
      ]);
      for (const r of receiver.received) {
        expect(r.signature).toBe(`sha256=${createHmac('sha256', hook.secret).update(r.body).digest('hex')}`);
        expect(r.payload.orderNumber).toBe(order.orderNumber);
      }
      // The receiver answers before the dispatcher records the attempt: wait for the last record.
      let attempts: WebhookDelivery[] = [];
      await until(async () => {
        const deliveries = await ctx.inject({
          method: 'GET',
          url: `/api/v1/admin/webhooks/${hook.id}/deliveries?limit=100`,
          headers: admin.headers,
        });
        attempts = deliveries.json<{ items: WebhookDelivery[] }>().items.reverse();
        return attempts.length >= expected.length + 2;
      }, 'every attempt recorded');
      expect(attempts.map((a) => [a.eventId, a.attempt, a.succeeded])).toEqual([
        [expected[0], 1, false],
        [expected[0], 2, false],
        [expected[0], 3, true],
        ...expected.slice(1).map((id) => [id, 1, true]),
      ]);
      expect(attempts[0]!.responseStatus).toBe(500);
      await ctx.inject({
        method: 'DELETE',
        url: `/api/v1/admin/webhooks/${hook.id}`,
        headers: admin.headers,
      });
    } finally {
      await receiver.close();
    }
  });

  it('delivers, after a restart, the events a receiver missed while it was down', async () => {
    const probe = await startReceiver(0);
    const port = probe.port;
    await probe.close();
    const hook = await createHook(`http://127.0.0.1:${port}/hook`, { eventTypes: ['status_changed'] });
    const order = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    await ctx.moveOrder(staff, order.id, 'CONFIRMED', 'ON_HOLD');
    await new Promise((r) => setTimeout(r, 300));
    await ctx.restart();
    const receiver = await startReceiver(0, port);
    try {
      await until(() => receiver.received.length >= 2, 'missed events after restart');
      expect(receiver.received.map((r) => r.payload.toStatus)).toEqual(['CONFIRMED', 'ON_HOLD']);
      const failed = await ctx.db
        .selectFrom('webhook_deliveries')
        .select('error')
        .where('webhook_id', '=', hook.id)
        .where('succeeded', '=', 0)
        .execute();
      expect(failed.length).toBeGreaterThan(0);
    } finally {
      await receiver.close();
      await ctx.inject({
        method: 'DELETE',
        url: `/api/v1/admin/webhooks/${hook.id}`,
        headers: admin.headers,
      });
    }
  });

  it('lets only admins manage webhooks, and refuses private targets unless allowed', async () => {
    const hook = await createHook('https://hooks.example.com/igniflo');
    for (const user of [staff, customer]) {
      expect(
        (await ctx.inject({ method: 'GET', url: '/api/v1/admin/webhooks', headers: user.headers }))
          .statusCode,
      ).toBe(403);
    }
    const patched = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/admin/webhooks/${hook.id}`,
      headers: admin.headers,
      payload: { active: false, description: 'paused' },
    });
    expect(patched.json<Webhook>()).toMatchObject({ active: false, description: 'paused' });
    const list = await ctx.inject({ method: 'GET', url: '/api/v1/admin/webhooks', headers: admin.headers });
    expect(list.json<{ items: Webhook[] }>().items.map((w) => w.id)).toContain(hook.id);
    expect(
      (
        await ctx.inject({
          method: 'DELETE',
          url: `/api/v1/admin/webhooks/${hook.id}`,
          headers: admin.headers,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await ctx.inject({ method: 'GET', url: `/api/v1/admin/webhooks/${hook.id}`, headers: admin.headers }))
        .statusCode,
    ).toBe(404);

    const strict = await createTestContext(dialect);
    try {
      const boss = await strict.newUser('ADMIN');
      const res = await strict.inject({
        method: 'POST',
        url: '/api/v1/admin/webhooks',
        headers: boss.headers,
        payload: { url: 'http://127.0.0.1:9/hook' },
      });
      expect(res.statusCode).toBe(400);
    } finally {
      await strict.close();
    }
  });
});

describe.each(dialects)('webhook deliveries on %s, private targets refused', (dialect) => {
  it('refuses to deliver to a name that resolves to a private address when the delivery connects', async () => {
    const receiver = await startReceiver(0);
    // A name of the test's own that resolves to the receiver's loopback address, as a public name
    // could once it was saved (DNS rebinding).
    const resolve = ((_hostname: string, _options: object, callback: (...args: unknown[]) => void) =>
      callback(null, [{ address: '127.0.0.1', family: 4 }])) as unknown as Resolve;
    const strict = await createTestContext(
      dialect,
      {},
      { webhooks: { ...FAST.webhooks, resolve, timeoutMs: 500 } },
    );
    try {
      const boss = await strict.newUser('ADMIN');
      const buyer = await strict.newUser();
      const res = await strict.inject({
        method: 'POST',
        url: '/api/v1/admin/webhooks',
        headers: boss.headers,
        payload: { url: `http://rebound.test:${receiver.port}/hook` },
      });
      expect(res.statusCode).toBe(201);
      const hook = res.json<Webhook>();
      await strict.placeOrder(buyer, [{ productId: (await strict.newProduct()).id, quantity: 1 }]);
      let attempts: WebhookDelivery[] = [];
      await until(async () => {
        const deliveries = await strict.inject({
          method: 'GET',
          url: `/api/v1/admin/webhooks/${hook.id}/deliveries`,
          headers: boss.headers,
        });
        attempts = deliveries.json<{ items: WebhookDelivery[] }>().items;
        return attempts.length >= 2;
      }, 'two refused attempts');
      for (const attempt of attempts) {
        expect(attempt).toMatchObject({ succeeded: false, responseStatus: null });
        expect(attempt.error).toMatch(/rebound\.test resolves to a private address/);
      }
      expect(receiver.attempts()).toBe(0);
    } finally {
      await strict.close();
      await receiver.close();
    }
  });
});

describe('private webhook targets', () => {
  it.each([
    ['http://localhost/x', true],
    ['http://127.0.0.1/x', true],
    ['http://10.1.2.3/x', true],
    ['http://172.20.0.1/x', true],
    ['http://192.168.1.1/x', true],
    ['http://169.254.169.254/latest', true],
    ['http://[::1]/x', true],
    ['http://[fd00::1]/x', true],
    ['https://hooks.example.com/x', false],
    ['https://93.184.216.34/x', false],
  ])('%s is private: %s', (url, expected) => {
    expect(isPrivateTarget(new URL(url))).toBe(expected);
  });
});
