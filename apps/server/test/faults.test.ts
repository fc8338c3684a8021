/**
 * Fault tests on the real process: kill -9 in the middle of a burst of orders loses no
 * acknowledged order and leaves stock equal to the ledger, on SQLite and on PostgreSQL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Order } from '@igniflo/contract';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createPgDatabase, dialects } from './context.ts';
import { start, tempDatabase, type Running } from './server-process.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function call<T>(base: string, method: string, path: string, token: string | null, body?: object) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

describe.each(dialects)('kill -9 during a burst of orders on %s', (dialect) => {
  it('keeps every acknowledged order and stock equal to the ledger after a restart', async () => {
    let databaseUrl = tempDatabase();
    if (dialect === 'postgres') {
      const created = await createPgDatabase();
      databaseUrl = created.url;
      cleanups.push(created.drop);
    }
    const env = {
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'fault-test-secret-long-enough-for-hs256-0000',
      SEED_DEMO: 'false',
      ADMIN_EMAIL: 'admin@faults.test',
      ADMIN_PASSWORD: 'fault-admin-password',
      RATE_LIMIT_MAX: '10000000',
      AUTH_RATE_LIMIT_MAX: '10000000',
      LOG_LEVEL: 'warn',
    };
    let server: Running = await start(env);
    const admin = (
      await call<{ accessToken: string }>(server.url, 'POST', '/auth/login', null, {
        email: env.ADMIN_EMAIL,
        password: env.ADMIN_PASSWORD,
      })
    ).body.accessToken;
    const INITIAL = 60;
    const products: string[] = [];
    for (let i = 0; i < 8; i++) {
      products.push(
        (
          await call<{ id: string }>(server.url, 'POST', '/products', admin, {
            sku: `FAULT-${i}`,
            name: `Fault ${i}`,
            priceCents: 100,
            stock: INITIAL,
          })
        ).body.id,
      );
    }
    const clients = await Promise.all(
      Array.from(
        { length: 20 },
        async (_, i) =>
          (
            await call<{ accessToken: string }>(server.url, 'POST', '/auth/register', null, {
              email: `c${i}@faults.test`,
              password: 'client-password',
              name: `C${i}`,
            })
          ).body.accessToken,
      ),
    );

    // 20 clients, 25 orders each; the server is killed part-way through.
    const acknowledged: Order[] = [];
    let answered = 0;
    const burst = Promise.all(
      clients.map(async (token, c) => {
        for (let n = 0; n < 25; n++) {
          const items = [{ productId: products[(c + n) % products.length]!, quantity: 1 + ((c * n) % 2) }];
          try {
            const res = await call<Order>(server.url, 'POST', '/orders', token, { items });
            answered += 1;
            if (res.status === 201) acknowledged.push(res.body);
          } catch {
            return; // the server is gone
          }
        }
      }),
    );
    while (answered < 120) await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGKILL');
    await server.exited;
    await burst;
    expect(acknowledged.length).toBeGreaterThanOrEqual(120);
    expect(acknowledged.length).toBeLessThan(500);

    server = await start(env);
    cleanups.push(async () => {
      server.child.kill('SIGTERM');
      await server.exited;
    });
    const database: Database = openDatabase(loadConfig({ ...env, NODE_ENV: 'test' }).database);
    try {
      const { db } = database;
      const orders = await db.selectFrom('orders').select(['id', 'order_number']).execute();
      const ids = new Set(orders.map((o) => o.id));
      for (const order of acknowledged) expect(ids.has(order.id), order.orderNumber).toBe(true);
      // No half-written order: each has its items and its created event; each reservation its order.
      const items = await db
        .selectFrom('order_items')
        .select(['order_id', 'product_id', 'quantity'])
        .execute();
      const created = await db
        .selectFrom('order_events')
        .select('order_id')
        .where('type', '=', 'created')
        .execute();
      expect(new Set(items.map((i) => i.order_id))).toEqual(ids);
      expect(new Set(created.map((e) => e.order_id))).toEqual(ids);
      const ledger = await db
        .selectFrom('inventory_ledger')
        .select(['product_id', 'delta', 'order_id'])
        .execute();
      for (const entry of ledger) if (entry.order_id) expect(ids.has(entry.order_id)).toBe(true);
      for (const productId of products) {
        const { stock } = await db
          .selectFrom('products')
          .select('stock')
          .where('id', '=', productId)
          .executeTakeFirstOrThrow();
        const reserved = items
          .filter((i) => i.product_id === productId)
          .reduce((sum, i) => sum + i.quantity, 0);
        const ledgerTotal = ledger
          .filter((e) => e.product_id === productId)
          .reduce((sum, e) => sum + e.delta, 0);
        expect(stock).toBe(INITIAL - reserved);
        expect(stock).toBe(ledgerTotal);
        expect(stock).toBeGreaterThanOrEqual(0);
      }
      // And the restarted server serves them.
      const last = acknowledged.at(-1)!;
      const again = await call<Order>(server.url, 'GET', `/orders/${last.id}`, admin);
      expect(again.body.orderNumber).toBe(last.orderNumber);
    } finally {
      await database.close();
    }
  }, 120_000);
});
