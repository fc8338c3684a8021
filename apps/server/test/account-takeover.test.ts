/**
 * An attacker holding someone's access token for a few minutes, or knowing their phone number,
 * tries to make the account theirs (SPEC §10): every change of email, phone or password needs the
 * current password (or a fresh code to the current phone), a new phone needs its code, and each
 * change signs out every other session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, Session, User } from '@igniflo/contract';
import { now } from '../src/platform/db/database.ts';
import { createTestContext, dialects, PASSWORD, type TestContext, type TestUser } from './context.ts';
import { newPhone, SmsOutbox } from './sms-outbox.ts';

describe.each(dialects)('account takeover attempts on %s', (dialect) => {
  let ctx: TestContext;
  const outbox = new SmsOutbox();

  beforeAll(async () => {
    ctx = await createTestContext(dialect, {}, { smsSender: outbox });
  });
  afterAll(() => ctx.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: object, payload?: object) =>
    ctx.inject({ method, url: `/api/v1${url}`, headers: headers as Record<string, string>, payload });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const me = async (user: TestUser) => (await call('GET', '/users/me', user.headers)).json<User>();
  const login = (email: string, password = PASSWORD) => call('POST', '/auth/login', {}, { email, password });
  /** Asks for a code, as if the 30 s between two codes to one phone had passed. */
  const sendCode = async (phone: string) => {
    await ctx.db
      .updateTable('otp_codes')
      .set({ created_at: '2000-01-01T00:00:00.000Z' })
      .where('phone', '=', phone)
      .execute();
    expect((await call('POST', '/auth/otp/send', {}, { phone })).statusCode).toBe(202);
  };
  const otpSignIn = async (phone: string) => {
    await sendCode(phone);
    const res = await call('POST', '/auth/otp/verify', {}, { phone, code: outbox.codeFor(phone) });
    expect(res.statusCode).toBe(200);
    return res.json<Session>();
  };
  const expectReauth = (res: { statusCode: number; json: <T>() => T }) => {
    expect(res.statusCode).toBe(401);
    expect(res.json<ErrorResponse>().error.code).toBe('REAUTH_REQUIRED');
  };

  it("refuses an admin's email, phone and password change made with only the stolen access token", async () => {
    const admin = await ctx.newUser('ADMIN');
    const before = await me(admin);
    const attackerPhone = newPhone();
    for (const [url, body] of [
      ['/users/me', { email: 'attacker@evil.test' }],
      ['/users/me', { email: 'attacker@evil.test', currentPassword: 'guess-number-one' }],
      ['/users/me/password', { newPassword: 'attacker-password' }],
      ['/users/me/password', { newPassword: 'attacker-password', currentPassword: 'guess-number-two' }],
      ['/users/me/phone', { phone: attackerPhone }],
      ['/users/me/phone', { phone: attackerPhone, currentPassword: 'guess-number-three' }],
    ] as const) {
      expectReauth(await call(url === '/users/me' ? 'PATCH' : 'POST', url, admin.headers, body));
    }
    // The phone cannot be set by PATCH at all, and the bundle of the old attack is refused whole.
    const bundled = await call('PATCH', '/users/me', admin.headers, {
      phone: attackerPhone,
      email: 'attacker@evil.test',
    });
    expect(bundled.statusCode).toBe(400);
    expect(outbox.sent.filter((m) => m.phone === attackerPhone)).toEqual([]);
    expect(await me(admin)).toEqual(before);
    expect((await login(admin.email)).statusCode).toBe(200);
    expect((await login('attacker@evil.test', 'attacker-password')).statusCode).toBe(401);
  });

  it('attaches a new phone only with the current password and the code sent to that phone, then signs out the other sessions', async () => {
    const owner = await ctx.newUser();
    const elsewhere = (await login(owner.email)).json<Session & { refreshToken: string }>();
    const phone = newPhone();
    const sent = await call('POST', '/users/me/phone', owner.headers, { phone, currentPassword: PASSWORD });
    expect(sent.statusCode).toBe(202);
    const code = outbox.codeFor(phone);
    expect(code).toMatch(/^\d{6}$/);
    expect((await me(owner)).phone).toBeNull(); // not attached until verified

    // The code is for this account only: someone else holding it cannot attach the phone.
    const stranger = await ctx.newUser();
    const theirs = await call('POST', '/users/me/phone/verify', stranger.headers, { phone, code });
    expect(theirs.statusCode).toBe(400);
    const wrong = await call('POST', '/users/me/phone/verify', owner.headers, {
      phone,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    const verified = await call('POST', '/users/me/phone/verify', owner.headers, { phone, code });
    expect(verified.statusCode).toBe(200);
    expect(verified.json<User>()).toMatchObject({ id: owner.id, phone, phoneVerified: true });

    // The other session is over at once; this one stays.
    expect((await call('GET', '/users/me', bearer(elsewhere.accessToken))).statusCode).toBe(401);
    expect(
      (await call('POST', '/auth/refresh', {}, { refreshToken: elsewhere.refreshToken })).statusCode,
    ).toBe(401);
    expect((await call('GET', '/users/me', owner.headers)).statusCode).toBe(200);
    // A code sign-in with the verified phone lands in the owner's account.
    expect((await otpSignIn(phone)).user.id).toBe(owner.id);
    // Nobody else can now claim that phone.
    const claim = await call('POST', '/users/me/phone', stranger.headers, {
      phone,
      currentPassword: PASSWORD,
    });
    expect(claim.statusCode).toBe(409);
  });

  it("does not let a phone typed into an attacker's profile capture the victim's code sign-in", async () => {
    const attacker = await ctx.newUser();
    const victimPhone = newPhone();
    // A phone entered before verification existed: on the attacker's profile, never proved.
    await ctx.db
      .updateTable('users')
      .set({ phone: victimPhone, phone_verified_at: null })
      .where('id', '=', attacker.id)
      .execute();
    const victim = await otpSignIn(victimPhone);
    expect(victim.user.id).not.toBe(attacker.id);
    expect(victim.user).toMatchObject({ phone: victimPhone, phoneVerified: true });
    expect((await me(attacker)).phone).toBeNull();
  });

  it('changes the email with the current password: the old email no longer signs in, other sessions end', async () => {
    const owner = await ctx.newUser();
    const elsewhere = (await login(owner.email)).json<Session>();
    const res = await call('PATCH', '/users/me', owner.headers, {
      email: 'New.Address@Example.TEST',
      currentPassword: PASSWORD,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<User>().email).toBe('new.address@example.test');
    expect((await call('GET', '/users/me', bearer(elsewhere.accessToken))).statusCode).toBe(401);
    expect((await login(owner.email)).statusCode).toBe(401);
    expect((await login('NEW.address@example.test')).statusCode).toBe(200);
    // A name change needs no proof and signs nobody out.
    const other = (await login('new.address@example.test')).json<Session>();
    expect((await call('PATCH', '/users/me', owner.headers, { name: 'Renamed' })).statusCode).toBe(200);
    expect((await call('GET', '/users/me', bearer(other.accessToken))).statusCode).toBe(200);
  });

  it('asks an account without a password for a fresh code to its own phone', async () => {
    const phone = newPhone();
    const session = await otpSignIn(phone);
    const headers = bearer(session.accessToken);
    expectReauth(await call('PATCH', '/users/me', headers, { email: 'code-user@example.test' }));
    expectReauth(
      await call('PATCH', '/users/me', headers, { email: 'code-user@example.test', currentCode: '123456' }),
    );
    // A code sent to the phone proves the owner is asking.
    await sendCode(phone);
    const res = await call('PATCH', '/users/me', headers, {
      email: 'code-user@example.test',
      currentCode: outbox.codeFor(phone),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<User>().email).toBe('code-user@example.test');
    // Its phone is how it signs in: it cannot be removed before a password is set.
    const removal = await call('PATCH', '/users/me', headers, { phone: null, currentCode: '000000' });
    expect(removal.statusCode).toBe(409);
    expect((await call('GET', '/users/me', headers)).json<User>().phone).toBe(phone);
  });

  it('removes a phone only with the current password', async () => {
    const owner = await ctx.newUser();
    const phone = newPhone();
    await ctx.db
      .updateTable('users')
      .set({ phone, phone_verified_at: now() })
      .where('id', '=', owner.id)
      .execute();
    expectReauth(await call('PATCH', '/users/me', owner.headers, { phone: null }));
    expect((await me(owner)).phone).toBe(phone);
    const removed = await call('PATCH', '/users/me', owner.headers, {
      phone: null,
      currentPassword: PASSWORD,
    });
    expect(removed.json<User>()).toMatchObject({ phone: null, phoneVerified: false });
  });
});
