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
import { leaseCursor, releaseCursor } from './messages.repository.ts';
import { returnsFlow } from '../returns/returns.test-support.ts';

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
  /** Holds the event cursor as another instance would, so events wait; returns its release. */
  const holdCursor = async () => {
    const other = 'another-instance';
    const lease = () => leaseCursor(ctx.db, other, now(), new Date(Date.now() + 60_000).toISOString());
    for (let i = 0; (await lease()) === undefined; i++) {
      if (i > 200) expect.fail('the cursor stayed leased');
      await new Promise((r) => setTimeout(r, 25));
    }
    return () => releaseCursor(ctx.db, other);
  };
  /** The mail to `email` with `subject`, once it has come. */
  const mail = async (email: string, subject: string) => {
    await until(() => inbox.to(email).some((m) => m.subject === subject), `the mail "${subject}"`);
    return inbox.to(email).find((m) => m.subject === subject) ?? expect.fail(subject);
  };
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

  it('tells of changed items with the order as it is now, and of a priced custom request as its quote', async () => {
    const customer = await ctx.newUser();
    const mug = await ctx.newProduct({ name: 'Enamel mug', priceCents: 1250, currency: 'EUR' });
    const order = await ctx.placeOrder(customer, [{ productId: mug.id, quantity: 1 }]);
    const edit = (orderId: string, payload: object) =>
      ctx.inject({ method: 'PUT', url: `/api/v1/orders/${orderId}/items`, headers: staff.headers, payload });
    const edited = await edit(order.id, {
      items: [{ productId: mug.id, quantity: 3 }],
      note: 'As you asked on the phone.',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const changed = await mail(customer.email, `Order ${order.orderNumber}: your items changed`);
    expect(changed.text).toContain('Items changed: 1 × Enamel mug → 3 × Enamel mug. Total €12.50 → €37.50');
    expect(changed.text).toContain('As you asked on the phone.');
    expect(changed.text).toContain('3 × Enamel mug  €37.50\nTotal  €37.50');
    expect(changed.text).toContain(`View your order: https://shop.example.test/orders/${order.id}`);
    expect(changed.html).toContain('3 × Enamel mug');

    const asked = await post(customer, '/orders', { title: 'A walnut bookshelf', description: 'Oiled' });
    expect(asked.statusCode).toBe(201);
    const request = asked.json<Order>();
    const priced = await edit(request.id, {
      items: [
        { name: 'Walnut bookshelf', unitPriceCents: 45000, quantity: 1 },
        { name: 'Delivery and fitting', unitPriceCents: 6000, quantity: 1 },
      ],
      note: 'Ready three weeks after payment.',
    });
    expect(priced.statusCode, priced.body).toBe(200);
    const quote = await mail(customer.email, `Order ${request.orderNumber}: your quote is ready`);
    expect(quote.text).toContain(
      'Quote ready: 1 × Walnut bookshelf at $450.00; 1 × Delivery and fitting at $60.00. Total $510.00',
    );
    expect(quote.text).toContain('Ready three weeks after payment.');
    expect(quote.text).toContain(
      '1 × Walnut bookshelf  $450.00\n1 × Delivery and fitting  $60.00\nTotal  $510.00',
    );
    expect(quote.text).toContain(`Track your order: https://shop.example.test/track/${request.orderNumber}`);
    expect(quote.html).toContain('Your quote is ready');
    expect(inbox.to(customer.email).map((m) => m.subject)).toEqual([
      `Order ${order.orderNumber} received`,
      `Order ${order.orderNumber}: your items changed`,
      `Order ${request.orderNumber} received`,
      `Order ${request.orderNumber}: your quote is ready`,
    ]);
  });

  it('tells of a return approved, received and refunded, and of one not accepted, with the amounts and notes', async () => {
    const [customer, admin] = await Promise.all([ctx.newUser(), ctx.newUser('ADMIN')]);
    const lamp = await ctx.newProduct({ name: 'Camp lamp', priceCents: 1500, currency: 'EUR' });
    const flow = returnsFlow(ctx);
    const order = await flow.deliveredOrder(customer, staff, [{ productId: lamp.id, quantity: 2 }], {
      paid: true,
    });
    const n = order.orderNumber;
    await mail(customer.email, `Order ${n} was delivered`);
    const before = inbox.to(customer.email).length;

    const first = await flow.requested(customer, order.id, [{ productId: lamp.id, quantity: 1 }]);
    expect(
      (await flow.step(staff, first.id, 'approve', { note: 'Use the label in the box' })).statusCode,
    ).toBe(200);
    const approved = await mail(customer.email, `Order ${n}: return 1 approved`);
    expect(approved.text).toContain('Please send the items back.');
    expect(approved.text).toContain('Return 1: approved — Use the label in the box');
    expect(approved.text).toContain(`View your order: https://shop.example.test/orders/${order.id}`);

    const received = await flow.step(staff, first.id, 'receive', {
      restock: [{ productId: lamp.id, quantity: 1 }],
    });
    expect(received.statusCode).toBe(200);
    expect((await mail(customer.email, `Order ${n}: return received`)).text).toContain(
      `The items you sent back from order ${n} have arrived.`,
    );

    const refunded = await flow.refund(admin, order.id, {
      amountCents: 1500,
      reason: 'Returned unused',
      returnId: first.id,
    });
    expect(refunded.statusCode, refunded.body).toBe(201);
    const refund = await mail(customer.email, `Order ${n}: €15.00 refunded`);
    expect(refund.text).toContain(`We refunded €15.00 for order ${n} (Returned unused).`);
    expect(refund.html).toContain('€15.00');

    const second = await flow.requested(customer, order.id, [{ productId: lamp.id, quantity: 1 }]);
    expect((await flow.step(staff, second.id, 'reject', { note: 'Worn' })).statusCode).toBe(200);
    const rejected = await mail(customer.email, `Order ${n}: return not accepted`);
    expect(rejected.text).toContain(`Your return request for order ${n} was not accepted.`);
    expect(rejected.text).toContain('Return 2: rejected — Worn');

    // Nothing else: requests and the return settled by the refund are on the order page, not mailed.
    await new Promise((r) => setTimeout(r, 200));
    expect(
      inbox
        .to(customer.email)
        .slice(before)
        .map((m) => m.subject),
    ).toEqual([
      `Order ${n}: return 1 approved`,
      `Order ${n}: return received`,
      `Order ${n}: €15.00 refunded`,
      `Order ${n}: return not accepted`,
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

  it('reads a page of events’ customers and orders at once, so its messages keep up with a busy shop', async () => {
    // Stand in for another instance composing, so that the orders below wait as one page.
    const release = await holdCursor();
    const product = await ctx.newProduct({ stock: 100 });
    const customers = await Promise.all([1, 2, 3, 4, 5].map(() => ctx.newUser()));
    const orders: Order[] = [];
    for (const customer of customers)
      orders.push(await ctx.placeOrder(customer, [{ productId: product.id, quantity: 1 }]));
    const reads = { users: 0, orders: 0 };
    const stop = ctx.traceStatements((text) => {
      if (/\bfrom "users"/.test(text)) reads.users++;
      if (/^select \* from "orders" where/.test(text)) reads.orders++;
    });
    try {
      await release();
      for (const [i, customer] of customers.entries())
        await mail(customer.email, `Order ${orders[i]?.orderNumber} received`);
    } finally {
      stop();
    }
    expect(reads).toEqual({ users: 1, orders: 1 });
  });

  it('commits a page of messages with the cursor’s move and a message with its attempt; on SQLite no write commits alone', async () => {
    const release = await holdCursor();
    const customer = await ctx.newUser();
    let order: Order;
    try {
      order = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    } finally {
      await release();
    }
    // From here the dispatcher composes the order's mail and sends it. The changes that span rows
    // must sit inside a transaction; on SQLite every write must, as a write on its own there would
    // be a commit (and an fsync on the event loop's thread) of its own.
    const sent: string[] = [];
    const stop = ctx.traceStatements((text) => sent.push(text.trim().toLowerCase()));
    try {
      await mail(customer.email, `Order ${order.orderNumber} received`);
      await until(() => sent.some((t) => t.startsWith('insert into "message_attempts"')), 'the attempt');
      await until(
        () => sent.filter((t) => t.startsWith('update "message_cursor"')).length >= 3,
        'the release',
      );
    } finally {
      stop();
    }
    let depth = 0;
    const alone: string[] = [];
    for (const text of sent) {
      if (/^(begin|savepoint)\b/.test(text)) depth++;
      // (A commit at the start ends a transaction begun before the trace.)
      else if (/^(commit|release|rollback)\b/.test(text) && !text.startsWith('rollback to'))
        depth = Math.max(0, depth - 1);
      else if (/^(insert|update|delete)\b/.test(text) && depth === 0) alone.push(text.slice(0, 60));
    }
    expect(sent.filter((t) => /^(insert|update)\b/.test(t)).length).toBeGreaterThanOrEqual(5);
    const spanningRows =
      /^(insert into "messages"|update "message_cursor" set "last_event_id"|update "messages" set "status"|insert into "message_attempts")/;
    expect(alone.filter((text) => dialect === 'sqlite' || spanningRows.test(text))).toEqual([]);
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
