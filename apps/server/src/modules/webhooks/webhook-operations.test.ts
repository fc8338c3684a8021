/**
 * Pings, redeliveries, the deliveries list and the retention sweep, over HTTP against a real local
 * receiver. Retries are slow here (a minute), so nothing the dispatcher does on its own gets mixed
 * up with what an admin sent by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, Webhook, WebhookDelivery, WebhookWithSecret } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { recordDelivery } from './webhooks.repository.ts';
import {
  closedPort,
  deliveriesOf,
  deliveryRow,
  noNames,
  startReceiver,
  until,
  verifySignature,
  waitForDeliveries,
} from './webhooks.test-support.ts';

/** Names resolve to nothing (hooks.example.com is never called); loopback receivers are reached by address. */
const SLOW_RETRIES = {
  webhooks: { tickMs: 50, retryBaseMs: 60_000, retryMaxMs: 60_000, timeoutMs: 1_000, resolve: noNames },
};
const DAY = 24 * 60 * 60 * 1000;
const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(dialects)('webhook operations on %s', (dialect) => {
  let ctx: TestContext;
  let admin: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { WEBHOOK_ALLOW_PRIVATE: 'true' }, SLOW_RETRIES);
    [admin, customer] = await Promise.all([ctx.newUser('ADMIN'), ctx.newUser()]);
  });
  afterAll(() => ctx.close());

  const createHook = async (url: string) => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      headers: admin.headers,
      payload: { url },
    });
    expect(res.statusCode).toBe(201);
    return res.json<WebhookWithSecret>();
  };
  const getHook = async (id: string) =>
    (
      await ctx.inject({ method: 'GET', url: `/api/v1/admin/webhooks/${id}`, headers: admin.headers })
    ).json<Webhook>();
  const ping = (id: string) =>
    ctx.inject({ method: 'POST', url: `/api/v1/admin/webhooks/${id}/ping`, headers: admin.headers });
  const redeliver = (id: string, deliveryId: number | string) =>
    ctx.inject({
      method: 'POST',
      url: `/api/v1/admin/webhooks/${id}/deliveries/${deliveryId}/redeliver`,
      headers: admin.headers,
    });
  const newOrder = async () =>
    ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);

  it('pings a receiver now, signed, outside the cursor, and answers with the recorded attempt', async () => {
    const receiver = await startReceiver();
    const hook = await createHook(receiver.url);
    try {
      const before = await getHook(hook.id);
      const res = await ping(hook.id);
      expect(res.statusCode).toBe(200);
      const attempt = res.json<WebhookDelivery>();
      expect(attempt).toMatchObject({
        kind: 'ping',
        eventId: null,
        eventType: null,
        attempt: 1,
        succeeded: true,
        responseStatus: 204,
        error: null,
      });
      expect(attempt.durationMs).toBeGreaterThanOrEqual(0);

      expect(receiver.received).toHaveLength(1);
      const [got] = receiver.received;
      const body = JSON.parse(got!.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['at', 'type', 'webhookId']);
      expect(body).toMatchObject({ type: 'ping', webhookId: hook.id });
      expect(verifySignature(got!.signature, hook.secret, got!.body)).toBe(true);
      expect(got!.headers['x-igniflo-delivery-id']).toBe(attempt.deliveryUid);
      expect(got!.headers['x-igniflo-webhook-id']).toBe(hook.id);
      expect(got!.headers['x-igniflo-event-id']).toBeUndefined();

      expect(await deliveriesOf(ctx, admin, hook.id)).toEqual([attempt]);
      const after = await getHook(hook.id);
      expect(after).toMatchObject({ lastEventId: before.lastEventId, failedAttempts: 0, failingSince: null });
    } finally {
      await receiver.close();
    }
  });

  it('answers a ping to a dead or failing receiver with 200 and what went wrong, and leaves the failure state alone', async () => {
    const dead = await createHook(`http://127.0.0.1:${await closedPort()}/hook`);
    const refused = await ping(dead.id);
    expect(refused.statusCode).toBe(200);
    expect(refused.json<WebhookDelivery>()).toMatchObject({
      kind: 'ping',
      succeeded: false,
      responseStatus: null,
      error: 'refused',
    });

    const failing = await startReceiver({ failFirst: Infinity });
    const hook = await createHook(failing.url);
    try {
      const res = await ping(hook.id);
      expect(res.statusCode).toBe(200);
      expect(res.json<WebhookDelivery>()).toMatchObject({
        succeeded: false,
        responseStatus: 500,
        error: 'http',
      });
      expect(await getHook(hook.id)).toMatchObject({ active: true, failedAttempts: 0, failingSince: null });
    } finally {
      await failing.close();
    }
  });

  it('redelivers a failed event once the receiver is fixed: same event id, new delivery id, valid signature, cursor unmoved', async () => {
    const receiver = await startReceiver({ failFirst: Infinity });
    const hook = await createHook(receiver.url);
    try {
      const order = await newOrder();
      const [failed] = await waitForDeliveries(ctx, admin, hook.id, 1);
      expect(failed).toMatchObject({ kind: 'event', attempt: 1, succeeded: false, responseStatus: 500 });
      expect(failed!.eventType).toBe('created');
      // The attempt and the webhook's failure count commit together: once one is seen, so is the other.
      const stuck = await getHook(hook.id);
      expect(stuck.failedAttempts).toBe(1);
      expect(stuck.failingSince).not.toBeNull();

      receiver.fix();
      const res = await redeliver(hook.id, failed!.id);
      expect(res.statusCode).toBe(200);
      const again = res.json<WebhookDelivery>();
      expect(again).toMatchObject({
        kind: 'redelivery',
        redeliveryOf: failed!.id,
        eventId: failed!.eventId,
        eventType: 'created',
        attempt: 2,
        succeeded: true,
        responseStatus: 204,
      });
      expect(again.deliveryUid).not.toBe(failed!.deliveryUid);

      const [got] = receiver.received;
      expect(receiver.received).toHaveLength(1);
      expect(got!.payload).toMatchObject({
        id: failed!.eventId,
        type: 'created',
        orderNumber: order.orderNumber,
      });
      expect(got!.headers['x-igniflo-event-id']).toBe(String(failed!.eventId));
      expect(got!.headers['x-igniflo-delivery-id']).toBe(again.deliveryUid);
      expect(verifySignature(got!.signature, hook.secret, got!.body)).toBe(true);

      // The cursor still owes the event: the dispatcher delivers it again at its own retry.
      expect(await getHook(hook.id)).toMatchObject({
        lastEventId: stuck.lastEventId,
        failedAttempts: 1,
        failingSince: stuck.failingSince,
      });
      const list = await deliveriesOf(ctx, admin, hook.id);
      expect(list.map((d) => [d.kind, d.attempt, d.succeeded])).toEqual([
        ['event', 1, false],
        ['redelivery', 2, true],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('sends once more, on a new connection, when the kept-alive one was closed under the request', async () => {
    const receiver = await startReceiver({ dropReused: true });
    const hook = await createHook(receiver.url);
    try {
      expect((await ping(hook.id)).json<WebhookDelivery>()).toMatchObject({ succeeded: true });
      // The second ping goes out on the first one's connection, which the receiver drops unanswered.
      expect((await ping(hook.id)).json<WebhookDelivery>()).toMatchObject({ succeeded: true, error: null });
      expect(receiver.received).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });

  it('redelivers a ping as a new ping, and answers a failed redelivery with 200 too', async () => {
    const receiver = await startReceiver();
    const hook = await createHook(receiver.url);
    const first = (await ping(hook.id)).json<WebhookDelivery>();
    await receiver.close();
    const res = await redeliver(hook.id, first.id);
    expect(res.statusCode).toBe(200);
    expect(res.json<WebhookDelivery>()).toMatchObject({
      kind: 'redelivery',
      redeliveryOf: first.id,
      eventId: null,
      succeeded: false,
      error: 'refused',
    });
  });

  it('answers 404 for a missing webhook or delivery, and for a delivery of another webhook; 400 for a malformed id', async () => {
    const one = await createHook('https://hooks.example.com/one');
    const other = await createHook('https://hooks.example.com/other');
    const theirs = await recordDelivery(ctx.db, deliveryRow(other.id));
    for (const res of [
      await ping(MISSING),
      await redeliver(MISSING, theirs.id),
      await redeliver(one.id, theirs.id),
      await redeliver(one.id, theirs.id + 1_000_000),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json<ErrorResponse>().error.code).toBe('NOT_FOUND');
    }
    for (const bad of ['abc', '0', '-1', '1.5']) {
      const res = await redeliver(one.id, bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json<ErrorResponse>().error.code).toBe('VALIDATION_ERROR');
    }
    expect((await ping('not-a-uuid')).statusCode).toBe(400);
    expect(await deliveriesOf(ctx, admin, one.id)).toEqual([]);
  });

  it('limits pings to 10 a minute per webhook, with retry-after; another webhook is not held back', async () => {
    const port = await closedPort();
    const busy = await createHook(`http://127.0.0.1:${port}/busy`);
    const calm = await createHook(`http://127.0.0.1:${port}/calm`);
    for (let i = 0; i < 10; i++) expect((await ping(busy.id)).statusCode).toBe(200);
    const refused = await ping(busy.id);
    expect(refused.statusCode).toBe(429);
    expect(refused.json<ErrorResponse>().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await ping(calm.id)).statusCode).toBe(200);
    expect(await deliveriesOf(ctx, admin, busy.id)).toHaveLength(10);
  });

  it('lists attempts newest first, page by page, each saying what it was', async () => {
    const receiver = await startReceiver();
    const hook = await createHook(receiver.url);
    try {
      await newOrder();
      await waitForDeliveries(ctx, admin, hook.id, 1);
      const pinged = (await ping(hook.id)).json<WebhookDelivery>();
      const [delivered] = await deliveriesOf(ctx, admin, hook.id);
      const redelivered = (await redeliver(hook.id, delivered!.id)).json<WebhookDelivery>();

      const first = await ctx.inject({
        method: 'GET',
        url: `/api/v1/admin/webhooks/${hook.id}/deliveries?limit=2`,
        headers: admin.headers,
      });
      const page = first.json<{ items: WebhookDelivery[]; nextCursor: string | null }>();
      expect(page.items).toEqual([redelivered, pinged]);
      expect(page.nextCursor).not.toBeNull();
      const second = await ctx.inject({
        method: 'GET',
        url: `/api/v1/admin/webhooks/${hook.id}/deliveries?limit=2&cursor=${page.nextCursor}`,
        headers: admin.headers,
      });
      const rest = second.json<{ items: WebhookDelivery[]; nextCursor: string | null }>();
      expect(rest.items).toEqual([delivered]);
      expect(rest.nextCursor).toBeNull();
      expect(delivered).toMatchObject({
        kind: 'event',
        eventType: 'created',
        attempt: 1,
        succeeded: true,
        responseStatus: 204,
        redeliveryOf: null,
      });
      expect(typeof delivered!.deliveryUid).toBe('string');
    } finally {
      await receiver.close();
    }
  });

  it('sweeps away attempts older than 14 days and keeps the rest', async () => {
    const hook = await createHook('https://hooks.example.com/kept');
    const attemptAt = async (ageMs: number) =>
      recordDelivery(
        ctx.db,
        deliveryRow(hook.id, {
          kind: 'event',
          event_id: 1,
          event_type: 'created',
          succeeded: 0,
          response_status: 503,
          error: 'http',
          at: new Date(Date.now() - ageMs).toISOString(),
        }),
      );
    const old = [await attemptAt(30 * DAY), await attemptAt(14 * DAY + 60_000)];
    const kept = [await attemptAt(14 * DAY - 60 * 60_000), await attemptAt(0)];

    expect(await ctx.app.dispatcher.sweep()).toBe(old.length);
    const ids = (await deliveriesOf(ctx, admin, hook.id)).map((d) => d.id);
    expect(ids).toEqual(kept.map((d) => d.id));
    expect(await ctx.app.dispatcher.sweep()).toBe(0);
  });

  it('moves the cursor only when the dispatcher itself delivers the event a redelivery sent', async () => {
    const receiver = await startReceiver({ failFirst: Infinity });
    const hook = await createHook(receiver.url);
    try {
      await newOrder();
      const [failed] = await waitForDeliveries(ctx, admin, hook.id, 1);
      receiver.fix();
      await redeliver(hook.id, failed!.id);
      // A pause and resume retries at once: the dispatcher now delivers the same event at its cursor.
      for (const active of [false, true]) {
        await ctx.inject({
          method: 'PATCH',
          url: `/api/v1/admin/webhooks/${hook.id}`,
          headers: admin.headers,
          payload: { active },
        });
      }
      await until(() => receiver.received.length >= 2, 'the delivery at the cursor');
      expect(receiver.received.map((r) => r.payload.id)).toEqual([failed!.eventId, failed!.eventId]);
      await until(async () => (await getHook(hook.id)).lastEventId === failed!.eventId, 'the cursor to move');
      expect(await getHook(hook.id)).toMatchObject({ failedAttempts: 0, failingSince: null });
    } finally {
      await receiver.close();
    }
  });
});
