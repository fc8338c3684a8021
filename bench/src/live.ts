/**
 * Live delivery: N open SSE subscribers (in a separate load process), then status moves; reports
 * the delay from each move's 200 to its receipt at every subscriber (p50/p99), and the server's
 * RSS per open stream.
 *
 *   npx tsx bench/src/live.ts [subscribers=1000] [moves=5] [sqlite|postgres]
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MAX_STREAMS_PER_USER } from '../../apps/server/src/modules/live/open-stream.ts';
import { api, pinToLoadCore, startServer } from './server.ts';

const subscribers = Number(process.argv[2] ?? 1000);
const moves = Number(process.argv[3] ?? 5);
const dialect = (process.argv[4] ?? 'sqlite') as 'sqlite' | 'postgres';
const wallNow = () => performance.timeOrigin + performance.now();
const rssKb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export async function measureLive(count: number, moveCount: number, which: 'sqlite' | 'postgres') {
  const server = await startServer(which);
  try {
    const admin = await server.adminToken();
    const product = await api<{ id: string }>(server.url, 'POST', '/products', admin, {
      sku: 'LIVE',
      name: 'Live',
      priceCents: 100,
      stock: 100,
    });
    const customer = await api<{ accessToken: string }>(server.url, 'POST', '/auth/register', null, {
      email: 'live@bench.test',
      password: 'bench-password',
      name: 'Live',
    });
    const order = await api<{ id: string }>(server.url, 'POST', '/orders', customer.accessToken, {
      items: [{ productId: product.id, quantity: 1 }],
    });

    // Staff see every order's events; each account may hold MAX_STREAMS_PER_USER streams open.
    const staff: string[] = [];
    for (let i = 0; i < Math.ceil(count / MAX_STREAMS_PER_USER); i += 10) {
      const batch = Array.from({ length: 10 }, async (_, j) => {
        const account = { email: `staff${i + j}@bench.test`, password: 'bench-password' };
        await api(server.url, 'POST', '/admin/users', admin, { ...account, name: 'Staff', role: 'STAFF' });
        return (await api<{ accessToken: string }>(server.url, 'POST', '/auth/login', null, account))
          .accessToken;
      });
      staff.push(...(await Promise.all(batch)));
    }

    global.gc?.();
    await new Promise((r) => setTimeout(r, 500));
    const before = rssKb(server.pid);
    const load = fork(
      path.join(import.meta.dirname, 'subscribers.ts'),
      [`${server.url}/api/v1/events`, String(count), staff.join(',')],
      {
        execArgv: ['--import', 'tsx'],
      },
    );
    if (load.pid !== undefined) pinToLoadCore(load.pid);
    await new Promise<void>((resolve, reject) => {
      load.once('message', (m: { type: string }) =>
        m.type === 'ready' ? resolve() : reject(new Error('load failed')),
      );
      load.once('exit', (code) => reject(new Error(`load exited ${code}`)));
    });
    await new Promise((r) => setTimeout(r, 1000));
    const after = rssKb(server.pid);

    const sent = new Map<string, number>();
    const statuses = [
      'CONFIRMED',
      'ON_HOLD',
      'CONFIRMED',
      'ON_HOLD',
      'CONFIRMED',
      'ON_HOLD',
      'CONFIRMED',
      'ON_HOLD',
      'CONFIRMED',
      'ON_HOLD',
    ];
    for (let i = 0; i < moveCount; i++) {
      const res = await api<{ id: string; version: number }>(
        server.url,
        'PATCH',
        `/orders/${order.id}/status`,
        admin,
        {
          status: statuses[i % statuses.length],
        },
      );
      const okAt = wallNow();
      const history = await api<{ items: { id: number }[] }>(
        server.url,
        'GET',
        `/orders/${order.id}/history`,
        admin,
      );
      sent.set(String(history.items.at(-1)?.id), okAt);
      void res;
      await new Promise((r) => setTimeout(r, 1500));
    }
    const receipts = await new Promise<Record<string, number[]>>((resolve) => {
      load.once('message', (m: { type: string; receipts: Record<string, number[]> }) => resolve(m.receipts));
      load.send({ type: 'report' });
    });
    load.send({ type: 'exit' });

    const delays: number[] = [];
    let delivered = 0;
    for (const [id, okAt] of sent) {
      const got = receipts[id] ?? [];
      delivered += got.length;
      for (const at of got) delays.push(Math.max(0, at - okAt));
    }
    delays.sort((a, b) => a - b);
    return {
      dialect: which,
      subscribers: count,
      moves: moveCount,
      delivered: `${delivered}/${count * moveCount}`,
      p50Ms: Number(percentile(delays, 50).toFixed(1)),
      p99Ms: Number(percentile(delays, 99).toFixed(1)),
      rssPerStreamKb: Number(((after - before) / count).toFixed(1)),
    };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureLive(subscribers, moves, dialect);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
