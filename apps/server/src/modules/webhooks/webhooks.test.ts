import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, ErrorResponse, Webhook, WebhookWithSecret } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { WebhookSender } from './webhook-sender.ts';
import {
  closedPort,
  startReceiver,
  until,
  verifySignature,
  waitForDeliveries,
} from './webhooks.test-support.ts';

const FAST = { webhooks: { tickMs: 50, retryBaseMs: 50, retryMaxMs: 200, timeoutMs: 1_000 } };

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
    return res.json<WebhookWithSecret>();
  };
  const removeHook = (id: string) =>
    ctx.inject({ method: 'DELETE', url: `/api/v1/admin/webhooks/${id}`, headers: admin.headers });
  const rotate = (id: string, user: TestUser | null = admin) =>
    ctx.inject({
      method: 'POST',
      url: `/api/v1/admin/webhooks/${id}/rotate-secret`,
      headers: user ? user.headers : {},
    });
  const newOrder = async () =>
    ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
  const eventIdsOf = async (orderId: string) =>
    (
      await ctx.db
        .selectFrom('order_events')
        .select('id')
        .where('order_id', '=', orderId)
        .orderBy('id')
        .execute()
    ).map((e) => e.id);

  it('delivers every event in order, signed with a timestamp, to a receiver that fails twice first', async () => {
    const receiver = await startReceiver({ failFirst: 2 });
    const hook = await createHook(receiver.url);
    try {
      expect(hook.secret).toMatch(/^whsec_/);
      const order = await newOrder();
      await ctx.moveOrder(staff, order.id, 'CONFIRMED', 'IN_PROGRESS', 'SHIPPED');
      const expected = await eventIdsOf(order.id);
      await until(() => receiver.received.length >= expected.length, 'all events');
      expect(receiver.received.map((r) => r.payload.id)).toEqual(expected);
      expect(receiver.received.map((r) => r.payload.toStatus ?? r.payload.type)).toEqual([
        'PENDING',
        'CONFIRMED',
        'IN_PROGRESS',
        'shipment_created',
        'SHIPPED',
      ]);
      for (const r of receiver.received) {
        expect(r.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
        expect(verifySignature(r.signature, hook.secret, r.body)).toBe(true);
        // The timestamp is signed: moving it, or the body, breaks the signature.
        const [t = '', v1 = ''] = r.signature.split(',');
        const older = `t=${Number(t.slice(2)) - 600},${v1}`;
        expect(verifySignature(older, hook.secret, r.body, 3600)).toBe(false);
        expect(verifySignature(r.signature, hook.secret, `${r.body} `)).toBe(false);
        expect(r.payload.orderNumber).toBe(order.orderNumber);
      }
      // The receiver answers before the dispatcher records the attempt: wait for the last record.
      const attempts = await waitForDeliveries(ctx, admin, hook.id, expected.length + 2);
      expect(attempts.map((a) => [a.eventId, a.attempt, a.succeeded, a.error])).toEqual([
        [expected[0], 1, false, 'http'],
        [expected[0], 2, false, 'http'],
        [expected[0], 3, true, null],
        ...expected.slice(1).map((id) => [id, 1, true, null]),
      ]);
      expect(attempts[0]!.responseStatus).toBe(500);
    } finally {
      await removeHook(hook.id);
      await receiver.close();
    }
  });

  it('delivers, after a restart, the events a receiver missed while it was down', async () => {
    const port = await closedPort();
    const hook = await createHook(`http://127.0.0.1:${port}/hook`, { eventTypes: ['status_changed'] });
    const order = await newOrder();
    await ctx.moveOrder(staff, order.id, 'CONFIRMED', 'ON_HOLD');
    await new Promise((r) => setTimeout(r, 300));
    await ctx.restart();
    const receiver = await startReceiver({ port });
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
      await removeHook(hook.id);
    }
  });

  it('records an attempt and what follows from it in one transaction: if the follow-up fails, neither is kept', async () => {
    const receiver = await startReceiver({ failFirst: 0 });
    const hook = await createHook(receiver.url, { active: false });
    const sender = new WebhookSender(ctx.db, ctx.app.server.log, {
      timeoutMs: 1_000,
      allowPrivateTargets: true,
    });
    try {
      const row = await ctx.db
        .selectFrom('webhooks')
        .selectAll()
        .where('id', '=', hook.id)
        .executeTakeFirstOrThrow();
      const ping = { kind: 'ping' as const, body: '{}', event: null, attempt: 1 };
      const attempts = () =>
        ctx.db.selectFrom('webhook_deliveries').select('id').where('webhook_id', '=', hook.id).execute();
      const failures = async () =>
        (
          await ctx.db
            .selectFrom('webhooks')
            .select('failed_attempts')
            .where('id', '=', hook.id)
            .executeTakeFirstOrThrow()
        ).failed_attempts;
      await expect(
        sender.send(row, ping, async (tx) => {
          await tx.updateTable('webhooks').set({ failed_attempts: 7 }).where('id', '=', hook.id).execute();
          throw new Error('follow-up failed');
        }),
      ).rejects.toThrow('follow-up failed');
      expect(receiver.received).toHaveLength(1);
      expect(await attempts()).toHaveLength(0);
      expect(await failures()).toBe(0);
      const delivery = await sender.send(row, ping, async (tx, recorded) => {
        await tx
          .updateTable('webhooks')
          .set({ failed_attempts: recorded.attempt })
          .where('id', '=', hook.id)
          .execute();
      });
      expect(delivery.succeeded).toBe(1);
      expect(await attempts()).toHaveLength(1);
      expect(await failures()).toBe(1);
    } finally {
      await sender.close();
      await receiver.close();
      await removeHook(hook.id);
    }
  });

  it('records a refused connection as `refused`, without the raw network error', async () => {
    const hook = await createHook(`http://127.0.0.1:${await closedPort()}/hook`);
    try {
      await newOrder();
      const attempts = await waitForDeliveries(ctx, admin, hook.id, 2);
      for (const attempt of attempts) {
        expect(attempt).toMatchObject({ succeeded: false, responseStatus: null, error: 'refused' });
      }
    } finally {
      await removeHook(hook.id);
    }
  });

  it('records a receiver that does not answer in time as `timeout`', async () => {
    const receiver = await startReceiver({ hang: true });
    const hook = await createHook(receiver.url);
    try {
      await newOrder();
      const [attempt] = await waitForDeliveries(ctx, admin, hook.id, 1);
      expect(attempt).toMatchObject({ succeeded: false, responseStatus: null, error: 'timeout' });
      expect(attempt!.durationMs).toBeGreaterThanOrEqual(900);
      expect(receiver.attempts()).toBeGreaterThan(0);
    } finally {
      await removeHook(hook.id);
      await receiver.close();
    }
  });

  it('records a TLS handshake that fails as `tls`', async () => {
    // An https:// URL to a plain HTTP server: the handshake fails before anything is sent.
    const receiver = await startReceiver();
    const hook = await createHook(`https://127.0.0.1:${receiver.port}/hook`);
    try {
      await newOrder();
      const [attempt] = await waitForDeliveries(ctx, admin, hook.id, 1);
      expect(attempt).toMatchObject({ succeeded: false, responseStatus: null, error: 'tls' });
      expect(receiver.received).toEqual([]);
    } finally {
      await removeHook(hook.id);
      await receiver.close();
    }
  });

  it('never shows the secret again after creation: not in the list, a get, an update or the audit log', async () => {
    const hook = await createHook('https://hooks.example.com/igniflo');
    try {
      const get = await ctx.inject({
        method: 'GET',
        url: `/api/v1/admin/webhooks/${hook.id}`,
        headers: admin.headers,
      });
      const list = await ctx.inject({ method: 'GET', url: '/api/v1/admin/webhooks', headers: admin.headers });
      const patched = await ctx.inject({
        method: 'PATCH',
        url: `/api/v1/admin/webhooks/${hook.id}`,
        headers: admin.headers,
        payload: { active: false, description: 'paused' },
      });
      const audit = await ctx.inject({
        method: 'GET',
        url: `/api/v1/admin/audit?entityType=webhook&entityId=${hook.id}`,
        headers: admin.headers,
      });
      expect(get.json<Webhook>().id).toBe(hook.id);
      expect(list.json<{ items: Webhook[] }>().items.map((w) => w.id)).toContain(hook.id);
      expect(patched.json<Webhook>()).toMatchObject({ active: false, description: 'paused' });
      expect(audit.json<{ items: AuditEntry[] }>().items).toHaveLength(2);
      for (const res of [get, list, patched, audit]) {
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain('"secret"');
        expect(res.body).not.toContain(hook.secret);
      }
    } finally {
      await removeHook(hook.id);
    }
  });

  it('rotates the secret: the new one is shown once and signs the very next delivery, the old one no longer does', async () => {
    // The receiver holds its first answer, so that the rotation lands while a delivery run is busy.
    let release = () => {};
    const receiver = await startReceiver({ hold: new Promise<void>((r) => (release = r)) });
    const hook = await createHook(receiver.url);
    try {
      await newOrder();
      await until(() => receiver.attempts() >= 1, 'a delivery in flight');

      const rotated = await rotate(hook.id);
      expect(rotated.statusCode).toBe(200);
      const { secret } = rotated.json<WebhookWithSecret>();
      expect(secret).toMatch(/^whsec_/);
      expect(secret).not.toBe(hook.secret);
      expect(rotated.json<WebhookWithSecret>()).toMatchObject({ id: hook.id, url: receiver.url });
      const get = await ctx.inject({
        method: 'GET',
        url: `/api/v1/admin/webhooks/${hook.id}`,
        headers: admin.headers,
      });
      expect(get.body).not.toContain(secret);

      await newOrder();
      release();
      await until(() => receiver.received.length >= 2, 'the delivery after rotation');
      const [before, ...after] = receiver.received;
      // Signed before the rotation: the old secret.
      expect(verifySignature(before!.signature, hook.secret, before!.body)).toBe(true);
      for (const r of after) {
        expect(verifySignature(r.signature, secret, r.body)).toBe(true);
        expect(verifySignature(r.signature, hook.secret, r.body)).toBe(false);
      }

      const audit = await ctx.inject({
        method: 'GET',
        url: `/api/v1/admin/audit?entityType=webhook&entityId=${hook.id}&action=webhook.rotate_secret`,
        headers: admin.headers,
      });
      const entries = audit.json<{ items: AuditEntry[] }>().items;
      expect(entries).toHaveLength(1);
      expect(entries[0]!.actorId).toBe(admin.id);
      expect(audit.body).not.toContain(secret);
      expect(audit.body).not.toContain(hook.secret);
    } finally {
      await removeHook(hook.id);
      await receiver.close();
    }
  });

  it('lets only admins manage webhooks or rotate a secret', async () => {
    const hook = await createHook('https://hooks.example.com/only-admins');
    try {
      for (const user of [staff, customer]) {
        const list = await ctx.inject({
          method: 'GET',
          url: '/api/v1/admin/webhooks',
          headers: user.headers,
        });
        expect(list.statusCode).toBe(403);
        const res = await rotate(hook.id, user);
        expect(res.statusCode).toBe(403);
        expect(res.json<ErrorResponse>().error.code).toBe('FORBIDDEN');
        expect(res.body).not.toContain('secret');
      }
      const anonymous = await rotate(hook.id, null);
      expect(anonymous.statusCode).toBe(401);
      // None of the refused attempts changed the secret or wrote to the audit log.
      const audit = await ctx.inject({
        method: 'GET',
        url: `/api/v1/admin/audit?entityType=webhook&entityId=${hook.id}&action=webhook.rotate_secret`,
        headers: admin.headers,
      });
      expect(audit.json<{ items: AuditEntry[] }>().items).toEqual([]);
      const row = await ctx.db
        .selectFrom('webhooks')
        .select('secret')
        .where('id', '=', hook.id)
        .executeTakeFirstOrThrow();
      expect(row.secret).toBe(hook.secret);
      expect((await rotate('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    } finally {
      expect((await removeHook(hook.id)).statusCode).toBe(204);
    }
    const gone = await ctx.inject({
      method: 'GET',
      url: `/api/v1/admin/webhooks/${hook.id}`,
      headers: admin.headers,
    });
    expect(gone.statusCode).toBe(404);
  });
});
