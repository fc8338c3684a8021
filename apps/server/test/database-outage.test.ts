/**
 * PostgreSQL stops under load: requests fail fast with 503 in the error shape, /readyz says so, and
 * the server recovers by itself when the database is back. Uses a throwaway PostgreSQL cluster on a
 * spare port (never the machine's shared server).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorResponse } from '@igniflo/contract';
import { freePort, start, type Running } from './server-process.ts';

const BIN = '/usr/lib/postgresql/15/bin';
const available =
  Boolean(process.env.TEST_DATABASE_URL) && existsSync(`${BIN}/initdb`) && process.platform === 'linux';
if (!available)
  process.stderr.write(
    '[igniflo tests] no PostgreSQL binaries or TEST_DATABASE_URL: the outage test is skipped\n',
  );

/** Runs a PostgreSQL tool as the postgres user, which PostgreSQL requires when we are root. */
function asPostgres(tool: string, args: string[]) {
  const command =
    process.getuid?.() === 0
      ? ['runuser', ['-u', 'postgres', '--', `${BIN}/${tool}`, ...args]]
      : [`${BIN}/${tool}`, args];
  execFileSync(command[0] as string, command[1] as string[], { stdio: 'pipe' });
}

describe.skipIf(!available)('PostgreSQL outage', () => {
  let dir: string;
  let port: number;
  let server: Running;
  const pgCtl = (...args: string[]) => asPostgres('pg_ctl', ['-D', path.join(dir, 'data'), ...args]);
  const startPg = () =>
    pgCtl(
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
      '-l',
      path.join(dir, 'log'),
      '-w',
      'start',
    );

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'igniflo-pg-'));
    chmodSync(dir, 0o777);
    port = await freePort();
    asPostgres('initdb', ['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    startPg();
    server = await start({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`,
      JWT_SECRET: 'outage-test-secret-long-enough-for-hs256-00',
      SEED_DEMO: 'false',
      RATE_LIMIT_MAX: '10000000',
      LOG_LEVEL: 'error',
    });
  }, 60_000);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    try {
      pgCtl('-m', 'immediate', 'stop');
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (route: string) => {
    const started = Date.now();
    const res = await fetch(`${server.url}${route}`);
    return { status: res.status, ms: Date.now() - started, body: (await res.json()) as unknown };
  };

  // A lookup that always reaches the database (catalog pages may be answered from their cache):
  // 404 means the database answered.
  const PROBE = '/api/v1/products/00000000-0000-4000-8000-000000000000';

  it('answers 503 quickly while the database is down and recovers without a restart', async () => {
    expect((await get(PROBE)).status).toBe(404);
    expect((await get('/readyz')).status).toBe(200);

    // Load running while the database stops.
    let stop = false;
    const statuses: number[] = [];
    const load = (async () => {
      while (!stop) statuses.push((await get(PROBE)).status);
    })();
    await new Promise((r) => setTimeout(r, 200));
    pgCtl('-m', 'fast', 'stop');

    const down = await get(PROBE);
    expect(down.status).toBe(503);
    expect((down.body as ErrorResponse).error.code).toBe('SERVICE_UNAVAILABLE');
    expect(down.ms).toBeLessThan(2000);
    const search = await get('/api/v1/products?q=outage'); // searches are never cached
    expect(search.status).toBe(503);
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect((ready.body as ErrorResponse).error.code).toBe('SERVICE_UNAVAILABLE');
    await new Promise((r) => setTimeout(r, 300));

    startPg();
    const deadline = Date.now() + 15_000;
    let recovered = false;
    while (!recovered && Date.now() < deadline) {
      recovered = (await get(PROBE)).status === 404 && (await get('/readyz')).status === 200;
      if (!recovered) await new Promise((r) => setTimeout(r, 200));
    }
    stop = true;
    await load;
    expect(recovered).toBe(true);
    // Under load, every answer came from the database or was a 503, never a 500.
    expect(statuses.filter((s) => s !== 404 && s !== 503)).toEqual([]);
    expect(statuses).toContain(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
