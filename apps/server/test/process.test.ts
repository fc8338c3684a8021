/** The real process: `npm start`'s entry point with its environment, signals and first-start seeding. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { serverRoot, start, tempDatabase } from './server-process.ts';

describe('the server process', () => {
  it('seeds demo accounts once, bootstraps the admin, hides secrets from logs and stops cleanly on SIGTERM', async () => {
    const env = {
      DATABASE_URL: tempDatabase(),
      ADMIN_EMAIL: 'owner@shop.example',
      ADMIN_PASSWORD: 'owner-password-1',
      LOG_LEVEL: 'info',
    };
    const first = await start(env);
    expect(first.output().match(/NODE_ENV is not set/g)).toHaveLength(1);
    const printed = first.output().match(/CUSTOMER\s+(\S+)\s+password: (\S+)/);
    expect(printed).not.toBeNull();

    const login = await fetch(`${first.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@shop.example', password: 'owner-password-1' }),
    });
    expect(login.status).toBe(200);
    const { accessToken, user } = (await login.json()) as { accessToken: string; user: { role: string } };
    expect(user.role).toBe('ADMIN');
    const demo = await fetch(`${first.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: printed?.[1], password: printed?.[2] }),
    });
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
    ).json()) as { ordersByStatus: Record<string, number>; revenue: { last30DaysCents: number } };
    const seeded = Object.values(dashboard.ordersByStatus).reduce((a, b) => a + b, 0);
    expect(seeded).toBeGreaterThanOrEqual(200);
    expect(Object.keys(dashboard.ordersByStatus).length).toBeGreaterThanOrEqual(5);
    expect(dashboard.revenue.last30DaysCents).toBeGreaterThan(0);

    const { ticket } = (await (
      await fetch(`${first.url}/api/v1/events/ticket`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
      })
    ).json()) as { ticket: string };
    const stream = await fetch(`${first.url}/api/v1/events?ticket=${ticket}`);
    expect(stream.status).toBe(200);
    await stream.body?.cancel();

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).not.toContain(accessToken);
    expect(first.output()).not.toContain(ticket);
    expect(first.output()).toContain('ticket=[redacted]');
    expect(first.output()).not.toContain('owner-password-1');

    const second = await start(env);
    expect(second.output()).not.toContain('Demo accounts');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 60_000);

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
    const users = await fetch(`${plain.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@shop.example', password: 'owner-password-1' }),
    });
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
