import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, Session } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext } from '../../../test/context.ts';
import { newPhone, SmsOutbox } from '../../../test/sms-outbox.ts';

describe.each(dialects)('phone one-time codes on %s', (dialect) => {
  let ctx: TestContext;
  const outbox = new SmsOutbox();

  beforeAll(async () => {
    ctx = await createTestContext(dialect, {}, { smsSender: outbox });
  });
  afterAll(() => ctx.close());

  const send = (phone: string, remoteAddress = '127.0.0.1') =>
    ctx.inject({ method: 'POST', url: '/api/v1/auth/otp/send', payload: { phone }, remoteAddress });
  const verify = (phone: string, code: string) =>
    ctx.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { phone, code } });

  it('creates a customer on first use and signs into the same account afterwards; the code is never in a response', async () => {
    const phone = newPhone();
    const sent = await send(phone);
    expect(sent.statusCode).toBe(202);
    const code = outbox.codeFor(phone);
    expect(code).toMatch(/^\d{6}$/);
    expect(sent.body).not.toContain(code);
    const first = await verify(phone, code);
    expect(first.statusCode).toBe(200);
    const session = first.json<Session>();
    expect(session.user).toMatchObject({ phone, role: 'CUSTOMER', email: null });
    expect(first.body).not.toContain(`"${code}"`);
    expect((await verify(phone, code)).statusCode).toBe(401);

    const stored = await ctx.db
      .selectFrom('otp_codes')
      .select('code_hash')
      .where('phone', '=', phone)
      .execute();
    expect(stored.every((r) => !r.code_hash.includes(code))).toBe(true);

    await new Promise((r) => setTimeout(r, 0));
    await ctx.db
      .updateTable('otp_codes')
      .set({ created_at: '2000-01-01T00:00:00.000Z' })
      .where('phone', '=', phone)
      .execute();
    await send(phone);
    const again = await verify(phone, outbox.codeFor(phone));
    expect(again.json<Session>().user.id).toBe(session.user.id);
  });

  it('answers a wrong code with 401 and refuses the sixth attempt even with the right code', async () => {
    const phone = newPhone();
    await send(phone);
    const code = outbox.codeFor(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await verify(phone, wrong);
      expect(res.statusCode).toBe(401);
      expect(res.json<ErrorResponse>().error.code).toBe('UNAUTHENTICATED');
    }
    const sixth = await verify(phone, code);
    expect(sixth.statusCode).toBe(401);
    expect(sixth.json<ErrorResponse>().error.message).toMatch(/too many/i);
  });

  it('refuses an expired code', async () => {
    const phone = newPhone();
    await send(phone);
    await ctx.db
      .updateTable('otp_codes')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('phone', '=', phone)
      .execute();
    expect((await verify(phone, outbox.codeFor(phone))).statusCode).toBe(401);
  });

  it('limits resends per phone with 429 and retry-after', async () => {
    const phone = newPhone();
    expect((await send(phone)).statusCode).toBe(202);
    const resend = await send(phone, '10.9.9.9');
    expect(resend.statusCode).toBe(429);
    expect(resend.json<ErrorResponse>().error.code).toBe('RATE_LIMITED');
    expect(Number(resend.headers['retry-after'])).toBeGreaterThan(0);
  });

  it.each([['07700900123'], ['+44 7700 900123'], ['+0123456789'], ['+1234'], ['phone'], [12345678]])(
    'refuses the malformed phone number %s',
    async (phone) => {
      const res = await ctx.inject({ method: 'POST', url: '/api/v1/auth/otp/send', payload: { phone } });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorResponse>().error.code).toBe('VALIDATION_ERROR');
    },
  );
});

describe('phone one-time code limits per client', () => {
  it('gives 429 once a client has asked for too many codes, whatever the phone', async () => {
    const ctx = await createTestContext(
      'sqlite',
      { AUTH_RATE_LIMIT_MAX: '3' },
      { smsSender: new SmsOutbox() },
    );
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (
            await ctx.inject({
              method: 'POST',
              url: '/api/v1/auth/otp/send',
              payload: { phone: `+4477009000${10 + i}` },
            })
          ).statusCode,
        );
      }
      expect(statuses).toEqual([202, 202, 202, 429]);
    } finally {
      await ctx.close();
    }
  });
});

describe('an SMS gateway at SMS_WEBHOOK_URL', () => {
  it('receives each code as { to, text }; a gateway that refuses makes the request a 503', async () => {
    const received: { to: string; text: string }[] = [];
    let refuse = false;
    const gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body) as { to: string; text: string });
        res.writeHead(refuse ? 500 : 202).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const { port } = gateway.address() as AddressInfo;
    const ctx = await createTestContext('sqlite', { SMS_WEBHOOK_URL: `http://127.0.0.1:${port}/sms` });
    try {
      const send = (phone: string) =>
        ctx.inject({ method: 'POST', url: '/api/v1/auth/otp/send', payload: { phone } });
      expect((await send('+447700900201')).statusCode).toBe(202);
      expect(received.map((m) => m.to)).toEqual(['+447700900201']);
      expect(received[0]!.text).toMatch(/\b\d{6}\b/);
      const code = /\b(\d{6})\b/.exec(received[0]!.text)![1]!;
      const verified = await ctx.inject({
        method: 'POST',
        url: '/api/v1/auth/otp/verify',
        payload: { phone: '+447700900201', code },
      });
      expect(verified.statusCode).toBe(200);

      refuse = true;
      const failed = await send('+447700900202');
      expect(failed.statusCode).toBe(503);
      expect(failed.json<ErrorResponse>().error.code).toBe('SERVICE_UNAVAILABLE');
      // The code that never left does not count: once the gateway is back, the phone may ask at once.
      refuse = false;
      expect((await send('+447700900202')).statusCode).toBe(202);
    } finally {
      await ctx.close();
      gateway.close();
    }
  });
});
