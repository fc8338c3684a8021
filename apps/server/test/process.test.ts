/** The real process: `npm start`'s entry point with its environment, signals and first-start seeding. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { serverRoot, start, tempDatabase } from './server-process.ts';

interface LogRecord {
  level: number;
  msg: string;
  reqId?: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
  responseTime?: number;
}

/** The JSON log records of an output; the banner's lines are not JSON and are left out. */
const records = (output: string): LogRecord[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogRecord);

const login = (url: string, email: string | undefined, password: string | undefined) =>
  fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

describe('the server process', () => {
  it('says where to open it, prints demo passwords once (new ones on request), logs one line per request without secrets and stops cleanly on SIGTERM', async () => {
    const env = {
      DATABASE_URL: tempDatabase(),
      ADMIN_EMAIL: 'owner@shop.example',
      ADMIN_PASSWORD: 'owner-password-1',
      LOG_LEVEL: 'info',
    };
    const first = await start(env);
    await first.waitFor('API docs');
    expect(first.output().match(/NODE_ENV is not set/g)).toHaveLength(1);
    expect(first.output()).toContain(`Igniflo is running at http://127.0.0.1:${first.port}\n`);
    expect(first.output()).toMatch(/database {2}SQLite in \S+igniflo\.db\n/);
    expect(first.output()).toContain(`API docs  http://127.0.0.1:${first.port}/docs\n`);
    const printed = first.output().match(/CUSTOMER\s+(\S+)\s+password: (\S+)/);
    expect(printed).not.toBeNull();

    const owner = await login(first.url, 'owner@shop.example', 'owner-password-1');
    expect(owner.status).toBe(200);
    const ownerRequestId = owner.headers.get('x-request-id');
    const { accessToken, user } = (await owner.json()) as { accessToken: string; user: { role: string } };
    expect(user.role).toBe('ADMIN');
    const demo = await login(first.url, printed?.[1], printed?.[2]);
    expect(demo.status).toBe(200);
    const products = (await (await fetch(`${first.url}/api/v1/products?limit=100`)).json()) as {
      items: unknown[];
    };
    expect(products.items.length).toBeGreaterThanOrEqual(10);
    // A month of demo orders for the dashboard to show.
    const dashboard = (await (
      await fetch(`${first.url}/api/v1/admin/dashboard`, {
        headers: { authorization: `Bearer ${accessToken}` },
      })
    ).json()) as { ordersByStatus: Record<string, number>; revenue: { last30DaysCents: number }[] };
    const seeded = Object.values(dashboard.ordersByStatus).reduce((a, b) => a + b, 0);
    expect(seeded).toBeGreaterThanOrEqual(200);
    expect(Object.keys(dashboard.ordersByStatus).length).toBeGreaterThanOrEqual(5);
    expect(dashboard.revenue[0]?.last30DaysCents).toBeGreaterThan(0);

    const { ticket } = (await (
      await fetch(`${first.url}/api/v1/events/ticket`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
      })
    ).json()) as { ticket: string };
    const stream = await fetch(`${first.url}/api/v1/events?ticket=${ticket}`);
    expect(stream.status).toBe(200);
    await stream.body?.cancel();
    // The stream's one line is written when the server sees the client go, which takes a moment.
    await expect
      .poll(() => records(first.output()).filter((r) => r.req?.url === '/api/v1/events').length, {
        timeout: 5000,
      })
      .toBe(1);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).not.toContain(accessToken);
    expect(first.output()).not.toContain(ticket);
    expect(first.output()).not.toContain('ticket=');
    expect(first.output()).not.toContain('owner-password-1');

    // One line per request, when it is answered: no "incoming request" line, no query string.
    const logged = records(first.output());
    const ownerLines = logged.filter((r) => r.reqId === ownerRequestId);
    expect(ownerLines).toHaveLength(1);
    expect(ownerLines[0]?.level).toBe(30);
    expect(ownerLines[0]?.msg).toMatch(/^POST \/api\/v1\/auth\/login 200 [\d.]+ ms$/);
    expect(ownerLines[0]?.req).toMatchObject({ method: 'POST', url: '/api/v1/auth/login' });
    expect(ownerLines[0]?.res).toEqual({ statusCode: 200 });
    expect(ownerLines[0]?.responseTime).toBeGreaterThan(0);
    expect(logged.filter((r) => r.req?.url === '/api/v1/events')).toHaveLength(1);
    expect(logged.filter((r) => r.msg === 'incoming request')).toEqual([]);
    // Probes that succeed are logged at debug only; start() polled /healthz until it answered.
    expect(logged.filter((r) => r.req?.url === '/healthz')).toEqual([]);

    // A later start names the demo accounts and says how to get their passwords back.
    const second = await start(env);
    await second.waitFor('API docs');
    expect(second.output()).toContain(
      'Demo accounts: admin@demo.igniflo.local, staff@demo.igniflo.local, customer@demo.igniflo.local\n',
    );
    expect(second.output()).toContain('RESET_DEMO_PASSWORDS=true');
    expect(second.output()).not.toContain('password:');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // Asked to, it prints new ones, and only they sign in; here with the log for a terminal.
    const third = await start({ ...env, RESET_DEMO_PASSWORDS: 'true', LOG_FORMAT: 'pretty' });
    await third.waitFor('API docs');
    const renewed = third.output().match(/CUSTOMER\s+(\S+)\s+password: (\S+)/);
    expect(renewed?.[1]).toBe(printed?.[1]);
    expect(renewed?.[2]).not.toBe(printed?.[2]);
    expect((await login(third.url, printed?.[1], printed?.[2])).status).toBe(401);
    const renewedLogin = await login(third.url, renewed?.[1], renewed?.[2]);
    expect(renewedLogin.status).toBe(200);
    const requestId = renewedLogin.headers.get('x-request-id') ?? 'none';
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    const lines = third.output().split('\n');
    expect(lines.filter((line) => line.includes(requestId))).toEqual([
      expect.stringMatching(/ INFO: POST \/api\/v1\/auth\/login 200 [\d.]+ ms \[[\w-]{36}\]$/),
    ]);
    expect(records(third.output())).toEqual([]);
  }, 90_000);

  it('starts in production with no demo accounts, no demo passwords and no open /metrics', async () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'production-test-secret-long-enough-for-hs256',
      SMS_WEBHOOK_URL: 'https://sms.invalid/send',
      ADMIN_EMAIL: 'owner@shop.example',
      ADMIN_PASSWORD: 'owner-password-1',
      LOG_LEVEL: 'info',
    };
    const plain = await start({ ...production, DATABASE_URL: tempDatabase() });
    // Where it runs, as a log record: production output is JSON lines only.
    await plain.waitFor('Igniflo is running at');
    expect(records(plain.output())).toContainEqual(
      expect.objectContaining({ msg: `Igniflo is running at http://127.0.0.1:${plain.port}` }),
    );
    expect(plain.output()).not.toContain('API docs');
    const users = await login(plain.url, 'owner@shop.example', 'owner-password-1');
    const { accessToken } = (await users.json()) as { accessToken: string };
    const list = (await (
      await fetch(`${plain.url}/api/v1/admin/users?limit=100`, {
        headers: { authorization: `Bearer ${accessToken}` },
      })
    ).json()) as { items: { email: string }[] };
    expect(list.items.map((u) => u.email)).toEqual(['owner@shop.example']);
    expect((await fetch(`${plain.url}/metrics`)).status).toBe(404);
    expect(plain.output()).not.toContain('NODE_ENV is not set');
    plain.child.kill('SIGTERM');
    expect(await plain.exited).toBe(0);

    // Asked for by name, demo data comes, but its passwords stay out of the output.
    const demo = await start({ ...production, DATABASE_URL: tempDatabase(), SEED_DEMO: 'true' });
    demo.child.kill('SIGTERM');
    expect(await demo.exited).toBe(0);
    expect(demo.output()).not.toMatch(/password:/);
    expect(demo.output()).not.toContain('Demo accounts');
    expect(demo.output()).toContain('their passwords are not shown in production');
  }, 60_000);

  it('refuses to start with a bad variable, naming it in one line', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverRoot,
      env: { PATH: process.env.PATH ?? '', PORT: 'eighty', DATABASE_URL: tempDatabase() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('PORT');
  }, 30_000);
});
