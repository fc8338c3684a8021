import type { Executor } from '../../platform/db/database.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { contains } from '../../platform/db/search.ts';
import {
  PRODUCT_COLUMNS,
  type NewLedgerEntry,
  type NewProductRow,
  type ProductRow,
  type ProductsTable,
} from './products.table.ts';
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

/**
 * Takes `quantity` units of an active product in one conditional statement and returns the
 * product as it is afterwards; undefined when it is missing, archived or short of stock.
 */
export const takeStock = async (
  db: Executor,
  productId: string,
  quantity: number,
  at: string,
): Promise<ProductRow | undefined> => (await updateStock(db, { productId, quantity, at })).rows[0];

const updateStock = prepared((db, v: { productId: string; quantity: number; at: string }) =>
  db
    .updateTable('products')
    .set((eb) => ({ stock: eb('stock', '-', v.quantity), updated_at: v.at }))
    .where('id', '=', v.productId)
    .where('stock', '>=', v.quantity)
    .where('active', '=', 1)
    .returning(PRODUCT_COLUMNS),
);

/**
 * Moves stock by `delta`, archived product or not, in one conditional statement that applies only
 * if stock stays non-negative. Returns false when it did not apply.
 */
export async function moveStock(
  db: Executor,
  productId: string,
  delta: number,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('products')
    .set((eb) => ({ stock: eb('stock', '+', delta), updated_at: at }))
    .where('id', '=', productId)
    .where('stock', '>=', Math.max(0, -delta))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertLedgerEntries(db: Executor, entries: NewLedgerEntry[]): Promise<void> {
  if (entries.length > 0) await insertLedgerRows(db, entries);
}

const insertLedgerRows = prepared((db, entries: NewLedgerEntry[]) =>
  db.insertInto('inventory_ledger').values(entries),
);

export async function ledgerTotal(db: Executor, productId: string): Promise<number> {
  const row = await db
    .selectFrom('inventory_ledger')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('delta'), eb.lit(0)).as('total'))
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
