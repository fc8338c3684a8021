/**
 * Dashboard and analytics queries over 100,000 orders: seeds a fresh database, then times each
 * query (median of several runs).
 *
 *   npx tsx bench/src/analytics.ts [orders=100000] [sqlite|postgres]
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/platform/config.ts';
import { seedHistoricOrders } from '../../apps/server/src/modules/seed/demo-orders.ts';
import { insertUser } from '../../apps/server/src/modules/users/users.repository.ts';
import { newId } from '../../apps/server/src/lib/ids.ts';
import { createBenchDatabase } from './server.ts';

const count = Number(process.argv[2] ?? 100_000);
const dialect = (process.argv[3] ?? 'sqlite') as 'sqlite' | 'postgres';

async function median(fn: () => Promise<unknown>, runs = 7): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Number((times[Math.floor(runs / 2)] ?? 0).toFixed(1));
}

export async function measureAnalytics(orders: number, which: 'sqlite' | 'postgres') {
  const { url, drop } = await createBenchDatabase(which);
  const app = await buildApp(
    loadConfig({
      DATABASE_URL: url,
      JWT_SECRET: 'x'.repeat(40),
      LOG_LEVEL: 'silent',
      SQLITE_SYNCHRONOUS: 'NORMAL',
    }),
  );
  try {
    const { db } = app.database;
    for (let i = 0; i < 20; i++) {
      await app.services.products.create(
        { sku: `P-${i}`, name: `Product ${i}`, priceCents: 500 + i * 100, stock: 1_000_000 },
        null,
      );
    }
    const at = new Date().toISOString();
    const customers: string[] = [];
    for (let i = 0; i < 200; i++) {
      const row = await insertUser(db, {
        id: newId(),
        email: `c${i}@bench.test`,
        phone: null,
        name: `C${i}`,
        role: 'CUSTOMER',
        active: 1,
        password_hash: null,
        created_at: at,
        updated_at: at,
        last_login_at: null,
      });
      customers.push(row.id);
    }
    const seedStart = performance.now();
    const written = await seedHistoricOrders(db, app.services, {
      customerIds: customers,
      staffId: null,
      count: orders,
      days: 90,
    });
    const seedSeconds = Number(((performance.now() - seedStart) / 1000).toFixed(1));
    const now = Date.now();
    return {
      dialect: which,
      orders: written,
      seedSeconds,
      dashboardMs: await median(() => app.services.admin.dashboard()),
      analytics30DaysMs: await median(() =>
        app.services.admin.orderAnalytics({
          from: new Date(now - 30 * 86400_000).toISOString(),
          to: new Date(now).toISOString(),
          bucket: 'day',
        }),
      ),
      analytics90DaysMs: await median(() =>
        app.services.admin.orderAnalytics({
          from: new Date(now - 90 * 86400_000).toISOString(),
          to: new Date(now).toISOString(),
          bucket: 'day',
        }),
      ),
      analytics7DaysHourlyMs: await median(() =>
        app.services.admin.orderAnalytics({
          from: new Date(now - 7 * 86400_000).toISOString(),
          to: new Date(now).toISOString(),
          bucket: 'hour',
        }),
      ),
    };
  } finally {
    await app.server.close();
    await drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await measureAnalytics(count, dialect))}\n`);
}
