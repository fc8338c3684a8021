/**
 * Sessions end when they should, everywhere at once (SPEC §10): an access token dies on its next
 * request after logout, reuse, a credential change, demotion or deactivation — on another
 * instance within a second — and the live streams of that session close.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, Session } from '@igniflo/contract';
import { buildApp, type App } from '../src/app.ts';
import { MAX_STREAMS_PER_USER } from '../src/modules/live/open-stream.ts';
import { createTestContext, dialects, PASSWORD, type TestContext, type TestUser } from './context.ts';
import { openStream } from './live-stream.ts';

type IssuedSession = Session & { refreshToken: string };

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(dialects)('session revocation on %s', (dialect) => {
  let ctx: TestContext;
  let base: string;
  let admin: TestUser;
  let second: App;
  let secondBase: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    base = await ctx.listen();
    admin = await ctx.newUser('ADMIN');
    // Another instance on the same database, as behind a load balancer.
    second = await buildApp(ctx.config);
    secondBase = await second.server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await second.server.close();
    await ctx.close();
  });

  const status = async (token: string, at = base) =>
    (await fetch(`${at}/api/v1/users/me`, { headers: { authorization: `Bearer ${token}` } })).status;
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    ctx.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });
  const login = async (email: string) =>
    (await post('/auth/login', { email, password: PASSWORD })).json<IssuedSession>();
  const adminUpdate = (id: string, payload: object) =>
    ctx.inject({ method: 'PATCH', url: `/api/v1/admin/users/${id}`, headers: admin.headers, payload });

  it('kills the access token on its very next request after logout', async () => {
    const user = await ctx.newUser();
    expect(await status(user.token)).toBe(200);
    expect((await post('/auth/logout', {}, user.headers)).statusCode).toBe(200);
    expect(await status(user.token)).toBe(401);
  });

  it('kills every token of a session whose spent refresh token comes back after the grace', async () => {
    const user = await ctx.newUser();
    const next = (await post('/auth/refresh', { refreshToken: user.refreshToken })).json<IssuedSession>();
    expect(await status(next.accessToken)).toBe(200);
    await ctx.db
      .updateTable('refresh_tokens')
      .set({ used_at: new Date(Date.now() - 60_000).toISOString() })
      .where('used_at', 'is not', null)
      .execute();
    expect((await post('/auth/refresh', { refreshToken: user.refreshToken })).statusCode).toBe(401);
    expect(await status(next.accessToken)).toBe(401);
    expect(await status(user.token)).toBe(401);
  });

  it('kills the other sessions on a password change, and every session on demotion or deactivation', async () => {
    const customer = await ctx.newUser();
    const elsewhere = await login(customer.email);
    const changed = await post(
      '/users/me/password',
      { currentPassword: PASSWORD, newPassword: 'another-password-1' },
      customer.headers,
    );
    expect(changed.statusCode).toBe(200);
    expect(await status(elsewhere.accessToken)).toBe(401);
    expect(await status(customer.token)).toBe(200);

    const staff = await ctx.newUser('STAFF');
    expect((await adminUpdate(staff.id, { role: 'CUSTOMER' })).statusCode).toBe(200);
    expect(await status(staff.token)).toBe(401);
    const leaver = await ctx.newUser('STAFF');
    expect((await adminUpdate(leaver.id, { active: false })).statusCode).toBe(200);
    expect(await status(leaver.token)).toBe(401);
  });

  it("ends a demoted staff member's open stream before another order's notes reach it", async () => {
    const staff = await ctx.newUser('STAFF');
    const stream = await openStream(base, staff.token);
    expect(stream.status).toBe(200);
    await until(() => ctx.app.feed.streamsOf(staff.id) === 1, 'the stream');
    expect((await adminUpdate(staff.id, { role: 'CUSTOMER' })).statusCode).toBe(200);
    await until(() => stream.ended, 'the stream to end', 2000);
    const customer = await ctx.newUser();
    const order = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    const note = await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/notes`,
      headers: admin.headers,
      payload: { body: 'internal: customer flagged', visibility: 'internal' },
    });
    expect(note.statusCode).toBe(201);
    expect(stream.received).not.toContain('customer flagged');
    expect((await openStream(base, staff.token)).status).toBe(401);
  });

  it('refuses a session revoked on one instance on the other within a second, and ends its streams there', async () => {
    const user = await ctx.newUser('STAFF');
    expect(await status(user.token, secondBase)).toBe(200); // now remembered by the second instance
    const stream = await openStream(secondBase, user.token);
    expect(stream.status).toBe(200);
    const revokedAt = Date.now();
    expect((await post('/auth/logout', {}, user.headers)).statusCode).toBe(200);
    await until(
      async () => (await status(user.token, secondBase)) === 401,
      'the second instance to refuse',
      3000,
    );
    expect(Date.now() - revokedAt).toBeLessThan(1500);
    await until(() => stream.ended, 'the stream on the second instance to end', 3000);
    expect(Date.now() - revokedAt).toBeLessThan(2500);
  });

  it(`opens at most ${MAX_STREAMS_PER_USER} live streams per user, across sessions, and answers the next with 429`, async () => {
    const user = await ctx.newUser('STAFF');
    const another = await login(user.email);
    const streams = await Promise.all(
      Array.from({ length: MAX_STREAMS_PER_USER }, (_, i) =>
        openStream(base, i % 2 ? user.token : another.accessToken),
      ),
    );
    expect(streams.map((s) => s.status)).toEqual(Array(MAX_STREAMS_PER_USER).fill(200));
    const refused = await fetch(`${base}/api/v1/events`, { headers: user.headers });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as ErrorResponse).error.code).toBe('RATE_LIMITED');
    // Someone else is not affected; closing one stream makes room again.
    const other = await openStream(base, (await ctx.newUser('STAFF')).token);
    expect(other.status).toBe(200);
    streams[0]!.close();
    await until(() => ctx.app.feed.streamsOf(user.id) < MAX_STREAMS_PER_USER, 'the stream to close');
    const again = await openStream(base, user.token);
    expect(again.status).toBe(200);
    [...streams, other, again].forEach((s) => s.close());
  });
});

describe('browser sessions in a cookie', () => {
  let ctx: TestContext;
  const site = { host: 'shop.test', origin: 'http://shop.test' };

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
  });
  afterAll(() => ctx.close());

  const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
    res.cookies.find((c) => c.name === 'igniflo_refresh');
  const refresh = (cookie: string, headers: Record<string, string> = site) =>
    ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { ...headers, cookie: `igniflo_refresh=${cookie}` },
      payload: { mode: 'cookie' },
    });

  it('keeps the refresh token out of the body, in an HttpOnly, SameSite=Strict cookie for the auth routes', async () => {
    const user = await ctx.newUser();
    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: site,
      payload: { email: user.email, password: PASSWORD, mode: 'cookie' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Session>().refreshToken).toBeUndefined();
    expect(res.json<Session>().accessToken).toBeTruthy();
    const cookie = cookieOf(res);
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/v1/auth',
      maxAge: 2592000,
    });
    expect(cookie).not.toHaveProperty('secure');

    // Same origin: rotated, the old value is spent.
    const rotated = await refresh(cookie!.value);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json<Session>().refreshToken).toBeUndefined();
    const next = cookieOf(rotated)!;
    expect(next.value).not.toBe(cookie!.value);

    // A page on another site, or a request without an Origin, cannot use it.
    for (const headers of [
      { host: site.host },
      { ...site, origin: 'http://evil.test' },
      { ...site, origin: 'https://shop.test' },
    ]) {
      const refused = await refresh(next.value, headers);
      expect(refused.statusCode).toBe(403);
      expect(refused.json<ErrorResponse>().error.code).toBe('FORBIDDEN');
    }
    const logoutElsewhere = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { host: site.host, origin: 'http://evil.test', cookie: `igniflo_refresh=${next.value}` },
    });
    expect(logoutElsewhere.statusCode).toBe(403);

    // Logout from the site ends the session and clears the cookie.
    const out = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...site, cookie: `igniflo_refresh=${next.value}` },
    });
    expect(out.statusCode).toBe(200);
    expect(cookieOf(out)?.value).toBe('');
    expect((await refresh(next.value)).statusCode).toBe(401);
    expect(
      (
        await ctx.inject({
          method: 'GET',
          url: '/api/v1/users/me',
          headers: { authorization: `Bearer ${rotated.json<Session>().accessToken}` },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('answers a refresh without any token with 401, and API clients keep body refresh tokens', async () => {
    const none = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: site,
      payload: {},
    });
    expect(none.statusCode).toBe(401);
    const user = await ctx.newUser();
    const body = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: user.refreshToken },
    });
    expect(body.statusCode).toBe(200);
    expect(body.json<Session>().refreshToken).toBeTruthy();
    expect(cookieOf(body)).toBeUndefined();
  });

  it('marks the cookie Secure in production', async () => {
    const production = await createTestContext('sqlite', {
      NODE_ENV: 'production',
      SMS_WEBHOOK_URL: 'https://sms.invalid/send',
    });
    try {
      const user = await production.newUser();
      const res = await production.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: site,
        payload: { email: user.email, password: PASSWORD, mode: 'cookie' },
      });
      expect(cookieOf(res)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
    } finally {
      await production.close();
    }
  });
});
