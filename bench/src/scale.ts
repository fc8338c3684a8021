/**
 * `npm run bench:scale`: the growth row. On a database the app's own migrations made, bulk-inserts
 * 10,000 orders (customers, lines, history, packages: bench/src/scale/data.ts) and keeps a copy;
 * grows the database to BENCH_SCALE_ORDERS orders (1,000,000 by default) and gives it the upkeep a
 * live database would have had (ANALYZE; VACUUM ANALYZE on PostgreSQL, as autovacuum would); then
 * starts the compiled server on each and measures three reads over HTTP, the two servers taking
 * turns request by request, and divides: the target is ≤ 1.5 for each read. SQLite in temp files;
 * PostgreSQL in databases created (and dropped) on the server of BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL. Prints a table and writes bench/results/scale.json.
 *
 *   npm run bench:scale                                both databases
 *   npm run bench:scale -- sqlite|postgres             one
 *   BENCH_SCALE_ORDERS=100000 npm run bench:scale      a smaller growth
 *   BENCH_SCALE_REQUESTS=500 npm run bench:scale       fewer requests per read (2,000)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../apps/server/src/platform/db/database.ts';
import { migrateToLatest } from '../../apps/server/src/platform/db/migrator.ts';
import { hashPassword } from '../../apps/server/src/lib/passwords.ts';
import {
  BASE_ORDERS,
  customerRows,
  customersFor,
  orderRows,
  productRows,
  sampleNumbers,
  startMs,
  MEASURED_CUSTOMER,
} from './scale/data.ts';
import { copyDatabase, postgresLoader, sqliteLoader, type Loader } from './scale/load.ts';
import { measureReads, READS, WATCHED_STATUS, type Medians } from './scale/measure.ts';
import { createBenchDatabase, pinToLoadCore, startServer } from './server.ts';

type Dialect = 'sqlite' | 'postgres';
const args = process.argv.slice(2);
const dialects: Dialect[] = args.some((a) => a === 'sqlite' || a === 'postgres')
  ? args.filter((a): a is Dialect => a === 'sqlite' || a === 'postgres')
  : ['sqlite', 'postgres'];
const TOTAL = Number(process.env.BENCH_SCALE_ORDERS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_SCALE_REQUESTS ?? 2000);
const WARM_UP = 200;
const ORDERS_PER_COMMIT = 20_000;
const TARGET = 1.5;
if (!Number.isInteger(TOTAL) || TOTAL <= BASE_ORDERS)
  throw new Error(`BENCH_SCALE_ORDERS must be over ${BASE_ORDERS}`);

pinToLoadCore();
const log = (text: string) => process.stdout.write(`${text}\n`);
const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(1));

async function insertOrders(loader: Loader, from: number, to: number, customers: number, start: number) {
  for (let at = from; at < to; at += ORDERS_PER_COMMIT) {
    await loader.insert(orderRows(at, Math.min(at + ORDERS_PER_COMMIT, to), customers, start));
    if ((at - from) % 200_000 === 0 && at > from) log(`  … ${at.toLocaleString('en')} orders`);
  }
}

async function growthRow(dialect: Dialect) {
  const database = await createBenchDatabase(dialect);
  let base: Awaited<ReturnType<typeof copyDatabase>> | undefined;
  const start = startMs(TOTAL);
  const openLoader = () =>
    dialect === 'sqlite'
      ? Promise.resolve(sqliteLoader(database.url.slice('file:'.length)))
      : postgresLoader(database.url);
  try {
    const app = openDatabase(
      dialect === 'sqlite'
        ? { dialect, file: database.url.slice('file:'.length), synchronous: 'OFF' }
        : { dialect, url: database.url },
    );
    await migrateToLatest(app.db);
    await app.close();

    let started = performance.now();
    let loader = await openLoader();
    const measuredHash = await hashPassword(MEASURED_CUSTOMER.password);
    await loader.insert([customerRows(0, BASE_ORDERS, start, measuredHash), productRows(start)]);
    await insertOrders(loader, 0, BASE_ORDERS, BASE_ORDERS, start);
    await loader.upkeep();
    await loader.close();
    const seedSeconds = seconds(started);
    // The 10,000-order database is kept as it is, to be measured beside the grown one.
    base = await copyDatabase(database.url);
    log(`${dialect}: ${BASE_ORDERS.toLocaleString('en')} orders in ${seedSeconds} s; growing`);

    started = performance.now();
    loader = await openLoader();
    const customers = customersFor(TOTAL);
    for (let j = BASE_ORDERS; j < customers; j += 50_000) {
      await loader.insert([customerRows(j, Math.min(j + 50_000, customers), start, '')]);
    }
    await insertOrders(loader, BASE_ORDERS, TOTAL, customers, start);
    const insertSeconds = seconds(started);
    const upkeepStarted = performance.now();
    await loader.upkeep();
    await loader.close();
    const upkeepSeconds = seconds(upkeepStarted);
    log(
      `${dialect}: grown to ${TOTAL.toLocaleString('en')} orders in ${insertSeconds} s + upkeep ${upkeepSeconds} s; measuring`,
    );
    const env = { TRUST_PROXY: '1', LOG_LEVEL: process.env.BENCH_SCALE_LOG_LEVEL ?? 'warn' };
    const small = await startServer(dialect, env, base.url);
    const large = await startServer(dialect, env, database.url).catch(async (error: unknown) => {
      await small.stop();
      throw error;
    });
    log(
      `  servers healthy ${small.start.toHealthyMs} ms and ${large.start.toHealthyMs} ms after their start`,
    );
    try {
      const [smallMedians, largeMedians] = await measureReads(
        [
          {
            url: small.url,
            adminToken: await small.adminToken(),
            trackNumbers: sampleNumbers(BASE_ORDERS, 200),
          },
          { url: large.url, adminToken: await large.adminToken(), trackNumbers: sampleNumbers(TOTAL, 200) },
        ],
        { count: REQUESTS, warmUp: WARM_UP },
      );
      return {
        small: smallMedians!,
        large: largeMedians!,
        seedSeconds,
        growth: { insertSeconds, upkeepSeconds, customers },
      };
    } finally {
      await Promise.all([small.stop(), large.stop()]);
    }
  } finally {
    await base?.drop();
    await database.drop();
  }
}

const ratio = (small: Medians, large: Medians) =>
  Object.fromEntries(READS.map((read) => [read, Number((large[read] / small[read]).toFixed(2))])) as Medians;

const results: Record<string, unknown> = {};
const table: string[] = [
  `| database | read | p50 at ${BASE_ORDERS.toLocaleString('en')} (ms) | p50 at ${TOTAL.toLocaleString('en')} (ms) | ratio |`,
  '|---|---|---|---|---|',
];
const NAMES: Record<(typeof READS)[number], string> = {
  customerList: "customer's GET /orders",
  staffStatusList: `staff GET /orders?status=${WATCHED_STATUS}`,
  track: 'GET /track/:number',
};
for (const dialect of dialects) {
  const row = await growthRow(dialect);
  const ratios = ratio(row.small, row.large);
  results[dialect] = { ...row, ratios, withinTarget: READS.every((read) => ratios[read] <= TARGET) };
  for (const read of READS) {
    table.push(`| ${dialect} | ${NAMES[read]} | ${row.small[read]} | ${row.large[read]} | ${ratios[read]} |`);
  }
}
log(`\n${table.join('\n')}\n`);
const out = path.resolve(import.meta.dirname, '../results/scale.json');
mkdirSync(path.dirname(out), { recursive: true });
const meta = {
  at: new Date().toISOString(),
  orders: { base: BASE_ORDERS, grown: TOTAL },
  requestsPerRead: REQUESTS,
  warmUp: WARM_UP,
  target: TARGET,
  loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
};
writeFileSync(out, `${JSON.stringify({ ...meta, ...results }, null, 2)}\n`);
log(`written ${path.relative(process.cwd(), out)}; load average ${meta.loadAverage.join(' ')}`);
process.exit(0);
