import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';

/** Route schemas are the same on both databases: SQLite, the quicker to open, stands for both. */
describe('route schemas compiled on first use', () => {
  let ctx: TestContext | undefined;
  afterEach(() => ctx?.close());

  it('compiles none at start, a route on its first call, and still reports what a body lacks', async () => {
    ctx = await createTestContext('sqlite');
    const atStart = ctx.app.schemas.waiting;
    expect(atStart).toBeGreaterThan(100);

    const res = await ctx.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.test' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/password/);
    // The login route's body validator and its 400 serializer are compiled now, nothing else.
    expect(ctx.app.schemas.waiting).toBeLessThan(atStart);
    expect(ctx.app.schemas.waiting).toBeGreaterThan(atStart - 5);
  });

  it('every route schema compiles, and a listening server compiles them all by itself', async () => {
    ctx = await createTestContext('sqlite');
    await ctx.listen();
    const deadline = Date.now() + 10_000;
    while (ctx.app.schemas.waiting > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(ctx.app.schemas.waiting).toBe(0);
    // Nothing was left for an explicit pass: each schema compiled once, without an error.
    expect(await ctx.app.schemas.compileWaiting()).toBe(0);
  });

  it('an explicit pass compiles every schema without an error', async () => {
    ctx = await createTestContext('sqlite');
    const waiting = ctx.app.schemas.waiting;
    await expect(ctx.app.schemas.compileWaiting()).resolves.toBe(waiting);
    expect(ctx.app.schemas.waiting).toBe(0);
  });
});
