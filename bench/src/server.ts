/** Starts a fresh Igniflo server process for a benchmark: its own database, pinned to one core where taskset exists. */
import { spawn, execFileSync, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { cpuSecondsOf } from './cpu.ts';

const root = path.resolve(import.meta.dirname, '../..');
const ADMIN = { email: 'admin@bench.test', password: 'bench-admin-password' };
/** The benchmark server's token secret, for tools that check its tokens themselves. */
export const BENCH_JWT_SECRET = 'benchmark-secret-that-is-long-enough-0123456789';

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Runs a Node process on the core the server under test gets (core 0) where taskset exists. */
export function spawnOnServerCore(args: string[], options: SpawnOptions) {
  return hasTaskset
    ? spawn('taskset', ['-c', '0', process.execPath, ...args], options)
    : spawn(process.execPath, args, options);
}

/** Pins a load generator (this process by default) to the core the server does not get (core 1) where taskset exists. */
export function pinToLoadCore(pid = process.pid): void {
  if (hasTaskset) execFileSync('taskset', ['-cp', '1', String(pid)], { stdio: 'ignore' });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function api<T>(
  base: string,
  method: string,
  route: string,
  token: string | null,
  body?: object,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * A database of the benchmark's own: a SQLite file in a temp folder, or a database created on
 * BENCH_DATABASE_URL's PostgreSQL server. `drop` removes it.
 */
export async function createBenchDatabase(dialect: 'sqlite' | 'postgres') {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'igniflo-bench-'));
    return {
      url: `file:${path.join(dir, 'igniflo.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `igniflo_bench_${process.pid}_${Date.now()}`;
  const run = async (text: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

let built = false;
/** The server as `npm start` runs it, compiled once per benchmark process from the current source. */
function compiledServer(): string {
  if (!built) execFileSync(process.execPath, ['apps/server/build.mjs'], { cwd: root, stdio: 'inherit' });
  built = true;
  return 'apps/server/dist/main.js';
}

/** Resident memory of a process in MB (Linux /proc), NaN where it cannot tell. */
export function rssMb(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Math.round(Number(kb) / 1024);
  } catch {
    return NaN;
  }
}

/** The token the benchmark server's /metrics asks for (it is hidden in production without one). */
export const BENCH_METRICS_TOKEN = 'benchmark-metrics-token-0123456789';

/**
 * Starts the compiled server on a database of its own, dropped by `stop`, or on `existing` (a
 * DATABASE_URL), which `stop` leaves as it is.
 */
export async function startServer(
  dialect: 'sqlite' | 'postgres',
  env: Record<string, string> = {},
  existing?: string,
) {
  const { url: databaseUrl, drop } = existing
    ? { url: existing, drop: async () => {} }
    : await createBenchDatabase(dialect);
  const port = await freePort();
  // BENCH_SERVER_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, profiles the server under load.
  const extra = process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
  const args = [...extra, '--expose-gc', compiledServer()];
  const spawnedAt = performance.now();
  const child = spawnOnServerCore(args, {
    cwd: root,
    env: serverEnv(),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  function serverEnv() {
    return {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMIT_MAX: '10000000',
      AUTH_RATE_LIMIT_MAX: '10000000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      JWT_SECRET: BENCH_JWT_SECRET,
      // Required in production; the benchmark never signs in by phone.
      SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms',
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
      ...env,
    };
  }
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      if (i > 3000) {
        child.kill('SIGKILL'); // not left running on its own
        await drop();
        throw new Error('server did not start');
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  const pid = child.pid ?? 0;
  return {
    url,
    /** Seconds since the process was spawned: where a load sits in its CPU profile (BENCH_SERVER_ARGS). */
    secondsSinceSpawn: () => Number(((performance.now() - spawnedAt) / 1000).toFixed(1)),
    /**
     * From spawning the process to its first healthy answer (on a new database: migrations and the
     * admin's password hash included), and the CPU it spent meanwhile: on a shared machine the
     * wall time moves with the other processes, the CPU time much less.
     */
    start: {
      toHealthyMs: Math.round(performance.now() - spawnedAt),
      cpuMs: Math.round(cpuSecondsOf(pid) * 1000),
      rssMb: rssMb(pid),
    },
    /** For direct checks after a run (the benchmark's own, never the app's code paths). */
    database: databaseUrl.startsWith('file:')
      ? { dialect: 'sqlite' as const, file: databaseUrl.slice('file:'.length), synchronous: 'FULL' as const }
      : { dialect: 'postgres' as const, url: databaseUrl },
    pid,
    adminToken: async () =>
      (await api<{ accessToken: string }>(url, 'POST', '/auth/login', null, ADMIN)).accessToken,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await drop();
    },
  };
}
