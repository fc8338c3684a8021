/**
 * What a query costs on the way through Kysely, on the app's own SQLite connection: building and
 * compiling it, running it built each time, running it through prepared() (db/prepared.ts), and the
 * bare better-sqlite3 statement. Microseconds per query, medians of 5 rounds.
 *
 *   npx tsx bench/src/query-cost.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../../apps/server/src/platform/db/database.ts';
import { migrateToLatest } from '../../apps/server/src/platform/db/migrator.ts';
import { prepared } from '../../apps/server/src/platform/db/prepared.ts';
import { newId } from '../../apps/server/src/lib/ids.ts';
import type { NewOrderRow } from '../../apps/server/src/modules/orders/orders.table.ts';

const ROUNDS = 5;
const PER_ROUND = 20_000;

async function time(run: (i: number) => unknown): Promise<number> {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    for (let i = 0; i < PER_ROUND; i++) await run(i);
    rounds.push(((performance.now() - start) * 1000) / PER_ROUND);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

const dir = mkdtempSync(path.join(tmpdir(), 'igniflo-query-cost-'));
const file = path.join(dir, 'db.sqlite');
const database = openDatabase({ dialect: 'sqlite', file, synchronous: 'FULL' });
try {
  const { db } = database;
  await migrateToLatest(db);
  const at = new Date().toISOString();
  const id = newId();
  await db
    .insertInto('users')
    .values({
      id,
      email: 'q@bench.test',
      name: 'Q',
      role: 'CUSTOMER',
      active: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const empty = ['title', 'description', 'special_instructions', 'held_from_status', 'shipping_address']
    .concat([
      'carrier',
      'tracking_number',
      'estimated_delivery',
      'assigned_staff_id',
      'completed_at',
      'cancelled_at',
    ])
    .map((column) => [column, null]);
  const order = {
    ...(Object.fromEntries(empty) as Record<string, null>),
    ...{ id, order_number: 'IG-0000000', customer_id: id, total_cents: 100, currency: 'USD', version: 1 },
    ...{ status: 'PENDING', payment_received: 0, created_at: at, updated_at: at, status_updated_at: at },
  } as NewOrderRow;
  const account = () => db.selectFrom('users').select(['role', 'active']).where('id', '=', id);
  const preparedAccount = prepared((d, v: { id: string }) =>
    d.selectFrom('users').select(['role', 'active']).where('id', '=', v.id),
  );
  const raw = new SQLite(file, { readonly: true });
  const rawAccount = raw.prepare(account().compile().sql);

  const results = {
    'select: build and compile': await time(() => account().compile()),
    'select: run, built each time': await time(() => account().executeTakeFirst()),
    'select: run, prepared()': await time(() => preparedAccount(db, { id })),
    'select: better-sqlite3 alone': await time(() => rawAccount.get(id)),
    'insert of an order (22 columns): build and compile': await time(() =>
      db.insertInto('orders').values(order).compile(),
    ),
  };
  raw.close();
  for (const [name, us] of Object.entries(results))
    process.stdout.write(`${us.toFixed(2).padStart(7)} µs  ${name}\n`);
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
