import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminUser, AuditEntry, OrderAnalytics, OrderStatus, Session } from '@igniflo/contract';
import {
  createTestContext,
  dialects,
  PASSWORD,
  type TestContext,
  type TestUser,
} from '../../../test/context.ts';
import { newId } from '../../lib/ids.ts';
import { newOrderNumber } from '../orders/order-number.ts';
import { insertOrder } from '../orders/orders.repository.ts';

const NOW = Date.parse('2026-06-15T12:00:00.000Z');
const HOUR = 3600_000;

/** Orders with known times, statuses, totals and currencies; the expected figures are computed from this list. */
const FIXTURE: {
  hoursAgo: number;
  status: OrderStatus;
  total: number;
  currency: 'EUR' | 'USD';
  completedAfterHours?: number;
}[] = [
  { hoursAgo: 1, status: 'PENDING', total: 1000, currency: 'EUR' },
  { hoursAgo: 2, status: 'CANCELLED', total: 5000, currency: 'EUR' },
  { hoursAgo: 3, status: 'CONFIRMED', total: 2500, currency: 'USD' },
  { hoursAgo: 30, status: 'DELIVERED', total: 4000, currency: 'EUR', completedAfterHours: 20 },
  { hoursAgo: 50, status: 'COMPLETED', total: 3000, currency: 'USD', completedAfterHours: 40 },
  { hoursAgo: 80, status: 'SHIPPED', total: 1500, currency: 'EUR' },
  { hoursAgo: 24 * 10, status: 'DELIVERED', total: 7000, currency: 'USD', completedAfterHours: 60 },
  { hoursAgo: 24 * 12, status: 'CANCELLED', total: 9000, currency: 'USD' },
  { hoursAgo: 24 * 20, status: 'ON_HOLD', total: 1200, currency: 'EUR' },
  { hoursAgo: 24 * 45, status: 'DELIVERED', total: 8000, currency: 'EUR', completedAfterHours: 10 },
];

/** What the fixture's orders in one currency, placed in [fromMs, toMs), add up to. */
function expectedMoney(currency: string, fromMs: number, toMs: number) {
  const counted = FIXTURE.filter((o) => {
    const at = NOW - o.hoursAgo * HOUR;
    return o.currency === currency && o.status !== 'CANCELLED' && at >= fromMs && at < toMs;
  });
  const revenueCents = counted.reduce((sum, o) => sum + o.total, 0);
  return { revenueCents, revenueOrders: counted.length };
}

describe.each(dialects)('admin dashboard, analytics and audit on %s', (dialect) => {
  let ctx: TestContext;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.newUser('ADMIN');
    const customer = await ctx.newUser();
    for (const o of FIXTURE) {
      const created = NOW - o.hoursAgo * HOUR;
      const done =
        o.completedAfterHours === undefined
          ? null
          : new Date(created + o.completedAfterHours * HOUR).toISOString();
      await insertOrder(
        ctx.db,
        {
          id: newId(),
          order_number: newOrderNumber(),
          customer_id: customer.id,
          total_cents: o.total,
          currency: o.currency,
          status: o.status,
          created_at: new Date(created).toISOString(),
          updated_at: new Date(created).toISOString(),
          status_updated_at: new Date(created).toISOString(),
          completed_at: done,
          title: 'fixture',
          payment_received: 0,
          version: 1,
        },
        [],
      );
    }
  });
  afterAll(() => ctx.close());

  it('computes the dashboard from the orders as they are', async () => {
    const dashboard = await ctx.app.services.admin.dashboard(NOW);
    const byStatus: Record<string, number> = {};
    for (const o of FIXTURE) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
    expect(dashboard.ordersByStatus).toEqual(byStatus);
    const startOfToday = Date.parse('2026-06-15T00:00:00.000Z');
    const revenueSince = (currency: string, ms: number) => expectedMoney(currency, ms, NOW + 1).revenueCents;
    expect(dashboard.ordersToday).toBe(3);
    // Per currency, each on its own, the larger first: EUR 7700 against USD 12500 over 30 days.
    expect(dashboard.revenue).toEqual(
      ['USD', 'EUR'].map((currency) => ({
        currency,
        todayCents: revenueSince(currency, startOfToday),
        last7DaysCents: revenueSince(currency, startOfToday - 6 * 24 * HOUR),
        last30DaysCents: revenueSince(currency, startOfToday - 29 * 24 * HOUR),
      })),
    );
    expect(dashboard.revenue.map((r) => r.last30DaysCents)).toEqual([12500, 7700]);
    // Completed within the last 30 days: 20, 40 and 60 hours.
    expect(dashboard.averageHoursToComplete).toBe(40);
    // The direct count agrees.
    const direct = await ctx.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Object.values(dashboard.ordersByStatus).reduce((a, b) => a + b, 0)).toBe(Number(direct.n));
  });

  it('buckets orders and revenue by day and by hour, equal to a direct count', async () => {
    const from = new Date(NOW - 14 * 24 * HOUR).toISOString();
    const to = new Date(NOW).toISOString();
    const res = await ctx.inject({
      method: 'GET',
      url: `/api/v1/admin/analytics/orders?from=${from}&to=${to}&bucket=day`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const analytics = res.json<OrderAnalytics>();
    // `from` is floored to its UTC day: 1 June 00:00 up to 15 June 12:00 is 15 days.
    expect(analytics.series).toHaveLength(15);
    const inRange = FIXTURE.filter((o) => o.hoursAgo <= 14 * 24 && o.hoursAgo > 0);
    expect(analytics.totals.orders).toBe(inRange.length);
    // Revenue per currency, never added together; cancelled orders count as orders but not as revenue.
    const fromMs = Date.parse(analytics.from);
    expect(analytics.currencies).toEqual(['USD', 'EUR']);
    expect(analytics.totals.byCurrency).toEqual({
      USD: { ...expectedMoney('USD', fromMs, NOW), refundedCents: 0, averageOrderValueCents: 4167 },
      EUR: { ...expectedMoney('EUR', fromMs, NOW), refundedCents: 0, averageOrderValueCents: 2167 },
    });
    expect(analytics.totals.byCurrency.USD).toMatchObject({ revenueCents: 12500, revenueOrders: 3 });
    expect(analytics.totals.byCurrency.EUR).toMatchObject({ revenueCents: 6500, revenueOrders: 3 });
    for (const point of analytics.series) {
      const start = Date.parse(point.start);
      expect(Object.keys(point.byCurrency), point.start).toEqual(['USD', 'EUR']);
      for (const currency of ['USD', 'EUR']) {
        expect(point.byCurrency[currency], point.start).toEqual({
          ...expectedMoney(currency, start, start + 24 * HOUR),
          refundedCents: 0,
        });
      }
    }
    for (const point of analytics.series) {
      const start = Date.parse(point.start);
      const direct = await ctx.db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('created_at', '>=', new Date(start).toISOString())
        .where('created_at', '<', new Date(start + 24 * HOUR).toISOString())
        .executeTakeFirstOrThrow();
      expect(point.orders, point.start).toBe(Number(direct.n));
    }
    const hourly = await ctx.inject({
      method: 'GET',
      url: `/api/v1/admin/analytics/orders?from=${new Date(NOW - 6 * HOUR).toISOString()}&to=${to}&bucket=hour`,
      headers: admin.headers,
    });
    const hours = hourly.json<OrderAnalytics>();
    expect(hours.series).toHaveLength(6);
    expect(hours.series.map((p) => p.orders)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(hours.totals.byStatus).toEqual({ PENDING: 1, CANCELLED: 1, CONFIRMED: 1 });
    const backwards = await ctx.inject({
      method: 'GET',
      url: `/api/v1/admin/analytics/orders?from=${to}&to=${from}`,
      headers: admin.headers,
    });
    expect(backwards.statusCode).toBe(400);
    const tooMany = await ctx.inject({
      method: 'GET',
      url: `/api/v1/admin/analytics/orders?from=2020-01-01T00:00:00Z&to=${to}&bucket=hour`,
      headers: admin.headers,
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('refuses a deactivated user at once: access token, login and refresh', async () => {
    const user = await ctx.newUser();
    const login = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
    });
    const session = login.json<Session>();
    const off = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${user.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    expect(
      (await ctx.inject({ method: 'GET', url: '/api/v1/users/me', headers: user.headers })).statusCode,
    ).toBe(401);
    expect(
      (
        await ctx.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: user.email, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await ctx.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refreshToken: session.refreshToken },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('ends every session of a user whose role changes, and never demotes the last admin', async () => {
    const staff = await ctx.newUser('STAFF');
    expect(
      (await ctx.inject({ method: 'GET', url: '/api/v1/orders', headers: staff.headers })).statusCode,
    ).toBe(200);
    await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${staff.id}`,
      headers: admin.headers,
      payload: { role: 'CUSTOMER' },
    });
    // The demoted staff member's token is dead at once; signing in again gives the customer's rights.
    const stale = await ctx.inject({ method: 'GET', url: '/api/v1/orders', headers: staff.headers });
    expect(stale.statusCode).toBe(401);
    const again = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: staff.email, password: PASSWORD },
    });
    expect(again.json<Session>().user.role).toBe('CUSTOMER');
    const asCustomer = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/orders/${newId()}/status`,
      headers: { authorization: `Bearer ${again.json<Session>().accessToken}` },
      payload: { status: 'CONFIRMED' },
    });
    expect(asCustomer.statusCode).toBe(404);
    const admins = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'ADMIN')
      .where('active', '=', 1)
      .execute();
    expect(admins.map((a) => a.id)).toEqual([admin.id]);
    const demote = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${admin.id}`,
      headers: admin.headers,
      payload: { role: 'STAFF' },
    });
    expect(demote.statusCode).toBe(409);
    const deactivate = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${admin.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(deactivate.statusCode).toBe(409);
  });

  it('lists users with their order count and last login', async () => {
    const res = await ctx.inject({
      method: 'GET',
      url: '/api/v1/admin/users?role=CUSTOMER&limit=100',
      headers: admin.headers,
    });
    const withOrders = res.json<{ items: AdminUser[] }>().items.find((u) => u.orderCount > 0);
    expect(withOrders?.orderCount).toBe(FIXTURE.length);
    const loggedIn = res.json<{ items: AdminUser[] }>().items.find((u) => u.lastLoginAt !== null);
    expect(loggedIn).toBeDefined();
  });

  it('records every admin action in the audit log with its actor, before and after', async () => {
    const other = await ctx.newUser('ADMIN');
    const call = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      ctx.inject({ method, url: `/api/v1${url}`, headers: other.headers, ...(payload ? { payload } : {}) });
    const product = (
      await call('POST', '/products', { sku: 'AUDIT-1', name: 'Audited', priceCents: 100, stock: 2 })
    ).json<{ id: string }>();
    await call('PATCH', `/products/${product.id}`, { priceCents: 150 });
    await call('POST', `/products/${product.id}/stock`, { delta: 3, reason: 'delivery' });
    await call('DELETE', `/products/${product.id}`);
    const target = await ctx.newUser();
    await call('PATCH', `/admin/users/${target.id}`, { role: 'STAFF' });
    const hook = (await call('POST', '/admin/webhooks', { url: 'https://hooks.example.com/x' })).json<{
      id: string;
      secret: string;
    }>();
    await call('PATCH', `/admin/webhooks/${hook.id}`, { active: false });
    await call('DELETE', `/admin/webhooks/${hook.id}`);

    const res = await ctx.inject({
      method: 'GET',
      url: `/api/v1/admin/audit?actorId=${other.id}&limit=100`,
      headers: admin.headers,
    });
    const entries = res.json<{ items: AuditEntry[] }>().items.reverse();
    expect(entries.map((e) => e.action)).toEqual([
      'product.create',
      'product.update',
      'stock.adjust',
      'product.archive',
      'user.update',
      'webhook.create',
      'webhook.update',
      'webhook.delete',
    ]);
    expect(entries.every((e) => e.actorId === other.id)).toBe(true);
    expect(entries[1]).toMatchObject({ before: { priceCents: 100 }, after: { priceCents: 150 } });
    expect(entries[2]).toMatchObject({ before: { stock: 2 }, after: { stock: 5, delta: 3 } });
    expect(entries[4]).toMatchObject({
      entityId: target.id,
      before: { role: 'CUSTOMER' },
      after: { role: 'STAFF' },
    });
    expect(JSON.stringify(entries)).not.toContain(hook.secret);

    const byEntity = await ctx.inject({
      method: 'GET',
      url: `/api/v1/admin/audit?entityType=product&entityId=${product.id}&limit=2`,
      headers: admin.headers,
    });
    const page = byEntity.json<{ items: AuditEntry[]; nextCursor: string | null }>();
    expect(page.items.map((e) => e.action)).toEqual(['product.archive', 'stock.adjust']);
    const next = await ctx.inject({
      method: 'GET',
      url: `/api/v1/admin/audit?entityType=product&entityId=${product.id}&limit=2&cursor=${page.nextCursor}`,
      headers: admin.headers,
    });
    expect(next.json<{ items: AuditEntry[] }>().items.map((e) => e.action)).toEqual([
      'product.update',
      'product.create',
    ]);
    for (const user of [await ctx.newUser('STAFF'), await ctx.newUser()]) {
      expect(
        (await ctx.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: user.headers })).statusCode,
      ).toBe(403);
      expect(
        (await ctx.inject({ method: 'GET', url: '/api/v1/admin/dashboard', headers: user.headers }))
          .statusCode,
      ).toBe(403);
    }
  });

  it('names the actor of every audit entry by name and email, and the system as nobody', async () => {
    const ada = await ctx.newUser('ADMIN', { name: 'Ada Lovelace', email: 'ada@audit.example' });
    const byAda = await ctx.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: ada.headers,
      payload: { sku: 'AUDIT-ADA', name: 'Named', priceCents: 100 },
    });
    expect(byAda.statusCode).toBe(201);
    const bySystem = await ctx.newProduct();
    const entryFor = async (entityId: string) => {
      const res = await ctx.inject({
        method: 'GET',
        url: `/api/v1/admin/audit?entityType=product&entityId=${entityId}`,
        headers: admin.headers,
      });
      expect(res.statusCode).toBe(200);
      return res.json<{ items: AuditEntry[] }>().items[0];
    };
    expect(await entryFor(byAda.json<{ id: string }>().id)).toMatchObject({
      action: 'product.create',
      actorId: ada.id,
      actorName: 'Ada Lovelace',
      actorEmail: 'ada@audit.example',
    });
    expect(await entryFor(bySystem.id)).toMatchObject({ actorId: null, actorName: null, actorEmail: null });
  });
});
