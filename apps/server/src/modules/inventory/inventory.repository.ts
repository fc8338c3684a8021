/** The only statements that write stock and the ledger. */
import type { Executor } from '../../platform/db/database.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { PRODUCT_COLUMNS, type ProductRow } from '../products/products.table.ts';
import type { NewLedgerEntry } from './inventory.table.ts';

/**
 * Takes `quantity` units of an active product in one conditional statement and returns the
 * product as it is afterwards; undefined when it is missing, archived or short of stock.
 */
export const takeStock = async (
  db: Executor,
  productId: string,
  quantity: number,
  at: string,
): Promise<ProductRow | undefined> => (await takeStockRow(db, { productId, quantity, at })).rows[0];

const takeStockRow = prepared((db, v: { productId: string; quantity: number; at: string }) =>
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
 * if stock stays non-negative. Returns the product as it is afterwards, undefined when it did not apply.
 */
export const moveStock = async (
  db: Executor,
  productId: string,
  delta: number,
  at: string,
): Promise<ProductRow | undefined> =>
  db
    .updateTable('products')
    .set((eb) => ({ stock: eb('stock', '+', delta), updated_at: at }))
    .where('id', '=', productId)
    .where('stock', '>=', Math.max(0, -delta))
    .returning(PRODUCT_COLUMNS)
    .executeTakeFirst();

export async function insertLedgerEntries(db: Executor, entries: NewLedgerEntry[]): Promise<void> {
  if (entries.length > 0) await insertLedgerRows(db, entries);
}

const insertLedgerRows = prepared((db, entries: NewLedgerEntry[]) =>
  db.insertInto('inventory_ledger').values(entries),
);

/** The products as they are now: for the reasons behind a refusal. */
export const findStock = (
  db: Executor,
  ids: string[],
): Promise<Pick<ProductRow, 'id' | 'sku' | 'stock' | 'active'>[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('products').select(['id', 'sku', 'stock', 'active']).where('id', 'in', ids).execute();

export async function ledgerTotal(db: Executor, productId: string): Promise<number> {
  const row = await db
    .selectFrom('inventory_ledger')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('delta'), eb.lit(0)).as('total'))
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export interface LedgerRow {
  id: number;
  delta: number;
  reason: string;
  order_id: string | null;
  order_number: string | null;
  actor_id: string | null;
  actor_name: string | null;
  at: string;
}

/** A product's ledger, newest first, with the order's number and the actor's name: limit + 1 rows. */
export function listLedger(
  db: Executor,
  productId: string,
  beforeId: number | undefined,
  limit: number,
): Promise<LedgerRow[]> {
  let query = db
    .selectFrom('inventory_ledger as l')
    .leftJoin('orders as o', 'o.id', 'l.order_id')
    .leftJoin('users as u', 'u.id', 'l.actor_id')
    .select([
      'l.id',
      'l.delta',
      'l.reason',
      'l.order_id',
      'o.order_number',
      'l.actor_id',
      'u.name as actor_name',
      'l.at',
    ])
    .where('l.product_id', '=', productId)
    .orderBy('l.id', 'desc')
    .limit(limit + 1);
  if (beforeId !== undefined) query = query.where('l.id', '<', beforeId);
  return query.execute();
}
