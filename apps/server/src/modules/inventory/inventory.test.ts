import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext } from '../../../test/context.ts';
import { now } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { AppError } from '../../lib/errors.ts';

describe.each(dialects)('inventory on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(() => ctx.close());

  const why = () => ({ reason: 'test', orderId: null, actorId: null, at: now() });

  it('reserves all lines or none, giving back what it took before refusing', async () => {
    const inventory = ctx.app.services.inventory;
    const plenty = await ctx.newProduct({ stock: 10 });
    const scarce = await ctx.newProduct({ stock: 3 });
    const refusal = await transaction(ctx.db, async (tx) => {
      try {
        await inventory.reserve(
          tx,
          [
            { productId: plenty.id, quantity: 2 },
            { productId: scarce.id, quantity: 2 },
            { productId: scarce.id, quantity: 2 },
          ],
          why(),
        );
      } catch (error) {
        return error; // caught: the transaction commits whatever the refusal left behind
      }
    });
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe(ErrorCode.OUT_OF_STOCK);
    expect((refusal as AppError).details).toEqual([
      expect.objectContaining({ productId: scarce.id, requested: 4, available: 3 }),
    ]);
    expect(await ctx.stockOf(plenty.id)).toEqual({ stock: 10, ledger: 10 });
    expect(await ctx.stockOf(scarce.id)).toEqual({ stock: 3, ledger: 3 });

    await transaction(ctx.db, (tx) => inventory.reserve(tx, [{ productId: scarce.id, quantity: 3 }], why()));
    expect(await ctx.stockOf(scarce.id)).toEqual({ stock: 0, ledger: 0 });
  });

  it('releases and adjusts through the ledger, never below zero', async () => {
    const inventory = ctx.app.services.inventory;
    const product = await ctx.newProduct({ stock: 1 });
    await transaction(ctx.db, (tx) => inventory.release(tx, [{ productId: product.id, quantity: 4 }], why()));
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 5, ledger: 5 });
    await expect(
      transaction(ctx.db, (tx) => inventory.adjust(tx, product.id, -6, why())),
    ).rejects.toMatchObject({ statusCode: 409 });
    const row = await transaction(ctx.db, (tx) => inventory.adjust(tx, product.id, -5, why()));
    expect(row.stock).toBe(0);
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 0, ledger: 0 });
  });

  it('announces stock changes only after they commit', async () => {
    const inventory = ctx.app.services.inventory;
    const product = await ctx.newProduct({ stock: 5 });
    let announced = 0;
    inventory.onChanged(() => (announced += 1));
    await expect(
      transaction(ctx.db, async (tx) => {
        await inventory.adjust(tx, product.id, 1, why());
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(announced).toBe(0);
    await transaction(ctx.db, (tx) => inventory.adjust(tx, product.id, 1, why()));
    expect(announced).toBe(1);
  });
});
