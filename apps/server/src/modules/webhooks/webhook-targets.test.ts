/**
 * SSRF, tried as an attacker would: over HTTP against the real app with private targets refused
 * (WEBHOOK_ALLOW_PRIVATE off), at save and at every connection a delivery makes.
 */
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, Webhook } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { newId } from '../../lib/ids.ts';
import type { Resolve } from './webhook-target.ts';
import { startReceiver, waitForDeliveries } from './webhooks.test-support.ts';

/**
 * Names of the test's own: `rebound.test` resolves to loopback, as a public name could once it
 * was saved (DNS rebinding); every other name does not exist.
 */
const resolve = ((hostname: string, _options: object, callback: (...args: unknown[]) => void) => {
  if (hostname === 'rebound.test') callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
}) as unknown as Resolve;

const FAST = { webhooks: { tickMs: 50, retryBaseMs: 50, retryMaxMs: 200, timeoutMs: 1_000, resolve } };

const PRIVATE_URLS = [
  'http://127.0.0.1/hook',
  'http://2130706433/hook',
  'http://0177.0.0.1/hook',
  'http://0x7f000001/hook',
  'http://0x7f.0.0.1/hook',
  'http://127.1/hook',
  'http://127.0.0.1./hook',
  'http://%31%32%37.0.0.1/hook',
  'http://10.0.0.1/hook',
  'http://172.16.0.1/hook',
  'http://192.168.0.1/hook',
  'http://100.64.0.1/hook',
  'http://169.254.169.254/latest/meta-data/',
  'http://0.0.0.0/hook',
  'http://198.18.0.1/hook',
  'http://224.0.0.1/hook',
  'http://240.0.0.1/hook',
  'http://255.255.255.255/hook',
  'http://[::1]/hook',
  'http://[::]/hook',
  'http://[::127.0.0.1]/hook',
  'http://[::ffff:127.0.0.1]/hook',
  'http://[::ffff:7f00:1]/hook',
  'http://[64:ff9b::127.0.0.1]/hook',
  'http://[2002:7f00:1::1]/hook',
  'http://[2001:0:808:808::80ff:fffe]/hook',
  'http://[fec0::1]/hook',
  'http://[fe80::1]/hook',
  'http://[fe80::1%25eth0]/hook',
  'http://[fd00::1]/hook',
  'http://[ff02::1]/hook',
  'http://localhost/hook',
  'http://localhost./hook',
  'http://api.localhost/hook',
  'http://metadata.google.internal/hook',
];

/** Every address of the machine the server runs on, bracketed for a URL when IPv6. */
const OWN_URLS = Object.values(networkInterfaces())
  .flatMap((entries) => entries ?? [])
  .map((entry) => `http://${entry.family === 'IPv6' ? `[${entry.address}]` : entry.address}/hook`);

describe.each(dialects)('webhook targets on %s, private targets refused', (dialect) => {
  let ctx: TestContext;
  let admin: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { WEBHOOK_ALLOW_PRIVATE: 'false' }, FAST);
    [admin, customer] = await Promise.all([ctx.newUser('ADMIN'), ctx.newUser()]);
  });
  afterAll(() => ctx.close());

  const create = (url: string) =>
    ctx.inject({ method: 'POST', url: '/api/v1/admin/webhooks', headers: admin.headers, payload: { url } });
  const newOrder = async () =>
    ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
  const expectRefusedUrl = (res: Awaited<ReturnType<typeof create>>, url: string) => {
    expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
    const { error } = res.json<ErrorResponse>();
    expect(error.code).toBe('VALIDATION_ERROR');
    // Named by the schema (`body/url`, a zone id is no URI) or by the target check (`/url`).
    const paths = ((error.details ?? []) as { path?: string }[]).map((d) => d.path ?? '');
    expect(
      paths.some((path) => /(^|\/)url$/.test(path)),
      JSON.stringify(error.details),
    ).toBe(true);
  };

  it.each(PRIVATE_URLS)('refuses to save a webhook to %s', async (url) => {
    expectRefusedUrl(await create(url), url);
  });

  it("refuses to save a webhook to any of this host's own addresses", async () => {
    expect(OWN_URLS.length).toBeGreaterThan(0);
    for (const url of OWN_URLS) expectRefusedUrl(await create(url), url);
  });

  it('refuses to move a saved webhook to a private address, and keeps its URL', async () => {
    const res = await create('https://hooks.example.com/in');
    expect(res.statusCode).toBe(201);
    const hook = res.json<Webhook>();
    for (const url of ['http://2130706433/hook', 'http://[::ffff:127.0.0.1]/hook']) {
      const patched = await ctx.inject({
        method: 'PATCH',
        url: `/api/v1/admin/webhooks/${hook.id}`,
        headers: admin.headers,
        payload: { url },
      });
      expectRefusedUrl(patched, url);
    }
    const get = await ctx.inject({
      method: 'GET',
      url: `/api/v1/admin/webhooks/${hook.id}`,
      headers: admin.headers,
    });
    expect(get.json<Webhook>().url).toBe('https://hooks.example.com/in');
    await ctx.inject({ method: 'DELETE', url: `/api/v1/admin/webhooks/${hook.id}`, headers: admin.headers });
  });

  it('does not deliver to a literal private address saved before the rules (row written directly)', async () => {
    const receiver = await startReceiver();
    const at = new Date().toISOString();
    const urls = [
      receiver.url,
      `http://2130706433:${receiver.port}/hook`,
      `http://[::ffff:7f00:1]:${receiver.port}/hook`,
    ];
    const ids = urls.map(() => newId());
    try {
      for (const [i, url] of urls.entries()) {
        await ctx.db
          .insertInto('webhooks')
          .values({
            id: ids[i]!,
            url,
            secret: 'whsec_planted',
            description: 'planted',
            event_types: '[]',
            active: 1,
            last_event_id: 0,
            failed_attempts: 0,
            next_attempt_at: null,
            lease_owner: null,
            lease_until: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
      await newOrder();
      for (const id of ids) {
        const attempts = await waitForDeliveries(ctx, admin, id, 2);
        for (const attempt of attempts) {
          expect(attempt).toMatchObject({ succeeded: false, responseStatus: null, error: 'blocked' });
        }
      }
      expect(receiver.attempts()).toBe(0);
    } finally {
      await ctx.db.deleteFrom('webhook_deliveries').where('webhook_id', 'in', ids).execute();
      await ctx.db.deleteFrom('webhooks').where('id', 'in', ids).execute();
      await receiver.close();
    }
  });

  it('does not deliver to a name that resolves to a private address when the delivery connects', async () => {
    const receiver = await startReceiver();
    const res = await create(`http://rebound.test:${receiver.port}/hook`);
    expect(res.statusCode).toBe(201);
    const hook = res.json<Webhook>();
    try {
      await newOrder();
      const attempts = await waitForDeliveries(ctx, admin, hook.id, 2);
      for (const attempt of attempts) {
        expect(attempt).toMatchObject({ succeeded: false, responseStatus: null, error: 'blocked' });
      }
      expect(receiver.attempts()).toBe(0);
    } finally {
      await ctx.inject({
        method: 'DELETE',
        url: `/api/v1/admin/webhooks/${hook.id}`,
        headers: admin.headers,
      });
      await receiver.close();
    }
  });

  it('records a name that does not resolve as `dns`', async () => {
    const res = await create('https://nowhere.example.com/hook');
    expect(res.statusCode).toBe(201);
    const hook = res.json<Webhook>();
    try {
      await newOrder();
      const [attempt] = await waitForDeliveries(ctx, admin, hook.id, 1);
      expect(attempt).toMatchObject({ succeeded: false, responseStatus: null, error: 'dns' });
    } finally {
      await ctx.inject({
        method: 'DELETE',
        url: `/api/v1/admin/webhooks/${hook.id}`,
        headers: admin.headers,
      });
    }
  });
});
