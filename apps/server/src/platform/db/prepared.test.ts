import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, dialects } from '../../../test/context.ts';
import { openDatabase, type Database } from './database.ts';
import { migrateToLatest } from './migrator.ts';
import type { NewLedgerEntry } from '../../modules/inventory/inventory.table.ts';
import { prepared } from './prepared.ts';
import { transaction } from './transaction.ts';

type Entry = NewLedgerEntry;

const insertEntries = prepared((db, entries: Entry[]) =>
  db.insertInto('inventory_ledger').values(entries).returning(['product_id', 'delta', 'reason', 'order_id']),
);
/** A constant of the query's own (the 'adjust' reason) beside stand-ins. */
const sumOf = prepared((db, v: { productId: string; below?: number }) => {
  let query = db
    .selectFrom('inventory_ledger')
    .select((eb) => eb.fn.sum<number>('delta').as('total'))
    .where('product_id', '=', v.productId)
    .where('reason', '=', 'adjust');
  if (v.below !== undefined) query = query.where('delta', '<', v.below);
  return query;
});

const unordered = prepared((db, v: { productId: string; orderId: string | null }) =>
  db
    .selectFrom('inventory_ledger')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('product_id', '=', v.productId)
    .where('order_id', 'is', v.orderId),
);

const fieldOf = prepared((db, v: { doc: object }) =>
  db.selectNoFrom(sql<string>`${v.doc}::jsonb ->> 'a'`.as('a')),
);

describe.each(dialects)('prepared queries on %s', (dialect) => {
  let database: Database;
  let dir: string;
  let pg: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
  const products = ['p-1', 'p-2', 'p-3'];
  const at = new Date().toISOString();
  const entry = (product_id: string, delta: number, order_id: string | null = null): Entry => ({
    product_id,
    delta,
    reason: 'adjust',
    order_id,
    actor_id: null,
    at,
  });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'igniflo-prepared-'));
    pg = dialect === 'postgres' ? await createPgDatabase() : undefined;
    database = openDatabase(
      pg
        ? { dialect: 'postgres', url: pg.url }
        : { dialect: 'sqlite', file: path.join(dir, 'db.sqlite'), synchronous: 'FULL' },
    );
    await migrateToLatest(database.db);
    await database.db
      .insertInto('products')
      .values(
        products.map((id) => ({
          id,
          sku: id,
          name: id,
          description: '',
          price_cents: 100,
          currency: 'USD',
          stock: 0,
          active: 1,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  });
  afterAll(async () => {
    await database.close();
    await pg?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs each call with its own values, in rows of any count', async () => {
    const one = await insertEntries(database.db, [entry('p-1', 5)]);
    const three = await insertEntries(database.db, [
      entry('p-2', 7),
      entry('p-2', -2),
      entry('p-3', 4, null),
    ]);
    const again = await insertEntries(database.db, [entry('p-1', 11)]);
    expect(one.rows).toEqual([{ product_id: 'p-1', delta: 5, reason: 'adjust', order_id: null }]);
    expect(three.rows.map((r) => [r.product_id, r.delta])).toEqual([
      ['p-2', 7],
      ['p-2', -2],
      ['p-3', 4],
    ]);
    expect(again.rows).toEqual([{ product_id: 'p-1', delta: 11, reason: 'adjust', order_id: null }]);
    const total = async (productId: string) =>
      Number((await sumOf(database.db, { productId })).rows[0]?.total);
    expect(await total('p-1')).toBe(16);
    expect(await total('p-2')).toBe(5);
  });

  it('builds the query again for another shape: a key left undefined drops its condition', async () => {
    const all = await sumOf(database.db, { productId: 'p-2', below: undefined });
    const below = await sumOf(database.db, { productId: 'p-2', below: 0 });
    expect(Number(all.rows[0]?.total)).toBe(5);
    expect(Number(below.rows[0]?.total)).toBe(-2);
  });

  it('keeps a null that Kysely writes into the SQL itself (after `is`)', async () => {
    const withoutOrder = async () =>
      Number((await unordered(database.db, { productId: 'p-2', orderId: null })).rows[0]?.count);
    expect(await withoutOrder()).toBe(2);
    await insertEntries(database.db, [entry('p-2', 1, null), entry('p-2', 1, null)]);
    expect(await withoutOrder()).toBe(4);
    await insertEntries(database.db, [{ ...entry('p-2', -4), reason: 'reversal' }]);
    expect(await withoutOrder()).toBe(5);
  });

  // better-sqlite3 binds no objects at all, so only PostgreSQL can take a JSON document as one value.
  it.skipIf(dialect === 'sqlite')(
    'takes an object inside the values as one value, each call its own',
    async () => {
      const field = async (doc: object) => (await fieldOf(database.db, { doc })).rows[0]?.a;
      expect(await field({ a: 'first' })).toBe('first');
      expect(await field({ a: 'second', b: 2 })).toBe('second');
    },
  );

  // One connection for the whole transaction: what it prepared is listed in its session.
  it.skipIf(dialect === 'sqlite')(
    'runs as a statement PostgreSQL parsed once for the connection; other queries are not kept',
    async () => {
      const stockOf = prepared((db, v: { id: string }) =>
        db.selectFrom('products').select('stock').where('id', '=', v.id),
      );
      const named = await transaction(database.db, async (tx) => {
        expect((await stockOf(tx, { id: 'p-1' })).rows).toEqual([{ stock: 0 }]);
        expect((await stockOf(tx, { id: 'p-2' })).rows).toEqual([{ stock: 0 }]);
        await tx.selectFrom('inventory_ledger').select('id').where('product_id', '=', 'p-1').execute();
        return (
          await sql<{ statement: string; calls: number }>`
            select statement, generic_plans + custom_plans as calls from pg_prepared_statements
          `.execute(tx)
        ).rows;
      });
      expect(named.filter((s) => s.statement.startsWith('select "stock" from "products"'))).toEqual([
        { statement: 'select "stock" from "products" where "id" = $1', calls: 2 },
      ]);
      expect(named.some((s) => s.statement.startsWith('select "id" from "inventory_ledger"'))).toBe(false);
    },
  );

  // A named statement's result columns are fixed when it is parsed: PostgreSQL refuses to run one
  // whose `*` now means more columns ("cached plan must not change result type").
  it.skipIf(dialect === 'sqlite')(
    'keeps answering while a migration adds a column to a table it reads with *',
    async () => {
      const everything = prepared((db, v: { id: string }) =>
        db.selectFrom('products').selectAll().where('id', '=', v.id),
      );
      // More at once than the pool has connections, so every connection has run it.
      const onEveryConnection = () =>
        Promise.all(
          Array.from({ length: 24 }, () =>
            transaction(database.db, async (tx) => {
              const { rows } = await everything(tx, { id: 'p-1' });
              await sql`select pg_sleep(0.01)`.execute(tx);
              return rows;
            }),
          ),
        );
      expect((await onEveryConnection()).every((rows) => rows.length === 1)).toBe(true);
      await sql`alter table products add column shelf text`.execute(database.db);
      try {
        const after = await onEveryConnection();
        expect(after.every((rows) => rows.length === 1 && 'shelf' in rows[0]!)).toBe(true);
      } finally {
        await sql`alter table products drop column shelf`.execute(database.db);
      }
    },
  );

  it('runs inside a transaction, and rolls back with it', async () => {
    await expect(
      transaction(database.db, async (tx) => {
        await insertEntries(tx, [entry('p-3', 100)]);
        expect(Number((await sumOf(tx, { productId: 'p-3' })).rows[0]?.total)).toBe(104);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(Number((await sumOf(database.db, { productId: 'p-3' })).rows[0]?.total)).toBe(4);
  });

  it('still runs queries of more shapes than it keeps', async () => {
    for (let count = 1; count <= 70; count++) {
      const rows = Array.from({ length: count }, () => entry('p-3', 1));
      expect((await insertEntries(database.db, rows)).rows).toHaveLength(count);
    }
    expect(Number((await sumOf(database.db, { productId: 'p-3' })).rows[0]?.total)).toBe(4 + (70 * 71) / 2);
  });
});
