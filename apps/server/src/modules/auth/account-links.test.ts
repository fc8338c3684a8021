/**
 * Account mail (SPEC §10, §13) against a real SMTP server: verification at registration, password
 * reset, email change by link, the security notices; each link single-use and expiring; no
 * account enumeration; sessions and streams ended. With email off, everything is as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailChangePending, ErrorResponse, Session, User } from '@igniflo/contract';
import { now } from '../../platform/db/database.ts';
import {
  createTestContext,
  dialects,
  PASSWORD,
  type TestContext,
  type TestUser,
} from '../../../test/context.ts';
import { openStream } from '../../../test/live-stream.ts';
import { startSmtpInbox, type ReceivedMail } from '../../../test/smtp-inbox.ts';
import { userDirectory } from '../users/user-directory.ts';
import { setAccountTokenExpiry } from './account-tokens.repository.ts';
import { hashToken } from './token-hash.ts';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const PUBLIC_URL = 'https://shop.example.test';
const FAST = { tickMs: 50, leaseMs: 10_000, retryDelaysMs: [100, 200] };
const NEW_PASSWORD = 'a-brand-new-passphrase';

/** The token of the link in a mail to `page` (e.g. /reset-password). */
function tokenIn(mail: ReceivedMail | undefined, page: string): string {
  const match = new RegExp(`${PUBLIC_URL}${page}\\?token=([\\w-]+)`).exec(mail?.text ?? '');
  if (!match?.[1]) throw new Error(`no ${page} link in ${mail?.text ?? 'no mail'}`);
  return match[1];
}

describe.each(dialects)('account mail on %s', (dialect) => {
  let ctx: TestContext;
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    ctx = await createTestContext(
      dialect,
      { SMTP_URL: inbox.url, MAIL_FROM: 'Camp Shop <shop@example.test>', PUBLIC_URL },
      { messages: FAST },
    );
  });
  afterAll(async () => {
    await ctx.close();
    await inbox.close();
  });

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    ctx.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers });
  const me = async (headers: { authorization: string }) => {
    const res = await ctx.inject({ method: 'GET', url: '/api/v1/users/me', headers });
    return { status: res.statusCode, user: res.json<User>() };
  };
  const mailsTo = async (address: string, count: number) => {
    await until(() => inbox.to(address).length >= count, `${count} mails to ${address}`);
    return inbox.to(address);
  };
  const login = (email: string, password: string) => post('/auth/login', { email, password });
  const patchMe = (user: TestUser, payload: object) =>
    ctx.inject({ method: 'PATCH', url: '/api/v1/users/me', headers: user.headers, payload });

  it('mails a verification link at registration; the link works once and the account may order meanwhile', async () => {
    const email = `new-${Date.now()}@example.test`;
    const registered = await post('/auth/register', { email, password: PASSWORD, name: 'Nell' });
    expect(registered.statusCode).toBe(201);
    const session = registered.json<Session>();
    expect(session.user).toMatchObject({ emailVerified: false, pendingEmail: null });
    const headers = { authorization: `Bearer ${session.accessToken}` };
    await ctx.placeOrder({ headers } as TestUser, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);

    const [mail] = await mailsTo(email, 1);
    expect(mail?.subject).toBe('Confirm your email address');
    expect(mail?.html).toContain('Confirm email address');
    expect(mail?.text).not.toMatch(/unsubscribe/i);
    expect(mail?.headers.has('list-unsubscribe')).toBe(false);
    const token = tokenIn(mail, '/verify-email');
    // Only the hash is stored.
    const rows = await ctx.db.selectFrom('account_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.some((row) => row.token_hash === hashToken(token))).toBe(true);

    expect((await post('/auth/email/verify', { token })).statusCode).toBe(200);
    expect((await me(headers)).user.emailVerified).toBe(true);
    const again = await post('/auth/email/verify', { token });
    expect(again.statusCode).toBe(400);
    expect(again.json<ErrorResponse>().error.code).toBe('VALIDATION_ERROR');
    expect((await post('/auth/email/verify', { token: 'x'.repeat(43) })).statusCode).toBe(400);
    expect((await post('/auth/email/verify/resend', {}, headers)).statusCode).toBe(409);
  });

  it('resends a verification link that replaces the older one', async () => {
    const user = await ctx.newUser();
    const resend = () => post('/auth/email/verify/resend', {}, user.headers);
    expect((await resend()).statusCode).toBe(202);
    expect((await resend()).statusCode).toBe(202);
    const [first, second] = await mailsTo(user.email, 2);
    expect((await post('/auth/email/verify', { token: tokenIn(first, '/verify-email') })).statusCode).toBe(
      400,
    );
    expect((await post('/auth/email/verify', { token: tokenIn(second, '/verify-email') })).statusCode).toBe(
      200,
    );
  });

  it('answers a forgotten password the same way for any address, and mails only an existing account', async () => {
    const user = await ctx.newUser();
    const unknown = await post('/auth/password/forgot', { email: 'nobody-here@example.test' });
    const known = await post('/auth/password/forgot', { email: `  ${user.email.toUpperCase()} ` });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const [mail] = await mailsTo(user.email, 1);
    expect(mail?.subject).toBe('Reset your password');
    expect(mail?.text).toContain('valid for 30 minutes');
    // The known address's mail has gone; the unknown one's never will.
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.to('nobody-here@example.test')).toEqual([]);
    const queued = await ctx.db.selectFrom('messages').select('recipient').execute();
    expect(queued.map((m) => m.recipient)).not.toContain('nobody-here@example.test');
  });

  it('resets the password with the link once, ends every session and its streams, and mails a notice', async () => {
    const user = await ctx.newUser();
    const base = await ctx.listen();
    const stream = await openStream(base, user.token);
    expect(stream.status).toBe(200);
    expect((await post('/auth/password/forgot', { email: user.email })).statusCode).toBe(202);
    const token = tokenIn((await mailsTo(user.email, 1))[0], '/reset-password');

    const tooShort = await post('/auth/password/reset', { token, newPassword: 'short' });
    expect(tooShort.statusCode).toBe(400);
    const reset = await post('/auth/password/reset', { token, newPassword: NEW_PASSWORD });
    expect(reset.statusCode).toBe(200);
    expect((await me(user.headers)).status).toBe(401);
    expect((await post('/auth/refresh', { refreshToken: user.refreshToken })).statusCode).toBe(401);
    await until(() => stream.ended, 'the stream to end');
    expect((await login(user.email, PASSWORD)).statusCode).toBe(401);
    expect((await login(user.email, NEW_PASSWORD)).statusCode).toBe(200);
    expect((await post('/auth/password/reset', { token, newPassword: PASSWORD })).statusCode).toBe(400);

    const mails = await mailsTo(user.email, 2);
    expect(mails[1]?.subject).toBe('Your password was changed');
    expect(mails[1]?.text).toContain(`${PUBLIC_URL}/forgot-password`);
    // Following the link proved the mailbox.
    const row = await userDirectory.byId(ctx.db, user.id);
    expect(row?.email_verified_at).not.toBeNull();
  });

  it('refuses an expired reset link, and a link for an address the account no longer has', async () => {
    const user = await ctx.newUser();
    await post('/auth/password/forgot', { email: user.email });
    const token = tokenIn((await mailsTo(user.email, 1))[0], '/reset-password');
    await setAccountTokenExpiry(ctx.db, hashToken(token), new Date(Date.now() - 1000).toISOString());
    const expired = await post('/auth/password/reset', { token, newPassword: NEW_PASSWORD });
    expect(expired.statusCode).toBe(400);
    expect(expired.json<ErrorResponse>().error.details).toEqual([{ path: '/token' }]);

    await post('/auth/password/forgot', { email: user.email });
    const fresh = tokenIn((await mailsTo(user.email, 2))[1], '/reset-password');
    await userDirectory.update(ctx.db, user.id, { email: `moved-${user.email}`, updated_at: now() });
    expect((await post('/auth/password/reset', { token: fresh, newPassword: NEW_PASSWORD })).statusCode).toBe(
      400,
    );
    expect((await login(`moved-${user.email}`, PASSWORD)).statusCode).toBe(200);
  });

  it('changes an email only once the link sent to the new address is followed, telling the old one at once', async () => {
    const user = await ctx.newUser('CUSTOMER', { name: 'Olga' });
    const other = await ctx.app.services.auth.startSession((await userDirectory.byId(ctx.db, user.id))!);
    const otherHeaders = { authorization: `Bearer ${other.accessToken}` };
    const newEmail = `olga-new-${Date.now()}@example.test`;
    const patch = (payload: object) => patchMe(user, payload);

    expect((await patch({ email: newEmail })).json<ErrorResponse>().error.code).toBe('REAUTH_REQUIRED');
    const asked = await patch({ email: newEmail, currentPassword: PASSWORD, name: 'Olga B' });
    expect(asked.statusCode).toBe(202);
    expect(asked.json<EmailChangePending>()).toEqual({ pendingEmail: newEmail });
    const pending = await me(user.headers);
    expect(pending.user).toMatchObject({ email: user.email, pendingEmail: newEmail, name: 'Olga B' });
    expect((await me(otherHeaders)).status).toBe(200);

    const [notice] = await mailsTo(user.email, 1);
    expect(notice?.subject).toBe('Your email address is being changed');
    expect(notice?.text).toContain(`${newEmail[0]}•••@example.test`);
    expect(notice?.text).not.toContain(newEmail);
    const [confirm] = await mailsTo(newEmail, 1);
    const token = tokenIn(confirm, '/confirm-email');

    expect((await post('/auth/email/confirm', { token }, user.headers)).statusCode).toBe(200);
    const changed = await me(user.headers);
    expect(changed.user).toMatchObject({ email: newEmail, emailVerified: true, pendingEmail: null });
    expect((await me(otherHeaders)).status).toBe(401);
    expect((await post('/auth/email/confirm', { token })).statusCode).toBe(400);
    expect((await login(newEmail, PASSWORD)).statusCode).toBe(200);
  });

  it('refuses to confirm an email another account has taken meanwhile (409), and keeps the old one', async () => {
    const user = await ctx.newUser();
    const wanted = `wanted-${Date.now()}@example.test`;
    const asked = await patchMe(user, { email: wanted, currentPassword: PASSWORD });
    expect(asked.statusCode).toBe(202);
    const token = tokenIn((await mailsTo(wanted, 1))[0], '/confirm-email');
    await ctx.newUser('CUSTOMER', { email: wanted });
    const taken = await post('/auth/email/confirm', { token });
    expect(taken.statusCode).toBe(409);
    expect((await me(user.headers)).user.email).toBe(user.email);
  });

  it('mails a notice when the password is changed from the profile and when the phone is removed', async () => {
    const user = await ctx.newUser();
    const changed = await post(
      '/users/me/password',
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      user.headers,
    );
    expect(changed.statusCode).toBe(200);
    await userDirectory.update(ctx.db, user.id, { phone: '+447700900123', phone_verified_at: now() });
    const removed = await patchMe(user, { phone: null, currentPassword: NEW_PASSWORD });
    expect(removed.statusCode).toBe(200);
    const subjects = (await mailsTo(user.email, 2)).map((m) => m.subject);
    expect(subjects).toEqual(['Your password was changed', 'Your phone number was removed']);
  });

  it('limits reset mails per address across clients', async () => {
    const limited = await createTestContext(
      dialect,
      { SMTP_URL: inbox.url, AUTH_RATE_LIMIT_MAX: '3', TRUST_PROXY: '1' },
      { messages: FAST },
    );
    try {
      const user = await limited.newUser();
      const statuses: number[] = [];
      for (let i = 1; i <= 4; i += 1) {
        const res = await limited.inject({
          method: 'POST',
          url: '/api/v1/auth/password/forgot',
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
          payload: { email: user.email },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([202, 202, 202, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe.each(dialects)('account mail with email off, on %s', (dialect) => {
  let ctx: TestContext;
  let user: TestUser;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    user = await ctx.newUser();
  });
  afterAll(() => ctx.close());

  it('takes addresses as given and changes an email at once, as before; the link routes are 404', async () => {
    const registered = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: `off-${Date.now()}@example.test`, password: PASSWORD, name: 'Off' },
    });
    expect(registered.json<Session>().user.emailVerified).toBe(true);
    const newEmail = `off-new-${Date.now()}@example.test`;
    const changed = await ctx.inject({
      method: 'PATCH',
      url: '/api/v1/users/me',
      headers: user.headers,
      payload: { email: newEmail, currentPassword: PASSWORD },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<User>()).toMatchObject({ email: newEmail, emailVerified: true, pendingEmail: null });
    for (const [url, payload] of [
      ['/auth/password/forgot', { email: newEmail }],
      ['/auth/password/reset', { token: 'x'.repeat(43), newPassword: NEW_PASSWORD }],
      ['/auth/email/verify', { token: 'x'.repeat(43) }],
      ['/auth/email/confirm', { token: 'x'.repeat(43) }],
    ] as const) {
      const res = await ctx.inject({ method: 'POST', url: `/api/v1${url}`, payload });
      expect(res.statusCode, url).toBe(404);
    }
    expect(await ctx.db.selectFrom('messages').selectAll().execute()).toEqual([]);
  });
});
