/**
 * A webhook that keeps failing is turned off and every admin is told (SPEC §13), with the failure
 * window shortened to 400 ms and retries every 50 ms; re-enabling resumes from the cursor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, NotificationPage, Webhook, WebhookWithSecret } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { deliveriesOf, startReceiver, until } from './webhooks.test-support.ts';

const WINDOW_MS = 400;
const FAST = {
  webhooks: { tickMs: 25, retryBaseMs: 50, retryMaxMs: 50, timeoutMs: 1_000, disableAfterMs: WINDOW_MS },
};

describe.each(dialects)('webhooks that keep failing on %s', (dialect) => {
  let ctx: TestContext;
  let admins: TestUser[];
  let staff: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { WEBHOOK_ALLOW_PRIVATE: 'true' }, FAST);
    admins = [await ctx.newUser('ADMIN'), await ctx.newUser('ADMIN')];
    [staff, customer] = await Promise.all([ctx.newUser('STAFF'), ctx.newUser()]);
  });
  afterAll(() => ctx.close());

  const admin = () => admins[0]!;
  const createHook = async (url: string) => {
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      headers: admin().headers,
      payload: { url },
    });
    expect(res.statusCode).toBe(201);
    return res.json<WebhookWithSecret>();
  };
  const getHook = async (id: string) =>
    (
      await ctx.inject({ method: 'GET', url: `/api/v1/admin/webhooks/${id}`, headers: admin().headers })
    ).json<Webhook>();
  const notificationsOf = async (user: TestUser) =>
    (
      await ctx.inject({ method: 'GET', url: '/api/v1/notifications?limit=100', headers: user.headers })
    ).json<NotificationPage>();
  const newOrder = async () =>
    ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);

  it('turns off a webhook whose deliveries failed for the whole window, tells every admin, and sends nothing more', async () => {
    const receiver = await startReceiver({ failFirst: Infinity });
    const hook = await createHook(receiver.url);
    try {
      const started = Date.now();
      const order = await newOrder();
      await until(async () => !(await getHook(hook.id)).active, 'the webhook to be disabled');
      expect(Date.now() - started).toBeGreaterThanOrEqual(WINDOW_MS);

      const disabled = await getHook(hook.id);
      expect(disabled.disabledAt).not.toBeNull();
      expect(disabled.failingSince).not.toBeNull();
      expect(Date.parse(disabled.disabledAt!) - Date.parse(disabled.failingSince!)).toBeGreaterThanOrEqual(
        WINDOW_MS,
      );
      expect(disabled.disabledReason).toContain('0.4 s');
      // The first failure starts the window and a later one finds it over; a loaded machine fits no more.
      expect(disabled.failedAttempts).toBeGreaterThanOrEqual(2);

      const title = `Webhook ${receiver.url} was disabled after 0.4 s of failures`;
      for (const user of admins) {
        const page = await notificationsOf(user);
        const told = page.items.filter((n) => n.webhookId === hook.id);
        expect(told).toHaveLength(1);
        expect(told[0]).toMatchObject({ title, orderId: null, eventId: null, read: false });
        expect(page.unreadCount).toBeGreaterThanOrEqual(1);
      }
      for (const user of [staff, customer]) {
        expect((await notificationsOf(user)).items.some((n) => n.webhookId !== null)).toBe(false);
      }
      const audit = await ctx.inject({
        method: 'GET',
        url: `/api/v1/admin/audit?entityType=webhook&entityId=${hook.id}&action=webhook.disable`,
        headers: admin().headers,
      });
      const [entry] = audit.json<{ items: AuditEntry[] }>().items;
      expect(entry).toMatchObject({ actorId: null, after: { active: false } });

      // Nothing more goes out: neither the owed event nor a new one.
      const attempts = (await deliveriesOf(ctx, admin(), hook.id)).length;
      const reached = receiver.attempts();
      await ctx.moveOrder(staff, order.id, 'CONFIRMED');
      await new Promise((r) => setTimeout(r, 300));
      expect((await deliveriesOf(ctx, admin(), hook.id)).length).toBe(attempts);
      expect(receiver.attempts()).toBe(reached);
      expect(await getHook(hook.id)).toMatchObject({ active: false, lastEventId: disabled.lastEventId });

      // Re-enabled once the receiver works: the failure state is gone and the owed events follow, in order.
      receiver.fix();
      const res = await ctx.inject({
        method: 'PATCH',
        url: `/api/v1/admin/webhooks/${hook.id}`,
        headers: admin().headers,
        payload: { active: true },
      });
      expect(res.json<Webhook>()).toMatchObject({
        active: true,
        failedAttempts: 0,
        failingSince: null,
        disabledAt: null,
        disabledReason: null,
      });
      await until(() => receiver.received.length >= 2, 'the owed events after re-enabling');
      expect(receiver.received.map((r) => r.payload.toStatus)).toEqual(['PENDING', 'CONFIRMED']);
      expect(receiver.received.map((r) => r.payload.orderNumber)).toEqual([
        order.orderNumber,
        order.orderNumber,
      ]);
      await until(async () => (await getHook(hook.id)).failingSince === null, 'a clean state');
      expect(await getHook(hook.id)).toMatchObject({ active: true, failedAttempts: 0 });
    } finally {
      await receiver.close();
    }
  });

  it('keeps a webhook that fails for less than the window and then succeeds', async () => {
    const receiver = await startReceiver({ failFirst: 2 });
    const hook = await createHook(receiver.url);
    try {
      await newOrder();
      await until(() => receiver.received.length >= 1, 'the delivery after two failures');
      await until(async () => (await getHook(hook.id)).failingSince === null, 'the failure state to clear');
      await new Promise((r) => setTimeout(r, WINDOW_MS));
      await newOrder();
      await until(() => receiver.received.length >= 2, 'the next delivery');
      expect(await getHook(hook.id)).toMatchObject({ active: true, disabledAt: null, failedAttempts: 0 });
      const told = (await notificationsOf(admin())).items.filter((n) => n.webhookId === hook.id);
      expect(told).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});
