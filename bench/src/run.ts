/**
 * `npm run bench`: every scenario on a freshly started server, first on SQLite, then on
 * PostgreSQL; prints a table and writes bench/results/latest.json. The server runs pinned to core 0
 * and this load generator to core 1 where taskset exists. Figures are ratios within one run: this
 * machine is shared and noisy.
 *
 *   npm run bench                        everything
 *   npm run bench -- sqlite|postgres     one database
 *   npm run bench -- sqlite orders       one scenario (ceiling, orders, hot, reads, login, floor, live;
 *                                        `start` alone only starts the server: its start and idle memory)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import autocannon, { type Options, type Request, type Result } from 'autocannon';
import { openDatabase } from '../../apps/server/src/platform/db/database.ts';
import { EVENT_LOOP_RESOLUTION_MS } from '../../apps/server/src/platform/http/metrics.ts';
import { countCpu } from './cpu.ts';
import { measureFloor } from './floor.ts';
import { measureLive } from './live.ts';
import {
  api,
  BENCH_METRICS_TOKEN,
  createBenchDatabase,
  pinToLoadCore,
  rssMb,
  startServer,
} from './server.ts';

type Dialect = 'sqlite' | 'postgres';
const SCENARIOS = ['start', 'ceiling', 'orders', 'hot', 'reads', 'login', 'floor', 'live'] as const;
type Scenario = (typeof SCENARIOS)[number];

const args = process.argv.slice(2);
const dialects: Dialect[] = args.some((a) => a === 'sqlite' || a === 'postgres')
  ? args.filter((a) => a === 'sqlite' || a === 'postgres')
  : ['sqlite', 'postgres'];
const only = args.filter((a): a is Scenario => (SCENARIOS as readonly string[]).includes(a));
const wanted = (s: Scenario) => only.length === 0 || only.includes(s);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const profiling = process.env.BENCH_SERVER_ARGS?.includes('--cpu-prof') ?? false;

pinToLoadCore();

const run = (options: Options) => autocannon({ duration: DURATION, connections: 100, ...options });
const summary = (r: Result) => ({
  rps: Math.round(r.requests.average),
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  ok: r['2xx'],
  non2xx: r.non2xx,
  errors: r.errors,
});

const metrics = async (url: string) =>
  (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).text();

/** Statements the server has sent to its database so far (round trips on PostgreSQL). */
const statementsSent = async (url: string) =>
  Number(/^igniflo_db_statements_total (\d+)$/m.exec(await metrics(url))?.[1] ?? NaN);

/** The event loop's delay p99 since the last scrape: the lag metric less its sampling interval. */
async function eventLoopDelayP99(url: string): Promise<number> {
  const text = await metrics(url);
  const lagMs = Number(/^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text)?.[1] ?? NaN) * 1000;
  return Math.max(0, lagMs - EVENT_LOOP_RESOLUTION_MS);
}

async function scenarios(dialect: Dialect) {
  const results: Record<string, unknown> = {};
  const repeat = (scenario: string) => `npm run bench -- ${dialect} ${scenario}`;
  const database = await createBenchDatabase(dialect);
  const server = await startServer(dialect, {}, database.url);
  // The first start creates the schema (migrations) and the admin; `restart` below is every later one.
  results.start = { ...server.start, repeat: repeat('start') };
  /**
   * One load of 100 connections: its figures, what it cost the server (and PostgreSQL), the
   * statements it sent the database per request, and the server's largest resident memory. The
   * cost counts until the server has settled after the load: work it put off (a background loop
   * running behind the requests, as the messages once did) is the load's cost too.
   */
  const measure = async (options: Options) => {
    const statements = await statementsSent(server.url);
    let rss = rssMb(server.pid);
    const sampler = setInterval(() => (rss = Math.max(rss, rssMb(server.pid))), 500);
    const cpu = countCpu(server.pid, dialect === 'postgres');
    const from = server.secondsSinceSpawn();
    const result = await run(options);
    if (profiling)
      process.stdout.write(`  (load from ${from} s to ${server.secondsSinceSpawn()} s of the profile)\n`);
    await settled();
    const figures = cpu(result.requests.total);
    clearInterval(sampler);
    const sent = (await statementsSent(server.url)) - statements;
    return {
      ...summary(result),
      ...figures,
      statementsPerRequest: Number((sent / Math.max(1, result.requests.total)).toFixed(2)),
      rssMb: rss,
    };
  };
  /** The statement count once the server has sent none for 100 ms: what earlier work set off is done. */
  const settled = async () => {
    for (let last = -1, i = 0; ; i++) {
      const now = await statementsSent(server.url);
      if (now === last || i === 100) return now;
      last = now;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  /**
   * Statements (round trips on PostgreSQL) of one request at a time, the mean of `n`, each with
   * what its commit wakes (the live feed, webhooks, the other instances' wake-up) until the server
   * is quiet again; what the idle server's timers send in as long is taken off.
   */
  const statementsOfOne = async (n: number, request: (i: number) => Promise<unknown>) => {
    let sent = 0;
    let busyMs = 0;
    for (let i = 0; i < n; i++) {
      const before = await settled();
      const started = performance.now();
      await request(i);
      sent += (await settled()) - before;
      busyMs += performance.now() - started;
    }
    const idleStart = await settled();
    await new Promise((r) => setTimeout(r, busyMs));
    const idle = (await statementsSent(server.url)) - idleStart;
    return Number(((sent - idle) / n).toFixed(2));
  };
  const ceilings: number[] = [];
  const ceilingCpu: number[] = [];
  const measureCeiling = async () => {
    const r = await measure({ url: `${server.url}/healthz` });
    ceilings.push(r.rps);
    ceilingCpu.push(r.serverUsPerRequest);
    return r;
  };
  try {
    const admin = await server.adminToken();
    const products: string[] = [];
    for (let i = 0; i < 200; i++) {
      const p = await api<{ id: string }>(server.url, 'POST', '/products', admin, {
        sku: `B-${i}`,
        name: `Bench ${i}`,
        priceCents: 100 + i,
        stock: 1_000_000,
      });
      products.push(p.id);
    }
    const customers: string[] = [];
    for (let i = 0; i < 100; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          api<{ accessToken: string }>(server.url, 'POST', '/auth/register', null, {
            email: `b${i + j}@bench.test`,
            password: 'bench-password',
            name: `B${i + j}`,
          }),
        ),
      );
      customers.push(...batch.map((s) => s.accessToken));
    }

    // BENCH_CEILING=0 leaves the ceiling out: for a profile of the scenarios alone.
    const needsCeiling =
      process.env.BENCH_CEILING !== '0' && (['ceiling', 'orders', 'reads', 'floor'] as const).some(wanted);
    if (needsCeiling) {
      await run({ url: `${server.url}/healthz`, duration: 2 }); // warm-up, not counted
      results.ceiling = { ...(await measureCeiling()), repeat: repeat('ceiling') };
    }

    let key = 0;
    const orderRequest = (ids: string[], maxItems: number) => ({
      method: 'POST' as const,
      path: '/api/v1/orders',
      setupRequest: (req: Request) => {
        const token = customers[Math.floor(Math.random() * customers.length)];
        const count = 1 + Math.floor(Math.random() * maxItems);
        const items = Array.from({ length: count }, () => ({
          productId: ids[Math.floor(Math.random() * ids.length)],
          quantity: 1,
        }));
        return {
          ...req,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'idempotency-key': `bench-${process.pid}-${++key}`,
          },
          body: JSON.stringify({ items }),
        };
      },
    });

    // Order placement warmed up once (2 s, not counted) before the first scenario that places
    // orders, as the ceiling is: otherwise whichever scenario runs first, alone or not, measures
    // the JIT compiling the order path too.
    let ordersWarm = false;
    const warmUpOrders = async () => {
      if (ordersWarm) return;
      await run({ url: server.url, requests: [orderRequest(products, 3)], duration: 2 });
      ordersWarm = true;
    };

    if (wanted('orders')) {
      await warmUpOrders();
      const r = await measure({ url: server.url, requests: [orderRequest(products, 3)] });
      results.placeOrder = { ...r, repeat: repeat('orders') };
    }

    if (wanted('hot')) {
      const INITIAL = 400;
      const hot: string[] = [];
      for (let i = 0; i < 5; i++) {
        hot.push(
          (
            await api<{ id: string }>(server.url, 'POST', '/products', admin, {
              sku: `HOT-${i}`,
              name: `Hot ${i}`,
              priceCents: 999,
              stock: INITIAL,
            })
          ).id,
        );
      }
      await warmUpOrders();
      const r = await measure({ url: server.url, requests: [orderRequest(hot, 2)] });
      const database = openDatabase(server.database);
      let check: Record<string, unknown>;
      try {
        const { db } = database;
        // Stock and units sold in one statement, so one snapshot: orders still committing as the
        // load ends cannot fall between two reads.
        const rows = await db
          .selectFrom('products')
          .select((eb) => [
            'id',
            'stock',
            eb
              .selectFrom('order_items')
              .select(sql<number>`coalesce(sum(quantity), 0)`.as('sold'))
              .whereRef('order_items.product_id', '=', 'products.id')
              .as('sold'),
          ])
          .where('id', 'in', hot)
          .execute();
        const soldBy = new Map(rows.map((p) => [p.id, Number(p.sold)]));
        const consistent = rows.every((p) => p.stock >= 0 && (soldBy.get(p.id) ?? 0) + p.stock === INITIAL);
        check = {
          initialPerProduct: INITIAL,
          unitsSold: [...soldBy.values()].reduce((a, b) => a + b, 0),
          stockLeft: rows.reduce((a, p) => a + p.stock, 0),
          noOversell: consistent,
        };
      } finally {
        await database.close();
      }
      results.hotProduct = { ...r, ...check, repeat: repeat('hot') };
    }

    if (wanted('reads')) {
      // Every customer's first page is full, whichever scenarios ran before: 20 orders of 1–3
      // items each (placed 10 customers at a time).
      for (let i = 0; i < customers.length; i += 10) {
        await Promise.all(
          customers.slice(i, i + 10).map(async (token) => {
            for (let n = 0; n < 20; n++) {
              const items = Array.from({ length: 1 + (n % 3) }, (_, j) => ({
                productId: products[(n * 7 + j * 13) % products.length],
                quantity: 1,
              }));
              await api(server.url, 'POST', '/orders', token, { items });
            }
          }),
        );
      }
      const orders = await measure({
        url: server.url,
        requests: [
          {
            method: 'GET',
            path: '/api/v1/orders?limit=20',
            setupRequest: (req: Request) => ({
              ...req,
              headers: {
                authorization: `Bearer ${customers[Math.floor(Math.random() * customers.length)]}`,
              },
            }),
          },
        ],
      });
      const catalog = await measure({ url: `${server.url}/api/v1/products?limit=20` });
      // A search is never served from the catalog cache: the database-backed figure.
      const search = await measure({ url: `${server.url}/api/v1/products?limit=20&q=bench` });
      results.readOrders = { ...orders, repeat: repeat('reads') };
      results.readProducts = { ...catalog, repeat: repeat('reads') };
      results.searchProducts = { ...search, repeat: repeat('reads') };
    }

    // Round trips one request at a time, with nothing else running: what one order and one
    // page cost, free of the grouping that load brings (on SQLite, a commit shared by a batch).
    if (wanted('orders') || wanted('reads')) {
      const token = customers[0] ?? '';
      const twoItems = (i: number) => ({
        items: [0, 1].map((j) => ({ productId: products[(i * 2 + j) % products.length], quantity: 1 })),
      });
      results.roundTrips = {
        placeOrder: await statementsOfOne(20, (i) => api(server.url, 'POST', '/orders', token, twoItems(i))),
        placeOrderWithKey: await statementsOfOne(20, (i) =>
          api(server.url, 'POST', '/orders', token, twoItems(i), { 'idempotency-key': `one-${i}` }),
        ),
        ordersPage: await statementsOfOne(20, () => api(server.url, 'GET', '/orders?limit=20', token)),
        repeat: repeat('orders reads'),
      };
    }

    // The ceiling again, after the scenarios it is a ratio for: this machine is shared, and one
    // measurement alone can be far off. Ratios are to the mean of the two.
    if (needsCeiling) {
      await measureCeiling();
      Object.assign(results.ceiling as object, {
        rps: Math.round(ceilings.reduce((a, b) => a + b, 0) / ceilings.length),
        measured: ceilings,
        serverUsPerRequest: Math.round(ceilingCpu.reduce((a, b) => a + b, 0) / ceilingCpu.length),
        serverUsMeasured: ceilingCpu,
      });
    }

    if (wanted('login')) {
      await warmUpOrders();
      await eventLoopDelayP99(server.url); // the histogram restarts at each scrape
      const [login, orders] = await Promise.all([
        run({
          url: server.url,
          connections: 20,
          requests: [
            {
              method: 'POST',
              path: '/api/v1/auth/login',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ email: 'b1@bench.test', password: 'bench-password' }),
            },
          ],
        }),
        run({ url: server.url, connections: 50, requests: [orderRequest(products, 3)] }),
      ]);
      results.login = {
        ...summary(login),
        placeOrderBeside: summary(orders).rps,
        eventLoopDelayP99Ms: Number((await eventLoopDelayP99(server.url)).toFixed(1)),
        repeat: repeat('login'),
      };
    }
    results.idle = { rssMb: rssMb(server.pid), repeat: repeat('start') };
  } finally {
    await server.stop();
  }
  try {
    if (wanted('start')) {
      // The same database, with what the loads left in it: a shop's server starting again.
      const again = await startServer(dialect, {}, database.url);
      results.restart = { ...again.start, repeat: repeat('start') };
      await again.stop();
    }
  } finally {
    await database.drop();
  }

  if (wanted('floor')) {
    // The database work of (2) alone, on the server's core: what no server code could go beyond.
    const floor = await measureFloor(dialect, DURATION);
    results.orderFloor = {
      rps: floor.statements.perSecond,
      // Not the server's: the floor's own process, on the server's core.
      serverUsPerRequest: floor.statements.cpuUs,
      ...(floor.statements.p99Ms === undefined
        ? {}
        : { postgresUsPerRequest: floor.statements.postgresUs, p99Ms: floor.statements.p99Ms }),
      ...(floor.oneRoundTrip === undefined
        ? {}
        : {
            oneRoundTripRps: floor.oneRoundTrip.perSecond,
            oneRoundTripUs: floor.oneRoundTrip.cpuUs,
            oneRoundTripPostgresUs: floor.oneRoundTrip.postgresUs,
            oneRoundTripP99Ms: floor.oneRoundTrip.p99Ms,
          }),
      // Every order's commit waits on the event-order lock: the orders per second and the wait of
      // 100 connections that any design keeping it meets.
      ...(floor.eventLock === undefined
        ? {}
        : { eventLockRps: floor.eventLock.perSecond, eventLockP99Ms: floor.eventLock.p99Ms }),
      repeat: `npm run bench:floor -- ${dialect}`,
    };
  }

  const ceiling = (results.ceiling as { rps: number } | undefined)?.rps ?? NaN;
  const ratio = (rps: number) => Number((rps / ceiling).toFixed(3));
  const ceilingUs = ceilingCpu.reduce((a, b) => a + b, 0) / ceilingCpu.length;
  for (const name of [
    'placeOrder',
    'hotProduct',
    'readOrders',
    'readProducts',
    'searchProducts',
    'orderFloor',
  ]) {
    const r = results[name] as
      | {
          rps: number;
          oneRoundTripRps?: number;
          oneRoundTripUs?: number;
          eventLockRps?: number;
          serverUsPerRequest?: number;
        }
      | undefined;
    if (r === undefined) continue;
    if (name !== 'hotProduct') Object.assign(r, { ratioToCeiling: ratio(r.rps) });
    // The server's CPU per request as a multiple of its CPU per /healthz in the same run.
    if (r.serverUsPerRequest !== undefined)
      Object.assign(r, { cpuRatioToCeiling: Number((r.serverUsPerRequest / ceilingUs).toFixed(1)) });
    if (r.oneRoundTripRps !== undefined) Object.assign(r, { oneRoundTripRatio: ratio(r.oneRoundTripRps) });
    if (r.eventLockRps !== undefined) Object.assign(r, { eventLockRatio: ratio(r.eventLockRps) });
    if (r.oneRoundTripUs !== undefined)
      Object.assign(r, { oneRoundTripCpuRatio: Number((r.oneRoundTripUs / ceilingUs).toFixed(1)) });
  }

  if (wanted('live')) {
    results.live1k = {
      ...(await measureLive(1000, 5, dialect)),
      repeat: `npm run bench:live -- 1000 5 ${dialect}`,
    };
    results.live10k = {
      ...(await measureLive(10_000, 5, dialect)),
      repeat: `npm run bench:live -- 10000 5 ${dialect}`,
    };
  }
  return results;
}

const report: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: `${(await import('node:os')).cpus().length} cores, ${Math.round((await import('node:os')).totalmem() / 2 ** 30)} GiB`,
  durationSeconds: DURATION,
};
for (const dialect of dialects) {
  process.stderr.write(`\n== ${dialect}\n`);
  report[dialect] = await scenarios(dialect);
  process.stdout.write(`\n${dialect}\n`);
  for (const [name, value] of Object.entries(report[dialect] as Record<string, Record<string, unknown>>)) {
    const { repeat, ...figures } = value;
    process.stdout.write(
      `  ${name.padEnd(14)} ${JSON.stringify(figures)}\n                 repeat: ${String(repeat)}\n`,
    );
  }
}
const out = path.resolve(import.meta.dirname, '../results/latest.json');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`\nwrote ${out}\n`);
