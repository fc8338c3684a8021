import type { Executor } from '../../platform/db/database.ts';
import { contains } from '../../platform/db/search.ts';
import type { NewProductRow, ProductRow, ProductsTable } from './products.table.ts';
import type { Updateable } from 'kysely';

export const findProduct = (db: Executor, id: string): Promise<ProductRow | undefined> =>
  db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();

export const findProducts = (db: Executor, ids: string[]): Promise<ProductRow[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('products').selectAll().where('id', 'in', ids).execute();

export const insertProduct = (db: Executor, row: NewProductRow): Promise<ProductRow> =>
  db.insertInto('products').values(row).returningAll().executeTakeFirstOrThrow();

export const updateProduct = (db: Executor, id: string, patch: Updateable<ProductsTable>) =>
  db.updateTable('products').set(patch).where('id', '=', id).returningAll().executeTakeFirst();

export async function listProducts(
  db: Executor,
  filter: { q?: string | undefined; includeArchived: boolean; beforeId?: string | undefined; limit: number },
): Promise<ProductRow[]> {
  let query = db
    .selectFrom('products')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (!filter.includeArchived) query = query.where('active', '=', 1);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  if (filter.q) {
    const q = filter.q;
    query = query.where((eb) => eb.or([contains('name', q), contains('sku', q)]));
  }
  return query.execute();
}

/** The products among `skus`, by SKU, read in chunks to stay under every driver's parameter limit. */
export async function findProductsBySkus(db: Executor, skus: string[]): Promise<Map<string, ProductRow>> {
  const bySku = new Map<string, ProductRow>();
  for (let i = 0; i < skus.length; i += 500) {
    const rows = await db
      .selectFrom('products')
      .selectAll()
      .where('sku', 'in', skus.slice(i, i + 500))
      .execute();
    for (const row of rows) bySku.set(row.sku, row);
  }
  return bySku;
}

/** Every product, archived too, with ids below `beforeId`, newest first: a page of the export. */
export function findProductsBefore(
  db: Executor,
  beforeId: string | undefined,
  limit: number,
): Promise<ProductRow[]> {
  let query = db.selectFrom('products').selectAll().orderBy('id', 'desc').limit(limit);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  return query.execute();
}
