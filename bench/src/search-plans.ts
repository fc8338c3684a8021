/**
 * The query plans of the orders list's search (SPEC §14, migration 0014) over 100k orders: seeds
 * 5,000 customers, 100,000 orders with 1–3 lines each and a package for every third order, by bulk
 * insert, then prints each search's plan and its median time (20 runs) on SQLite and, with
 * TEST_DATABASE_URL set (a server where it may create and drop a database), on PostgreSQL.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/src/search-plans.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CompiledQuery, sql } from 'kysely';
import { openDatabase, type Database, type Db } from '../../apps/server/src/platform/db/database.ts';
import { migrateToLatest } from '../../apps/server/src/platform/db/migrator.ts';
import { newId } from '../../apps/server/src/lib/ids.ts';
import {
  compileOrderVersions,
  type OrderFilter,
} from '../../apps/server/src/modules/orders/orders.repository.ts';

const ORDERS = Number(process.env.ORDERS ?? 100_000);
const CUSTOMERS = 5_000;
const BATCH = 500;
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const SURNAMES = ['Smith', 'Okafor', 'Novak', 'Tanaka', 'Garcia', 'Lindqvist', 'Moreau', 'Kowalski'];

/** A deterministic pseudo-random number generator, so both databases get the same data. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** The i-th order's number: i scrambled by an odd multiplier mod 32^10, so unique and random-looking. */
function orderNumber(i: number): string {
  let n = (BigInt(i) * 7_919_370_149n + 12_345n) % 32n ** 10n;
  let text = '';
  for (let d = 0; d < 10; d++, n /= 32n) text += ALPHABET[Number(n % 32n)];
  return text;
}

async function seed(db: Db): Promise<{ orderNumber: string; email: string }> {
  const next = random(42);
  const at = new Date().toISOString();
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
    id: newId(),
    email: `customer-${i}@example.test`,
    name: `Customer ${SURNAMES[i % SURNAMES.length]} ${i}`,
    role: 'CUSTOMER' as const,
    active: 1,
    created_at: at,
    updated_at: at,
  }));
  for (let i = 0; i < customers.length; i += BATCH) {
    await db
      .insertInto('users')
      .values(customers.slice(i, i + BATCH))
      .execute();
  }
  let sample = { orderNumber: '', email: '' };
  for (let start = 0; start < ORDERS; start += BATCH) {
    const orders = [];
    const items = [];
    const packages = [];
    for (let i = start; i < Math.min(start + BATCH, ORDERS); i++) {
      const customer = customers[Math.floor(next() * CUSTOMERS)]!;
      const id = newId();
      const number = orderNumber(i);
      if (i === Math.floor(ORDERS / 2)) sample = { orderNumber: number, email: customer.email };
      orders.push({
        id,
        order_number: number,
        customer_id: customer.id,
        customer_name: customer.name,
        title: i % 10 === 0 ? `Custom request ${i}` : null,
        total_cents: 1000 + (i % 9000),
        currency: 'USD',
        status: i % 4 === 0 ? ('PENDING' as const) : ('DELIVERED' as const),
        payment_received: 1,
        created_at: at,
        updated_at: at,
        status_updated_at: at,
        version: 1,
      });
      const lines = 1 + Math.floor(next() * 3);
      for (let line = 1; line <= lines; line++) {
        const sku = `SKU-${String(Math.floor(next() * 2000)).padStart(5, '0')}`;
        items.push({
          order_id: id,
          line,
          product_id: null,
          sku,
          name: `Product ${sku}`,
          unit_price_cents: 1000,
          quantity: 1,
          options: '{}',
        });
      }
      if (i % 3 === 0) {
        packages.push({
          id: newId(),
          order_id: id,
          number: 1,
          carrier: 'UPS',
          tracking_number: `1Z${String(i).padStart(10, '0')}`,
          status: 'IN_TRANSIT' as const,
          status_at: at,
          created_at: at,
          shipped_at: at,
        });
      }
    }
    await db.insertInto('orders').values(orders).execute();
    await db.insertInto('order_items').values(items).execute();
    if (packages.length > 0) await db.insertInto('shipments').values(packages).execute();
  }
  return sample;
}

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[10]!;
}

async function plans(database: Database, label: string) {
  const { db } = database;
  await migrateToLatest(db);
  const started = performance.now();
  const sample = await seed(db);
  // PostgreSQL: as autovacuum leaves it, the GIN indexes' pending lists merged in.
  await (database.dialect === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db);
  process.stdout.write(
    `\n## ${label}: ${ORDERS} orders seeded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  const searches: [string, Partial<OrderFilter>][] = [
    ['no search (the list as it was)', {}],
    ['order number, lower case', { q: sample.orderNumber.toLowerCase() }],
    ['customer email', { q: sample.email }],
    ['customer name fragment + status', { q: 'lindqvist 12', status: 'PENDING' }],
    ['SKU', { q: 'sku-01234' }],
    ['package tracking number', { q: '1z0000031' }],
    ['no match', { q: 'nothing-like-this' }],
  ];
  for (const [name, filter] of searches) {
    const compiled = compileOrderVersions(db, { limit: 50, ...filter });
    const explain =
      database.dialect === 'postgres' ? 'explain (analyze, costs off, timing off)' : 'explain query plan';
    const plan = await db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(`${explain} ${compiled.sql}`, [...compiled.parameters]),
    );
    const ms = await median(() => db.executeQuery(compiled));
    const found = (await db.executeQuery(compiled)).rows.length;
    process.stdout.write(
      `\n### ${name} (q=${filter.q ?? ''}): ${found} rows, median ${ms.toFixed(2)} ms\n\n`,
    );
    process.stdout.write(`${format(plan.rows)}\n`);
  }
}

function format(rows: readonly Record<string, unknown>[]): string {
  if (rows[0] && 'QUERY PLAN' in rows[0]) return rows.map((row) => String(row['QUERY PLAN'])).join('\n');
  // SQLite: id, parent, detail, indented by depth.
  const depth = new Map<number, number>([[0, -1]]);
  return rows
    .map((row) => {
      const level = (depth.get(Number(row.parent)) ?? -1) + 1;
      depth.set(Number(row.id), level);
      return `${'  '.repeat(level)}${String(row.detail)}`;
    })
    .join('\n');
}

const dir = mkdtempSync(path.join(tmpdir(), 'igniflo-search-plans-'));
const sqlite = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'db.sqlite'), synchronous: 'OFF' });
try {
  await plans(sqlite, 'SQLite');
} finally {
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}

const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl) {
  const name = `igniflo_search_plans_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const postgres = openDatabase({ dialect: 'postgres', url: url.toString() });
  try {
    await plans(postgres, 'PostgreSQL');
  } finally {
    await postgres.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
