/** Two server processes on one PostgreSQL database: live events cross instances, complete and in order. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectEventStream,
  type EventStream,
  type LiveOrderEvent,
  type Order,
  type StreamMessage,
} from '@igniflo/contract';
import { createPgDatabase } from './context.ts';
import { start, type Running } from './server-process.ts';

const pgUrl = process.env.TEST_DATABASE_URL;

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.skipIf(!pgUrl)('two instances on one PostgreSQL database', () => {
  let database: { url: string; drop: () => Promise<void> };
  let a: Running;
  let b: Running;
  let adminToken: string;
  const streams: EventStream[] = [];

  const call = async <T>(
    instance: Running,
    method: string,
    path: string,
    token: string | null,
    body?: object,
  ) => {
    const res = await fetch(`${instance.url}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  const subscribe = (instance: Running) => {
    const messages: StreamMessage[] = [];
    const stream = connectEventStream({
      url: `${instance.url}/api/v1/events`,
      headers: () => ({ authorization: `Bearer ${adminToken}` }),
      onMessage: (m) => messages.push(m),
      minDelayMs: 50,
    });
    streams.push(stream);
    return { messages, events: () => messages.map((m) => JSON.parse(m.data) as LiveOrderEvent) };
  };

  beforeAll(async () => {
    database = await createPgDatabase();
    const env = {
      DATABASE_URL: database.url,
      JWT_SECRET: 'cluster-test-secret-long-enough-for-hs256',
      SEED_DEMO: 'false',
      ADMIN_EMAIL: 'admin@cluster.test',
      ADMIN_PASSWORD: 'cluster-admin-password',
      RATE_LIMIT_MAX: '1000000',
      AUTH_RATE_LIMIT_MAX: '1000000',
      LOG_LEVEL: 'warn',
    };
    a = await start(env);
    b = await start(env);
    adminToken = (
      await call<{ accessToken: string }>(a, 'POST', '/auth/login', null, {
        email: 'admin@cluster.test',
        password: 'cluster-admin-password',
      })
    ).accessToken;
  }, 60_000);

  afterAll(async () => {
    streams.forEach((s) => s.close());
    for (const instance of [a, b]) {
      instance?.child.kill('SIGTERM');
      await instance?.exited;
    }
    await database?.drop();
  });

  it('delivers a move made through instance A to a subscriber on instance B, and a burst of 200 moves complete and in id order on both', async () => {
    const product = await call<{ id: string }>(a, 'POST', '/products', adminToken, {
      sku: 'CLUSTER',
      name: 'Cluster',
      priceCents: 100,
      stock: 1000,
    });
    const customers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call<{ accessToken: string }>(i % 2 ? a : b, 'POST', '/auth/register', null, {
          email: `buyer${i}@cluster.test`,
          password: 'buyer-password',
          name: `Buyer ${i}`,
        }),
      ),
    );
    const orders = (
      await Promise.all(
        customers.map((c, i) =>
          Promise.all(
            Array.from({ length: 10 }, () =>
              call<Order>(i % 2 ? b : a, 'POST', '/orders', c.accessToken, {
                items: [{ productId: product.id, quantity: 1 }],
              }),
            ),
          ),
        ),
      )
    ).flat();

    const onA = subscribe(a);
    const onB = subscribe(b);
    await new Promise((r) => setTimeout(r, 500));

    const first = orders[0]!;
    await call(a, 'PATCH', `/orders/${first.id}/status`, adminToken, { status: 'CONFIRMED' });
    await until(
      () => onB.events().some((e) => e.orderId === first.id && e.toStatus === 'CONFIRMED'),
      'the move on B',
    );

    // 200 moves: two for each order, the first order continuing from CONFIRMED; spread over both instances.
    const plan = orders.map((order, i) => ({
      order,
      statuses:
        i === 0
          ? ['IN_PROGRESS', 'SHIPPED']
          : i % 2
            ? ['CONFIRMED', 'IN_PROGRESS']
            : ['CONFIRMED', 'ON_HOLD'],
    }));
    let moves = 0;
    await Promise.all(
      plan.map(async ({ order, statuses }, i) => {
        for (const [j, status] of statuses.entries()) {
          await call((i + j) % 2 ? a : b, 'PATCH', `/orders/${order.id}/status`, adminToken, { status });
          moves += 1;
        }
      }),
    );
    expect(moves).toBe(200);

    const total = 1 + moves;
    const moveEvents = (s: ReturnType<typeof subscribe>) =>
      s.events().filter((e) => e.type === 'status_changed');
    await until(
      () => moveEvents(onA).length >= total && moveEvents(onB).length >= total,
      'every move on both instances',
    );
    const idsA = onA.events().map((e) => e.id);
    const idsB = onB.events().map((e) => e.id);
    expect(idsA).toEqual(idsB);
    expect(idsA).toEqual([...idsA].sort((x, y) => x - y));
    expect(new Set(idsA).size).toBe(idsA.length);
    expect(moveEvents(onA)).toHaveLength(total);
  }, 120_000);
});
