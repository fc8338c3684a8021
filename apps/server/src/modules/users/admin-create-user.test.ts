/**
 * Admins create or invite users with a role (SPEC §14): with a password the account signs in at
 * once; without one, with email on, the person gets an invitation link to choose it (a real SMTP
 * inbox); with email off a password is required.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminCreatedUser, ErrorResponse, Session } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { startSmtpInbox } from '../../../test/smtp-inbox.ts';
import { until } from '../webhooks/webhooks.test-support.ts';

const PUBLIC_URL = 'https://shop.example.test';
const CHOSEN = 'a-password-of-her-own';

describe.each(dialects)('POST /admin/users on %s', (dialect) => {
  describe('with email off', () => {
    let ctx: TestContext;
    let admin: TestUser;
    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      admin = await ctx.newUser('ADMIN');
    });
    afterAll(() => ctx.close());

    const create = (user: TestUser | undefined, payload: object) =>
      ctx.inject({ method: 'POST', url: '/api/v1/admin/users', headers: user?.headers ?? {}, payload });
    const login = (email: string, password: string) =>
      ctx.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

    it('creates an account with a role and a password that signs in at once, recorded in the audit log', async () => {
      const email = `Sam.Staff-${dialect}@Example.test`;
      const res = await create(admin, {
        email,
        name: ' Sam Staff ',
        role: 'STAFF',
        password: 'staff-password-1',
      });
      expect(res.statusCode).toBe(201);
      const created = res.json<AdminCreatedUser>();
      expect(created).toMatchObject({
        invited: false,
        user: { email: email.toLowerCase(), name: 'Sam Staff', role: 'STAFF', active: true },
      });
      const session = await login(email, 'staff-password-1');
      expect(session.statusCode).toBe(200);
      expect(session.json<Session>().user.role).toBe('STAFF');

      const audit = await ctx.inject({ method: 'GET', url: '/api/v1/admin/audit', headers: admin.headers });
      expect(audit.body).toContain('user.create');
      expect(audit.body).toContain(created.user.id);
      expect(audit.body).not.toContain('staff-password-1');

      const again = await create(admin, {
        email: email.toUpperCase(),
        name: 'Other',
        role: 'CUSTOMER',
        password: 'another-password',
      });
      expect(again.statusCode).toBe(409);
    });

    it('needs a password when no invitation can be mailed, and valid input', async () => {
      const noPassword = await create(admin, {
        email: `x-${dialect}@example.test`,
        name: 'X',
        role: 'STAFF',
      });
      expect(noPassword.statusCode).toBe(400);
      expect(noPassword.json<ErrorResponse>().error.code).toBe('VALIDATION_ERROR');
      for (const payload of [
        { email: 'not-an-email', name: 'X', role: 'STAFF', password: 'long-enough-1' },
        { email: `y-${dialect}@example.test`, name: 'Y', role: 'OWNER', password: 'long-enough-1' },
        { email: `y-${dialect}@example.test`, name: 'Y', role: 'STAFF', password: 'short' },
        { email: `y-${dialect}@example.test`, name: '', role: 'STAFF', password: 'long-enough-1' },
        {
          email: `y-${dialect}@example.test`,
          name: 'Y',
          role: 'STAFF',
          password: 'long-enough-1',
          active: false,
        },
      ]) {
        expect((await create(admin, payload)).statusCode).toBe(400);
      }
      expect((await login(`y-${dialect}@example.test`, 'long-enough-1')).statusCode).toBe(401);
    });

    it('is for admins only: staff and customers 403, anonymous 401', async () => {
      const payload = {
        email: `z-${dialect}@example.test`,
        name: 'Z',
        role: 'ADMIN',
        password: 'long-enough-1',
      };
      for (const role of ['STAFF', 'CUSTOMER'] as const) {
        const res = await create(await ctx.newUser(role), payload);
        expect(res.statusCode).toBe(403);
      }
      expect((await create(undefined, payload)).statusCode).toBe(401);
      expect((await login(payload.email, payload.password)).statusCode).toBe(401);
    });
  });

  describe('with email on', () => {
    let ctx: TestContext;
    let admin: TestUser;
    let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
    beforeAll(async () => {
      inbox = await startSmtpInbox();
      ctx = await createTestContext(
        dialect,
        { SMTP_URL: inbox.url, MAIL_FROM: 'Camp Shop <shop@example.test>', PUBLIC_URL },
        { messages: { tickMs: 50, leaseMs: 10_000, retryDelaysMs: [100, 200] } },
      );
      admin = await ctx.newUser('ADMIN');
    });
    afterAll(async () => {
      await ctx.close();
      await inbox.close();
    });

    it('invites a user without a password: the link sets it once, then they sign in with the role', async () => {
      const email = `invited-${dialect}@example.test`;
      const res = await ctx.inject({
        method: 'POST',
        url: '/api/v1/admin/users',
        headers: admin.headers,
        payload: { email, name: 'Ivy Invited', role: 'STAFF' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json<AdminCreatedUser>()).toMatchObject({
        invited: true,
        user: { role: 'STAFF', emailVerified: false },
      });

      await until(() => inbox.to(email).length >= 1, 'the invitation');
      const [mail] = inbox.to(email);
      expect(mail?.subject).toBe('You have been invited');
      const token = new RegExp(`${PUBLIC_URL}/reset-password\\?token=([\\w-]+)`).exec(mail?.text ?? '')?.[1];
      expect(token).toBeDefined();

      const login = () =>
        ctx.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: CHOSEN } });
      expect((await login()).statusCode).toBe(401);
      const reset = (t: string) =>
        ctx.inject({
          method: 'POST',
          url: '/api/v1/auth/password/reset',
          payload: { token: t, newPassword: CHOSEN },
        });
      expect((await reset(token ?? '')).statusCode).toBe(200);
      expect((await reset(token ?? '')).statusCode).toBe(400);
      const session = await login();
      expect(session.statusCode).toBe(200);
      expect(session.json<Session>().user).toMatchObject({ role: 'STAFF', emailVerified: true });
    });
  });
});
