import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Executor } from './database.ts';
import { migrateToLatest } from './migrator.ts';
import { afterCommit, groupCommitStats, groupedWrite, transaction } from './transaction.ts';
import { newId } from '../../lib/ids.ts';

describe('grouped commits on SQLite', () => {
  let dir: string;
  let database: Database;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'igniflo-group-'));
    database = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'db.sqlite'), synchronous: 'FULL' });
    await migrateToLatest(database.db);
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insertProduct = (sku: string) => (tx: Executor) =>
    tx
      .insertInto('products')
      .values({
        id: newId(),
        sku,
        name: sku,
        description: '',
        price_cents: 1,
        currency: 'USD',
        stock: 1,
        active: 1,
        image_url: null,
        created_at: 'now',
        updated_at: 'now',
      })
      .returning('sku')
      .executeTakeFirstOrThrow();

  it('commits concurrent transactions together, and one failure rolls back only its own work', async () => {
    const before = { ...groupCommitStats(database.db)! };
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        transaction(database.db, async (tx) => {
          const row = await insertProduct(`G-${i}`)(tx);
          if (i === 17) {
            await insertProduct('G-17-extra')(tx);
            throw new Error('this one fails');
          }
          return row.sku;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(49);
    expect(results[17]).toMatchObject({ status: 'rejected' });
    const skus = (
      await database.db.selectFrom('products').select('sku').where('sku', 'like', 'G-%').execute()
    ).map((r) => r.sku);
    expect(skus).toHaveLength(49);
    expect(skus).not.toContain('G-17');
    expect(skus).not.toContain('G-17-extra');
    const after = groupCommitStats(database.db)!;
    expect(after.transactions - before.transactions).toBe(49);
    // 50 transactions arrived together: far fewer physical commits than transactions.
    expect(after.commits - before.commits).toBeLessThanOrEqual(5);
  });

  it('lets a write that needs no transaction join a batch instead of committing alone', async () => {
    const before = { ...groupCommitStats(database.db)! };
    const skus = await Promise.all([
      transaction(database.db, insertProduct('W-order')),
      ...[1, 2, 3].map((i) => groupedWrite(database.db, insertProduct(`W-lease-${i}`))),
    ]);
    expect(skus.map((row) => row.sku)).toEqual(['W-order', 'W-lease-1', 'W-lease-2', 'W-lease-3']);
    const after = groupCommitStats(database.db)!;
    expect(after.transactions - before.transactions).toBe(4);
    expect(after.commits - before.commits).toBe(1);
  });

  it('fails every transaction of a batch whose commit fails, leaving nothing behind', async () => {
    const results = await Promise.allSettled([
      transaction(database.db, (tx) => insertProduct('C-1')(tx)),
      transaction(database.db, async (tx) => {
        // A deferred foreign key breaks only at commit time.
        await sql`pragma defer_foreign_keys = on`.execute(tx);
        await tx
          .insertInto('inventory_ledger')
          .values({ product_id: 'missing', delta: 1, reason: 'x', order_id: null, actor_id: null, at: 'now' })
          .execute();
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const left = await database.db.selectFrom('products').select('sku').where('sku', '=', 'C-1').execute();
    expect(left).toEqual([]);
  });

  it('fails a transaction on a closed database instead of leaving it waiting', async () => {
    const closing = openDatabase({
      dialect: 'sqlite',
      file: path.join(dir, 'closed.sqlite'),
      synchronous: 'FULL',
    });
    await migrateToLatest(closing.db);
    await closing.close();
    const late = await Promise.allSettled([
      transaction(closing.db, insertProduct('late-1')),
      groupedWrite(closing.db, insertProduct('late-2')),
    ]);
    expect(late.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('lets the event loop serve others during a long batch, and a transaction that arrives meanwhile joins it', async () => {
    const before = { ...groupCommitStats(database.db)! };
    const seen: string[] = [];
    // Each transaction keeps the loop busy for 6 ms, longer than a batch runs before yielding.
    const busy = (label: string) => async (tx: Parameters<Parameters<typeof transaction>[1]>[0]) => {
      seen.push(label);
      const until = performance.now() + 6;
      while (performance.now() < until);
      return insertProduct(`Y-${label}`)(tx);
    };
    const first = [transaction(database.db, busy('a')), transaction(database.db, busy('b'))];
    // Queued behind the batch's start: it runs at the batch's first yield, before "b".
    setImmediate(() => {
      seen.push('other work');
      first.push(transaction(database.db, busy('late')));
    });
    await Promise.all(first);
    await Promise.all(first);
    expect(seen).toEqual(['a', 'other work', 'b', 'late']);
    const after = groupCommitStats(database.db)!;
    expect(after.transactions - before.transactions).toBe(3);
    // The late transaction joined the running batch: one physical commit for all three.
    expect(after.commits - before.commits).toBe(1);
  });

  it('answers a committed batch a few callers at a time, letting other work run in between', async () => {
    const before = { ...groupCommitStats(database.db)! };
    const order: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        transaction(database.db, insertProduct(`Z-${i}`)).then(() => {
          order.push(`answer ${i}`);
          if (i === 0) setImmediate(() => order.push('other work'));
        }),
      ),
    );
    expect(groupCommitStats(database.db)!.commits - before.commits).toBe(1);
    const other = order.indexOf('other work');
    expect(other).toBeGreaterThan(0);
    expect(other).toBeLessThan(order.length - 1);
    expect(order.filter((entry) => entry.startsWith('answer'))).toHaveLength(20);
  });

  it("runs the afterCommit hooks of a whole batch before answering any caller, and a rolled-back one's never", async () => {
    const before = { ...groupCommitStats(database.db)! };
    const order: string[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        transaction(database.db, async (tx) => {
          await insertProduct(`H-${i}`)(tx);
          afterCommit(tx, () => order.push(`hook ${i}`));
          if (i === 5) throw new Error('rolled back');
        }).then(() => order.push(`answer ${i}`)),
      ),
    );
    expect(groupCommitStats(database.db)!.commits - before.commits).toBe(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    const hooks = order.filter((entry) => entry.startsWith('hook'));
    expect(hooks).toHaveLength(19);
    expect(hooks).not.toContain('hook 5');
    // Every hook ran before the first answer: the wake-ups of one commit arrive together.
    expect(order.slice(0, 19)).toEqual(hooks);
  });

  it('fails the caller whose afterCommit hook throws; the others of the batch are answered', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) =>
        transaction(database.db, async (tx) => {
          await insertProduct(`K-${i}`)(tx);
          afterCommit(tx, () => {
            if (i === 2) throw new Error('hook failed');
          });
          return i;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });
});
