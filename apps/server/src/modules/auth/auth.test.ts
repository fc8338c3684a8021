import { createHmac } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ErrorResponse, Session, User } from '@igniflo/contract';
import { createTestContext, dialects, PASSWORD, type TestContext } from '../../../test/context.ts';
import { hashToken, type IssuedSession } from './auth.service.ts';

const b64 = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe.each(dialects)('authentication on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(() => ctx.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    ctx.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });
  const me = (token: string) =>
    ctx.inject({ method: 'GET', url: '/api/v1/users/me', headers: { authorization: `Bearer ${token}` } });
  const register = async (email: string) => {
    const res = await post('/auth/register', { email, password: PASSWORD, name: 'Reg Ister' });
    expect(res.statusCode).toBe(201);
    return res.json<IssuedSession>();
  };

  it('registers a customer with an argon2id hash and refuses a taken email, whatever its case', async () => {
    const session = await register('New.Person@Example.test');
    expect(session).toMatchObject({
      user: { email: 'new.person@example.test', role: 'CUSTOMER', active: true },
      expiresIn: 900,
    });
    expect(session.accessToken.split('.')).toHaveLength(3);
    const row = await ctx.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', session.user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const again = await post('/auth/register', {
      email: 'NEW.person@example.test',
      password: PASSWORD,
      name: 'Twin',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorResponse>().error.code).toBe('CONFLICT');
  });

  it('logs in, and gives the same 401 for an unknown email and a wrong password', async () => {
    await register('login@example.test');
    expect((await post('/auth/login', { email: 'LOGIN@example.test', password: PASSWORD })).statusCode).toBe(
      200,
    );
    const wrong = await post('/auth/login', { email: 'login@example.test', password: 'not-the-password' });
    const unknown = await post('/auth/login', { email: 'nobody@example.test', password: PASSWORD });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json<ErrorResponse>().error.message).toBe(unknown.json<ErrorResponse>().error.message);
  });

  it('rotates refresh tokens, and one reused after the grace period revokes its whole family', async () => {
    const first = await register('rotate@example.test');
    const second = (await post('/auth/refresh', { refreshToken: first.refreshToken })).json<Session>();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.accessToken)).statusCode).toBe(200);
    const third = (await post('/auth/refresh', { refreshToken: second.refreshToken })).json<Session>();

    // The spent first token comes back a minute later: someone replayed it.
    await ctx.db
      .updateTable('refresh_tokens')
      .set({ used_at: new Date(Date.now() - 60_000).toISOString() })
      .where('token_hash', '=', hashToken(first.refreshToken))
      .execute();
    const reuse = await post('/auth/refresh', { refreshToken: first.refreshToken });
    expect(reuse.statusCode).toBe(401);
    // …so the newest token of that family no longer works either.
    expect((await post('/auth/refresh', { refreshToken: third.refreshToken })).statusCode).toBe(401);
    // Another login (another family) is not affected.
    const other = (
      await post('/auth/login', { email: 'rotate@example.test', password: PASSWORD })
    ).json<Session>();
    expect((await post('/auth/refresh', { refreshToken: other.refreshToken })).statusCode).toBe(200);
  });

  it('answers 20 parallel refreshes of one token with one successor: one session, never twenty', async () => {
    const session = await register('race@example.test');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post('/auth/refresh', { refreshToken: session.refreshToken })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    const successors = new Set(answers.map((a) => a.json<IssuedSession>().refreshToken));
    expect(successors.size).toBe(1);
    const sessions = await ctx.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', session.user.id)
      .execute();
    expect(sessions).toHaveLength(1);
    // The one successor goes on refreshing; logging out with any tab's access token ends it.
    const [successor] = successors;
    const next = (await post('/auth/refresh', { refreshToken: successor! })).json<IssuedSession>();
    const tab = answers[7]!.json<IssuedSession>();
    await post('/auth/logout', {}, { authorization: `Bearer ${tab.accessToken}` });
    expect((await post('/auth/refresh', { refreshToken: next.refreshToken })).statusCode).toBe(401);
    expect((await me(next.accessToken)).statusCode).toBe(401);
  });

  it('logs out by revoking the session', async () => {
    const session = await register('logout@example.test');
    const out = await post('/auth/logout', {}, { authorization: `Bearer ${session.accessToken}` });
    expect(out.statusCode).toBe(200);
    expect((await post('/auth/refresh', { refreshToken: session.refreshToken })).statusCode).toBe(401);
  });

  it('refuses a token that expired after it was accepted, though verified tokens are remembered', async () => {
    const session = await register('remembered@example.test');
    expect((await me(session.accessToken)).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 16 * 60 * 1000 });
    try {
      const res = await me(session.accessToken);
      expect(res.statusCode).toBe(401);
      expect(res.json<ErrorResponse>().error.code).toBe('UNAUTHENTICATED');
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses expired, tampered, foreign-key and alg:none access tokens', async () => {
    const session = await register('tokens@example.test');
    const claims = { sub: session.user.id, role: 'ADMIN', sid: 'x' };
    const expired = createSigner({ key: ctx.config.jwtSecret, expiresIn: -10_000 })({
      ...claims,
      role: 'CUSTOMER',
    });
    const [header, payload, signature] = session.accessToken.split('.');
    const tampered = `${header}.${b64({ ...(JSON.parse(Buffer.from(payload!, 'base64url').toString()) as object), role: 'ADMIN' })}.${signature}`;
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 })}`;
    const foreign = `${body}.${createHmac('sha256', 'another-secret-of-sufficient-length-000').update(body).digest('base64url')}`;
    // Signed with the right key, but not an access token: no session.
    const sessionless = createSigner({ key: ctx.config.jwtSecret })({
      sub: session.user.id,
      role: 'CUSTOMER',
    });
    for (const token of [expired, tampered, unsigned, foreign, sessionless, 'not-a-jwt']) {
      const res = await me(token);
      expect(res.statusCode, token).toBe(401);
      expect(res.json<ErrorResponse>().error.code).toBe('UNAUTHENTICATED');
    }
    expect((await me(session.accessToken)).statusCode).toBe(200);
  });

  it('reads and edits the profile, refusing an email that belongs to someone else', async () => {
    const a = await register('profile-a@example.test');
    await register('profile-b@example.test');
    const auth = { authorization: `Bearer ${a.accessToken}` };
    const patched = await ctx.inject({
      method: 'PATCH',
      url: '/api/v1/users/me',
      headers: auth,
      payload: { name: 'Ada' },
    });
    expect(patched.json<User>()).toMatchObject({ name: 'Ada', email: 'profile-a@example.test' });
    const taken = await ctx.inject({
      method: 'PATCH',
      url: '/api/v1/users/me',
      headers: auth,
      payload: { email: 'profile-b@example.test', currentPassword: PASSWORD },
    });
    expect(taken.statusCode).toBe(409);
    const empty = await ctx.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: auth, payload: {} });
    expect(empty.statusCode).toBe(400);
  });

  it('changes the password: the current session stays, every other session ends', async () => {
    const here = await register('password@example.test');
    const elsewhere = (
      await post('/auth/login', { email: 'password@example.test', password: PASSWORD })
    ).json<Session>();
    const auth = { authorization: `Bearer ${here.accessToken}` };
    const wrong = await post(
      '/users/me/password',
      { currentPassword: 'wrong-password', newPassword: 'a-new-password-1' },
      auth,
    );
    expect(wrong.statusCode).toBe(401);
    const ok = await post(
      '/users/me/password',
      { currentPassword: PASSWORD, newPassword: 'a-new-password-1' },
      auth,
    );
    expect(ok.statusCode).toBe(200);
    expect((await post('/auth/refresh', { refreshToken: elsewhere.refreshToken })).statusCode).toBe(401);
    expect((await post('/auth/refresh', { refreshToken: here.refreshToken })).statusCode).toBe(200);
    expect(
      (await post('/auth/login', { email: 'password@example.test', password: PASSWORD })).statusCode,
    ).toBe(401);
    expect(
      (await post('/auth/login', { email: 'password@example.test', password: 'a-new-password-1' }))
        .statusCode,
    ).toBe(200);
  });
});

describe('authentication rate limits', () => {
  const loginAttempt = (ctx: TestContext, email: string, headers: Record<string, string> = {}) =>
    ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'wrong-password' },
      headers,
    });

  it('counts case, Unicode and width variants of one email as one account', async () => {
    const ctx = await createTestContext('sqlite', { AUTH_RATE_LIMIT_MAX: '3' });
    try {
      // Each of these finds the same account, so each is a guess at the same password.
      const variants = [
        'victim@example.test',
        'VICTIM@Example.Test',
        'ｖｉｃｔｉｍ@example.test',
        'Victim@EXAMPLE.test',
      ];
      const statuses = [];
      for (const email of variants) statuses.push((await loginAttempt(ctx, email)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await ctx.close();
    }
  });

  it('limits one client across accounts (password spraying) at five times the per-account limit', async () => {
    const ctx = await createTestContext('sqlite', { AUTH_RATE_LIMIT_MAX: '3' });
    try {
      const statuses = [];
      for (let i = 0; i < 16; i++)
        statuses.push((await loginAttempt(ctx, `user${i}@example.test`)).statusCode);
      expect(statuses.slice(0, 15)).toEqual(Array(15).fill(401));
      expect(statuses[15]).toBe(429);
      expect((await loginAttempt(ctx, 'user99@example.test', {})).statusCode).toBe(429);
    } finally {
      await ctx.close();
    }
  });

  it.each([['1'], ['127.0.0.1'], ['loopback']])(
    'takes the right-most untrusted X-Forwarded-For hop with TRUST_PROXY=%s, so a client cannot pick its address',
    async (trustProxy) => {
      const ctx = await createTestContext('sqlite', { AUTH_RATE_LIMIT_MAX: '3', TRUST_PROXY: trustProxy });
      try {
        // The proxy (127.0.0.1, the socket) appends the real client 203.0.113.7; the rest is the client's.
        const statuses = [];
        for (let i = 0; i < 4; i++) {
          const res = await loginAttempt(ctx, 'victim@example.test', {
            'x-forwarded-for': `198.51.100.${i}, 203.0.113.7`,
          });
          statuses.push(res.statusCode);
        }
        expect(statuses).toEqual([401, 401, 401, 429]);
        // Another real client behind the same proxy is its own client.
        const other = await loginAttempt(ctx, 'victim@example.test', { 'x-forwarded-for': '203.0.113.8' });
        expect(other.statusCode).toBe(401);
      } finally {
        await ctx.close();
      }
    },
  );

  it('answers the fourth login attempt for one account from one client with 429', async () => {
    const ctx = await createTestContext('sqlite', { AUTH_RATE_LIMIT_MAX: '3' });
    try {
      const attempt = (email: string, remoteAddress = '127.0.0.1') =>
        ctx.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password: 'wrong-password' },
          remoteAddress,
        });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await attempt('victim@example.test')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const limited = await attempt('victim@example.test');
      expect(limited.json<ErrorResponse>().error.code).toBe('RATE_LIMITED');
      expect(limited.headers['retry-after']).toBeDefined();
      // Another account from the same client, and the same account from another client, still get through.
      expect((await attempt('someone-else@example.test')).statusCode).toBe(401);
      expect((await attempt('victim@example.test', '10.1.1.1')).statusCode).toBe(401);
    } finally {
      await ctx.close();
    }
  });
});
