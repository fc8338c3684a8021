import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dialects, type TestContext } from '../../../test/context.ts';
import {
  CATALOG,
  existingDemoAccounts,
  resetDemoPasswords,
  seedDemo,
  type DemoAccount,
} from './demo-seed.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { insertHistoricOrder } from './demo-orders.ts';

describe.each(dialects)('demo seed (%s)', (dialect) => {
  let ctx: TestContext;
  let seeded: DemoAccount[];
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    seeded = await seedDemo(ctx.db, ctx.app.services);
  });
  afterAll(() => ctx.close());

  async function expectInvariants() {
    const products = await ctx.db.selectFrom('products').select(['id', 'created_at', 'updated_at']).execute();
    expect(products.length).toBeGreaterThan(0);
    for (const product of products) {
      const { stock, ledger } = await ctx.stockOf(product.id);
      expect({ id: product.id, stock }).toEqual({ id: product.id, stock: ledger });
      expect(product.updated_at >= product.created_at, `${product.id} updated before created`).toBe(true);
    }
  }

  it('leaves every product with stock equal to its ledger, never updated before it was created', async () => {
    expect(await ctx.db.selectFrom('orders').select('id').execute()).not.toHaveLength(0);
    await expectInvariants();
  });

  it('sells no product below a quarter of its stock, so a visitor finds the shop stocked', async () => {
    const products = await ctx.db.selectFrom('products').select(['sku', 'stock']).execute();
    const sold = CATALOG.map(({ sku, stock }) => {
      const now = products.find((p) => p.sku === sku)?.stock ?? expect.unreachable(sku);
      expect(now, sku).toBeGreaterThanOrEqual(Math.ceil(stock / 4));
      return stock - now;
    });
    // The history still sells: units leave most products.
    expect(sold.filter((units) => units > 0).length).toBeGreaterThan(CATALOG.length / 2);
  });

  it('turns order mail off for every seeded account, whose addresses are not real', async () => {
    const users = await ctx.db.selectFrom('users').select(['email', 'email_order_updates']).execute();
    expect(users.length).toBeGreaterThan(3);
    expect(users.filter((u) => u.email_order_updates !== 0).map((u) => u.email)).toEqual([]);
  });

  it('gives back every line of an order it cannot fill, so stock still equals the ledger', async () => {
    const plenty = await ctx.newProduct({ stock: 10 });
    const scarce = await ctx.newProduct({ stock: 3 });
    const customer = await ctx.newUser();
    const rows = await ctx.db
      .selectFrom('products')
      .selectAll()
      .where('id', 'in', [plenty.id, scarce.id])
      .execute();
    const row = (id: string) => rows.find((r) => r.id === id) ?? expect.unreachable(id);
    const nowMs = Date.now();
    const written = await transaction(ctx.db, (tx) =>
      insertHistoricOrder(ctx.app.services, tx, {
        customerId: customer.id,
        staffId: null,
        placedAt: nowMs - 86_400_000,
        nowMs,
        status: 'CONFIRMED',
        // The first line is taken before the second turns out to be short.
        lines: [
          { product: row(plenty.id), quantity: 2 },
          { product: row(scarce.id), quantity: 5 },
        ],
      }),
    );
    expect(written).toBe(false);
    expect(await ctx.stockOf(plenty.id)).toEqual({ stock: 10, ledger: 10 });
    expect(await ctx.stockOf(scarce.id)).toEqual({ stock: 3, ledger: 3 });
    await expectInvariants();
  });

  it('gives the demo accounts new passwords that sign in, and ends their sessions', async () => {
    const login = (email: string, password: string) =>
      ctx.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    const customer = seeded.find((a) => a.role === 'CUSTOMER') ?? expect.unreachable();
    const signedIn = (await login(customer.email, customer.password)).json<{ accessToken: string }>();
    expect((await existingDemoAccounts(ctx.db)).map((a) => a.email)).toEqual(seeded.map((a) => a.email));

    const renewed = await resetDemoPasswords(ctx.db, ctx.app.services.users);
    expect(renewed.map((a) => a.email)).toEqual(seeded.map((a) => a.email));
    const again = renewed.find((a) => a.role === 'CUSTOMER') ?? expect.unreachable();
    expect(again.password).not.toBe(customer.password);
    expect((await login(customer.email, customer.password)).statusCode).toBe(401);
    expect((await login(again.email, again.password)).statusCode).toBe(200);
    const me = await ctx.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${signedIn.accessToken}` },
    });
    expect(me.statusCode).toBe(401);
  });
});
