/**
 * The growth row's reads without HTTP, on SQLite: the app's own repository functions that the
 * three reads run (the list's versions, the staff list's customer contacts, tracking's order by
 * number, its history and its packages), each timed in-process as the median of 2,000 runs on the
 * connection settings the server uses, with its query plans; at 10,000 orders, then grown to
 * BENCH_SCALE_ORDERS (1,000,000 by default) with the same data as `npm run bench:scale`.
 *
 *   npx tsx bench/src/scale/statements.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CompiledQuery } from 'kysely';
import { openDatabase, type Db } from '../../../apps/server/src/platform/db/database.ts';
import { migrateToLatest } from '../../../apps/server/src/platform/db/migrator.ts';
import {
  findOrderByNumber,
  listOrderVersions,
} from '../../../apps/server/src/modules/orders/orders.repository.ts';
import { eventsOf } from '../../../apps/server/src/modules/order-log/order-log.repository.ts';
import { TRACKED_TYPES } from '../../../apps/server/src/modules/order-log/order-log.ts';
import { shipmentsOf } from '../../../apps/server/src/modules/shipments/shipments.repository.ts';
import { findUserContacts } from '../../../apps/server/src/modules/users/users.repository.ts';
import {
  BASE_ORDERS,
  customerId,
  customerRows,
  customersFor,
  orderRows,
  productRows,
  sampleNumbers,
  startMs,
} from './data.ts';
import { sqliteLoader } from './load.ts';
import { WATCHED_STATUS } from './measure.ts';

const TOTAL = Number(process.env.BENCH_SCALE_ORDERS ?? 1_000_000);
const dir = mkdtempSync(path.join(tmpdir(), 'igniflo-scale-statements-'));
const file = path.join(dir, 'igniflo.db');
const start = startMs(TOTAL);

async function grow(from: number, to: number) {
  const loader = sqliteLoader(file);
  const customers = from === 0 ? BASE_ORDERS : customersFor(TOTAL);
  if (from === 0) await loader.insert([customerRows(0, BASE_ORDERS, start, ''), productRows(start)]);
  for (let j = Math.max(from, BASE_ORDERS); j < customers; j += 50_000) {
    await loader.insert([customerRows(j, Math.min(j + 50_000, customers), start, '')]);
  }
  for (let at = from; at < to; at += 20_000) {
    await loader.insert(orderRows(at, Math.min(at + 20_000, to), customers, start));
  }
  await loader.upkeep();
  await loader.close();
}

async function medianUs(run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return Math.round(times.sort((a, b) => a - b)[1000]! * 1000);
}

async function plan(db: Db, query: { compile(): CompiledQuery }) {
  const { sql, parameters } = query.compile();
  const rows = await db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]),
  );
  return rows.rows.map((row) => row.detail).join('; ');
}

async function measure(orders: number) {
  const app = openDatabase({ dialect: 'sqlite', file, synchronous: 'FULL' });
  const { db } = app;
  const numbers = sampleNumbers(orders, 200);
  const ids = (await Promise.all(numbers.map((n) => findOrderByNumber(db, n)))).map((row) => row!.id);
  const page = await listOrderVersions(db, { status: WATCHED_STATUS, limit: 20 });
  const customers = page.map((head) => head.customer_id);
  const shipped = await db.selectFrom('shipments').select('id').limit(1).executeTakeFirstOrThrow();
  const times = {
    customerListVersions: await medianUs(() =>
      listOrderVersions(db, { customerId: customerId(0, start), limit: 20 }),
    ),
    staffListVersions: await medianUs(() => listOrderVersions(db, { status: WATCHED_STATUS, limit: 20 })),
    staffListContacts: await medianUs(() => findUserContacts(db, customers)),
    trackOrderByNumber: await medianUs((i) => findOrderByNumber(db, numbers[i % 200]!)),
    trackHistory: await medianUs((i) => eventsOf(db, ids[i % 200]!, { types: TRACKED_TYPES })),
    trackPackages: await medianUs((i) => shipmentsOf(db, [ids[i % 200]!])),
  };
  process.stdout.write(`\n## ${orders.toLocaleString('en')} orders: median µs per call\n`);
  for (const [name, us] of Object.entries(times)) process.stdout.write(`${name.padEnd(22)} ${us}\n`);
  if (orders === TOTAL) {
    const plans = {
      staffListVersions: db
        .selectFrom('orders')
        .select(['id', 'version', 'customer_id'])
        .where('status', '=', WATCHED_STATUS)
        .orderBy('id', 'desc')
        .limit(21),
      trackHistory: db
        .selectFrom('order_events')
        .selectAll()
        .where('order_id', '=', ids[0]!)
        .where('type', 'in', [...TRACKED_TYPES])
        .orderBy('id'),
      trackPackages: db.selectFrom('shipments').selectAll().where('order_id', 'in', [ids[0]!]),
      trackPackageEvents: db
        .selectFrom('shipment_events')
        .selectAll()
        .where('shipment_id', 'in', [shipped.id])
        .orderBy('at')
        .orderBy('id'),
    };
    process.stdout.write('\nplans:\n');
    for (const [name, query] of Object.entries(plans)) {
      process.stdout.write(`${name.padEnd(22)} ${await plan(db, query)}\n`);
    }
  }
  await app.close();
}

try {
  const app = openDatabase({ dialect: 'sqlite', file, synchronous: 'OFF' });
  await migrateToLatest(app.db);
  await app.close();
  await grow(0, BASE_ORDERS);
  await measure(BASE_ORDERS);
  const started = performance.now();
  await grow(BASE_ORDERS, TOTAL);
  process.stdout.write(`\ngrown in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  await measure(TOTAL);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
