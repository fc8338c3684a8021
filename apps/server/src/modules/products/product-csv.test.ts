import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { ErrorResponse, Product, ProductImportResult } from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';

describe.each(dialects)('products CSV on %s', (dialect) => {
  let ctx: TestContext;
  let admin: TestUser;
  let staff: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    admin = await ctx.newUser('ADMIN');
    staff = await ctx.newUser('STAFF');
    customer = await ctx.newUser('CUSTOMER');
  });
  afterAll(() => ctx.close());

  const importCsv = (user: TestUser | null, csv: string, dryRun = false) =>
    ctx.inject({
      method: 'POST',
      url: `/api/v1/products/import${dryRun ? '?dryRun=true' : ''}`,
      headers: { ...(user?.headers ?? {}), 'content-type': 'text/csv' },
      payload: csv,
    });
  const exportCsv = (user: TestUser | null) =>
    ctx.inject({
      method: 'GET',
      url: '/api/v1/products/export.csv',
      ...(user ? { headers: user.headers } : {}),
    });
  const bySku = async (sku: string) => {
    const res = await ctx.inject({
      method: 'GET',
      url: `/api/v1/products?includeArchived=true&q=${encodeURIComponent(sku)}`,
      headers: admin.headers,
    });
    return res.json<{ items: Product[] }>().items.find((p) => p.sku === sku);
  };

  it('is for admins only: export, import and a dry run', async () => {
    expect((await exportCsv(null)).statusCode).toBe(401);
    expect((await exportCsv(customer)).statusCode).toBe(403);
    expect((await exportCsv(staff)).statusCode).toBe(403);
    expect((await exportCsv(admin)).statusCode).toBe(200);
    const csv = 'sku,name,priceCents\nAUTH-1,Nope,100\n';
    expect((await importCsv(null, csv)).statusCode).toBe(401);
    expect((await importCsv(customer, csv)).statusCode).toBe(403);
    expect((await importCsv(staff, csv, true)).statusCode).toBe(403);
    expect(await bySku('AUTH-1')).toBeUndefined();
  });

  it('exports every product with quoting and formula cells escaped, and reads it back unchanged', async () => {
    const created = await ctx.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: admin.headers,
      payload: {
        sku: 'CSV-Q1',
        name: '+1 mug, "blue"',
        description: 'two\nlines',
        priceCents: 1234,
        stock: 3,
      },
    });
    expect(created.statusCode).toBe(201);
    const res = await exportCsv(admin);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="products-.*\.csv"$/);
    expect(res.body).toContain(`CSV-Q1,"'+1 mug, ""blue""","two\nlines",1234,USD,3,true,`);
    const rows = parse<Record<string, string>>(res.body, { bom: true, columns: true });
    expect(rows.find((r) => r.sku === 'CSV-Q1')).toEqual({
      sku: 'CSV-Q1',
      name: `'+1 mug, "blue"`,
      description: 'two\nlines',
      priceCents: '1234',
      currency: 'USD',
      stock: '3',
      active: 'true',
      imageUrl: '',
    });

    // The export imported as it is changes nothing: the escaping apostrophe is taken off again.
    const again = await importCsv(admin, res.body, true);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<ProductImportResult>()).toMatchObject({ created: 0, updated: 0, errors: [] });
    expect(again.json<ProductImportResult>().unchanged).toBe(rows.length);
  });

  it('upserts by SKU, moves stock through the ledger, and a dry run changes nothing', async () => {
    const existing = await ctx.newProduct({ stock: 10, priceCents: 500 });
    const csv = [
      'sku,name,priceCents,stock,active,currency',
      `${existing.sku},,650,4,,`,
      'IMP-NEW,"Brand new, improved",990,25,true,EUR',
      'IMP-OFF,Archived on arrival,100,,false,',
    ].join('\r\n');

    const dry = await importCsv(admin, csv, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json<ProductImportResult>()).toEqual({
      dryRun: true,
      applied: false,
      rows: 3,
      created: 2,
      updated: 1,
      unchanged: 0,
      stockAdded: 25,
      stockRemoved: 6,
      errors: [],
    });
    expect(await bySku('IMP-NEW')).toBeUndefined();
    expect(await ctx.stockOf(existing.id)).toEqual({ stock: 10, ledger: 10 });

    const real = await importCsv(admin, csv);
    expect(real.statusCode, real.body).toBe(200);
    expect(real.json<ProductImportResult>()).toMatchObject({
      dryRun: false,
      applied: true,
      created: 2,
      updated: 1,
    });
    expect(await bySku(existing.sku)).toMatchObject({ name: existing.name, priceCents: 650, stock: 4 });
    expect(await ctx.stockOf(existing.id)).toEqual({ stock: 4, ledger: 4 });
    const fresh = await bySku('IMP-NEW');
    expect(fresh).toMatchObject({ name: 'Brand new, improved', priceCents: 990, currency: 'EUR', stock: 25 });
    expect(await ctx.stockOf(fresh!.id)).toEqual({ stock: 25, ledger: 25 });
    expect(await bySku('IMP-OFF')).toMatchObject({ active: false, stock: 0 });

    const ledger = await ctx.inject({
      method: 'GET',
      url: `/api/v1/products/${existing.id}/ledger`,
      headers: admin.headers,
    });
    expect(
      ledger.json<{ items: { delta: number; reason: string; actorId: string }[] }>().items[0],
    ).toMatchObject({
      delta: -6,
      reason: 'import',
      actorId: admin.id,
    });
  });

  it('reports each bad row with its row number and field, and imports nothing from a file with errors', async () => {
    const csv = [
      'sku,name,priceCents,stock,currency,imageUrl',
      'ERR-OK,Fine,100,1,,',
      'ERR-1,No price,,1,,',
      'bad sku!,Name,100,1,,',
      'ERR-2,Name,12.50,-3,usd,ftp://x',
      'ERR-OK,Twice,100,1,,',
    ].join('\n');
    const dry = await importCsv(admin, csv, true);
    expect(dry.statusCode).toBe(200);
    const { errors } = dry.json<ProductImportResult>();
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'priceCents'],
      [4, 'sku'],
      [5, 'priceCents'],
      [5, 'stock'],
      [6, 'sku'],
    ]);
    expect(errors.find((e) => e.row === 6)?.message).toBe('is already on row 2');

    const real = await importCsv(admin, csv);
    expect(real.statusCode).toBe(400);
    const body = real.json<ErrorResponse>();
    expect(body.error.code).toBe('VALIDATION_ERROR');
    expect(body.error.details).toEqual(errors);
    expect(await bySku('ERR-OK')).toBeUndefined();

    // Once the numbers are right the checks of the values themselves speak.
    const values = await importCsv(
      admin,
      'sku,name,priceCents,currency,imageUrl\nERR-3,X,1,usd,ftp://x\n',
      true,
    );
    expect(values.json<ProductImportResult>().errors.map((e) => e.field)).toEqual(['currency', 'imageUrl']);
  });

  it('refuses what is not a products CSV: unknown columns, no sku column, unreadable CSV, too large', async () => {
    const unknown = await importCsv(admin, 'sku,colour\nA,red\n');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ErrorResponse>().error.details).toEqual([
      { row: 1, field: 'colour', message: 'is not a column of the products CSV' },
    ]);
    expect((await importCsv(admin, 'name\nX\n')).statusCode).toBe(400);
    expect((await importCsv(admin, 'sku,name\n"A,unclosed\n')).statusCode).toBe(400);
    const json = await ctx.inject({
      method: 'POST',
      url: '/api/v1/products/import',
      headers: admin.headers,
      payload: { sku: 'A' },
    });
    expect(json.statusCode).toBe(400);
    const huge = `sku,description\n${'A,'.padEnd(6 * 1024 * 1024, 'x')}\n`;
    expect((await importCsv(admin, huge)).statusCode).toBe(413);
    const many = `sku\n${Array.from({ length: 10_001 }, (_, i) => `MANY-${i}`).join('\n')}\n`;
    const tooMany = await importCsv(admin, many, true);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json<ErrorResponse>().error.message).toMatch(/at most 10000 rows/);
  });
});
