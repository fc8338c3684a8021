/**
 * Messages to customers (SPEC §13) against a real SMTP server and a real HTTP SMS gateway, both
 * started here: the triggers, preferences and unsubscribe, the masked list staff read, a mail
 * server outage, and two instances on one PostgreSQL database sending each message once.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Order, Preferences } from '@igniflo/contract';
import { buildApp } from '../../app.ts';
import { now } from '../../platform/db/database.ts';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { startSmtpInbox } from '../../../test/smtp-inbox.ts';
import { newPhone } from '../../../test/sms-outbox.ts';
import { userDirectory } from '../users/user-directory.ts';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** An SMS gateway on loopback: what SMS_WEBHOOK_URL posts `{ to, text }` to. */
async function startSmsGateway() {
  const texts: { to: string; text: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      texts.push(JSON.parse(body) as { to: string; text: string });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
    texts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Retries within milliseconds, still spread out enough (about 25 s in all) to outlast the outage below. */
const FAST = { tickMs: 50, leaseMs: 10_000, retryDelaysMs: [100, 200, 400, 800, 1600, 3200, 6400, 12800] };

describe.each(dialects)('messages to customers on %s', (dialect) => {
  let ctx: TestContext;
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  let gateway: Awaited<ReturnType<typeof startSmsGateway>>;
  let staff: TestUser;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    gateway = await startSmsGateway();
    ctx = await createTestContext(
      dialect,
      {
        SMTP_URL: inbox.url,
        MAIL_FROM: 'Camp Shop <shop@example.test>',
        PUBLIC_URL: 'https://shop.example.test',
        SMS_WEBHOOK_URL: gateway.url,
      },
      { messages: FAST },
    );
    staff = await ctx.newUser('STAFF');
  });
  afterAll(async () => {
    await ctx.close();
    await inbox.close();
    await gateway.close();
  });

  const post = (user: TestUser, url: string, payload: object) =>
    ctx.inject({ method: 'POST', url: `/api/v1${url}`, headers: user.headers, payload });
  const messagesOf = async (orderId: string) => {
    const res = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${orderId}/messages`,
      headers: staff.headers,
    });
    expect(res.statusCode).toBe(200);
    return res.json<{ items: Message[] }>().items;
  };

  it('mails the customer at every step of an order, with links, the items and a one-click unsubscribe', async () => {
    const customer = await ctx.newUser('CUSTOMER', { name: 'Ada' });
    const mug = await ctx.newProduct({ name: 'Enamel mug', priceCents: 1250, stock: 10, currency: 'EUR' });
    const order = await ctx.placeOrder(customer, [{ productId: mug.id, quantity: 2 }]);
    await until(() => inbox.to(customer.email).length === 1, 'the order placed mail');
    const [placed] = inbox.to(customer.email);
    expect(placed?.subject).toBe(`Order ${order.orderNumber} received`);
    expect(placed?.text).toContain('2 × Enamel mug  €25.00');
    expect(placed?.text).toContain(`https://shop.example.test/orders/${order.id}`);
    expect(placed?.text).toContain(`https://shop.example.test/track/${order.orderNumber}`);
    expect(placed?.html).toContain('View your order');
    expect(placed?.html).not.toMatch(/<script|<link|<style/i);
    expect(placed?.headers.get('list-unsubscribe')).toMatch(
      /^<https:\/\/shop\.example\.test\/api\/v1\/messages\/unsubscribe\?token=[\w-]+\.[\w-]+>$/,
    );
    expect(placed?.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    await ctx.moveOrder(staff, order.id, 'CONFIRMED', 'IN_PROGRESS');
    const shipped = await post(staff, `/orders/${order.id}/shipments`, {
      items: [{ productId: mug.id, quantity: 2 }],
      carrier: 'UPS',
      trackingNumber: '1ZMAIL0001',
      trackingUrl: 'https://ups.example/track/1ZMAIL0001',
    });
    expect(shipped.statusCode).toBe(201);
    const shipmentId = shipped.json<{ id: string }>().id;
    for (const status of ['OUT_FOR_DELIVERY', 'EXCEPTION', 'IN_TRANSIT', 'DELIVERED']) {
      const res = await post(staff, `/orders/${order.id}/shipments/${shipmentId}/events`, { status });
      expect(res.statusCode).toBe(200);
    }
    await until(() => inbox.to(customer.email).length === 6, 'six mails');
    const subjects = inbox.to(customer.email).map((m) => m.subject);
    expect(subjects).toEqual([
      `Order ${order.orderNumber} received`,
      `Order ${order.orderNumber} is confirmed`,
      `Order ${order.orderNumber} has shipped`,
      `Order ${order.orderNumber} is out for delivery`,
      `Order ${order.orderNumber}: a delivery problem`,
      `Order ${order.orderNumber} was delivered`,
    ]);
    const shipMail = inbox.to(customer.email)[2];
    expect(shipMail?.text).toContain('Tracking number  1ZMAIL0001');
    expect(shipMail?.text).toContain('https://ups.example/track/1ZMAIL0001');

    // Staff read them on the order, recipients masked, each sent once.
    let listed = await messagesOf(order.id);
    for (let i = 0; i < 100 && listed.some((m) => m.status !== 'SENT'); i += 1) {
      await new Promise((r) => setTimeout(r, 25));
      listed = await messagesOf(order.id);
    }
    expect(listed).toHaveLength(6);
    expect(listed.every((m) => m.status === 'SENT' && m.attempts === 1 && m.channel === 'email')).toBe(true);
    expect(listed[0]?.recipient).toBe(`${customer.email[0]}•••@example.test`);
    expect(JSON.stringify(listed)).not.toContain(customer.email);
    // Nobody else reads them: the customer is refused, like every staff route.
    const own = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${order.id}/messages`,
      headers: customer.headers,
    });
    expect(own.statusCode).toBe(403);
  });

  it('tells of a cancellation, and sends nothing for internal notes or moves customers are not told of', async () => {
    const customer = await ctx.newUser();
    const order = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    await post(staff, `/orders/${order.id}/notes`, { body: 'check the address', visibility: 'internal' });
    await ctx.moveOrder(staff, order.id, 'ON_HOLD', 'CANCELLED');
    await until(() => inbox.to(customer.email).length === 2, 'placed and cancelled');
    expect(inbox.to(customer.email).map((m) => m.subject)).toEqual([
      `Order ${order.orderNumber} received`,
      `Order ${order.orderNumber} was cancelled`,
    ]);
  });

  it('keeps preferences: texts only to a verified phone, and an unsubscribe link that turns email off', async () => {
    const customer = await ctx.newUser();
    const prefs = async () =>
      (
        await ctx.inject({ method: 'GET', url: '/api/v1/users/me/preferences', headers: customer.headers })
      ).json<Preferences>();
    expect(await prefs()).toEqual({
      email: { orderUpdates: true },
      sms: { orderUpdates: false, available: false },
    });
    const patch = (payload: object) =>
      ctx.inject({
        method: 'PATCH',
        url: '/api/v1/users/me/preferences',
        headers: customer.headers,
        payload,
      });
    expect((await patch({ sms: { orderUpdates: true } })).statusCode).toBe(409);
    expect((await patch({})).statusCode).toBe(400);
    expect((await patch({ email: { orderUpdates: true }, push: true })).statusCode).toBe(400);

    const phone = newPhone();
    await userDirectory.update(ctx.db, customer.id, { phone, phone_verified_at: now() });
    expect((await patch({ sms: { orderUpdates: true } })).json<Preferences>().sms).toEqual({
      orderUpdates: true,
      available: true,
    });
    const product = await ctx.newProduct();
    const first = await ctx.placeOrder(customer, [{ productId: product.id, quantity: 1 }]);
    await until(() => gateway.texts.some((t) => t.to === phone), 'the text');
    expect(gateway.texts.find((t) => t.to === phone)?.text).toBe(
      `Order ${first.orderNumber} received. Follow it: https://shop.example.test/track/${first.orderNumber}`,
    );
    await until(() => inbox.to(customer.email).length === 1, 'the mail');

    // The link in the mail, posted as a mail client does (RFC 8058).
    const link =
      /<([^>]+)>/.exec(inbox.to(customer.email)[0]?.headers.get('list-unsubscribe') ?? '')?.[1] ?? '';
    const path = new URL(link).pathname + new URL(link).search;
    const forged = await ctx.inject({
      method: 'POST',
      url: path.replace(/\.[\w-]+$/, '.AAAA'),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(forged.statusCode).toBe(400);
    const unsubscribed = await ctx.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.statusCode).toBe(200);
    expect((await prefs()).email.orderUpdates).toBe(false);

    const second = await ctx.placeOrder(customer, [{ productId: product.id, quantity: 1 }]);
    await until(() => gateway.texts.filter((t) => t.to === phone).length === 2, 'the second text');
    const staffView = await messagesOf(second.id);
    expect(staffView.map((m) => m.channel)).toEqual(['sms']);
    expect(staffView[0]?.recipient).toMatch(/^\+•+\d{4}$/);
    expect(inbox.to(customer.email)).toHaveLength(1);
  });

  it('takes orders at full speed while the mail server is down, and sends every message once it is back', async () => {
    await inbox.stop();
    const customer = await ctx.newUser();
    const product = await ctx.newProduct({ stock: 100 });
    const orders: Order[] = [];
    for (let i = 0; i < 20; i += 1)
      orders.push(await ctx.placeOrder(customer, [{ productId: product.id, quantity: 1 }]));
    // Each has been tried and failed, and is queued for another attempt.
    const firstTry = async () => (await messagesOf(orders[0]?.id ?? '')).at(0);
    const deadline = Date.now() + 10_000;
    let tried = await firstTry();
    while ((tried?.attempts ?? 0) < 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      tried = await firstTry();
    }
    expect(tried?.status).toBe('QUEUED');
    expect(tried?.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(inbox.to(customer.email)).toHaveLength(0);

    await inbox.start();
    await until(() => inbox.to(customer.email).length === 20, 'twenty mails after the outage', 20_000);
    const numbers = inbox.to(customer.email).map((m) => /Order (\w+)/.exec(m.subject)?.[1]);
    expect(new Set(numbers)).toEqual(new Set(orders.map((o) => o.orderNumber)));
  });
});

describe.skipIf(!dialects.includes('postgres'))(
  'messages from two instances on one PostgreSQL database',
  () => {
    it('sends each message exactly once', async () => {
      const inbox = await startSmtpInbox();
      const ctx = await createTestContext('postgres', { SMTP_URL: inbox.url }, { messages: FAST });
      const second = await buildApp(ctx.config, { messages: FAST });
      try {
        const customer = await ctx.newUser();
        const product = await ctx.newProduct({ stock: 100 });
        const placed = await Promise.all(
          Array.from({ length: 15 }, (_, i) =>
            (i % 2 === 0 ? ctx.app.server : second.server).inject({
              method: 'POST',
              url: '/api/v1/orders',
              headers: customer.headers,
              payload: { items: [{ productId: product.id, quantity: 1 }] },
            }),
          ),
        );
        expect(placed.every((res) => res.statusCode === 201)).toBe(true);
        await until(() => inbox.to(customer.email).length >= 15, 'fifteen mails', 20_000);
        // Both instances kept running for a while: a double send would show up now.
        await new Promise((r) => setTimeout(r, 500));
        const subjects = inbox.to(customer.email).map((m) => m.subject);
        expect(subjects).toHaveLength(15);
        expect(new Set(subjects).size).toBe(15);
      } finally {
        await second.server.close();
        await ctx.close();
        await inbox.close();
      }
    });
  },
);
