import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dialects, type TestContext } from '../../../test/context.ts';
import { afterCommit, transaction } from './transaction.ts';

describe.each(dialects)('transaction scope on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(() => ctx.close());

  const skuCount = async (sku: string) =>
    (await ctx.db.selectFrom('products').select('id').where('sku', '=', sku).execute()).length;

  it('joins a transaction passed as the executor: both parts commit, or neither', async () => {
    const product = await ctx.newProduct({ stock: 1 });
    await expect(
      transaction(ctx.db, async (tx) => {
        await transaction(tx, (inner) =>
          inner.updateTable('products').set({ sku: 'JOINED-1' }).where('id', '=', product.id).execute(),
        );
        throw new Error('outer fails after the inner part');
      }),
    ).rejects.toThrow('outer fails');
    expect(await skuCount('JOINED-1')).toBe(0);

    await transaction(ctx.db, (tx) =>
      transaction(tx, (inner) =>
        inner.updateTable('products').set({ sku: 'JOINED-2' }).where('id', '=', product.id).execute(),
      ),
    );
    expect(await skuCount('JOINED-2')).toBe(1);
  });

  it('refuses a new transaction on the database inside another, instead of waiting for good', async () => {
    await expect(transaction(ctx.db, async () => transaction(ctx.db, async () => 1))).rejects.toThrow(
      /inside a transaction/,
    );
  });

  it('runs afterCommit hooks once the work commits, and never for work that rolls back', async () => {
    const ran: string[] = [];
    await Promise.allSettled(
      ['a', 'b', 'c'].map((name) =>
        transaction(ctx.db, async (tx) => {
          afterCommit(tx, () => ran.push(name));
          if (name === 'b') throw new Error('b rolls back');
          expect(ran).not.toContain(name);
        }),
      ),
    );
    expect(ran.sort()).toEqual(['a', 'c']);
    await expect(async () => afterCommit(ctx.db as never, () => undefined)).rejects.toThrow(
      /needs a transaction/,
    );
  });
});
