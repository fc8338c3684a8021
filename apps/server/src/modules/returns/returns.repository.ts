/** Every query of the returns tables; only the returns module writes them. */
import type { Updateable } from 'kysely';
import type { ReturnStatus } from '@igniflo/contract';
import type { Executor } from '../../platform/db/database.ts';
import type { NewReturnRow, ReturnItemRow, ReturnRow, ReturnsTable } from './returns.table.ts';

export const findReturn = (db: Executor, id: string): Promise<ReturnRow | undefined> =>
  db.selectFrom('returns').selectAll().where('id', '=', id).executeTakeFirst();

/** An order's returns, by number. */
export const returnsOfOrder = (db: Executor, orderId: string): Promise<ReturnRow[]> =>
  db.selectFrom('returns').selectAll().where('order_id', '=', orderId).orderBy('number').execute();

export async function returnCount(db: Executor, orderId: string): Promise<number> {
  const row = await db
    .selectFrom('returns')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Units of each product in this order's returns that were not rejected. */
export async function unitsInReturns(db: Executor, orderId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('return_items as i')
    .innerJoin('returns as r', 'r.id', 'i.return_id')
    .select(['i.product_id', (eb) => eb.fn.sum<number | string>('i.quantity').as('units')])
    .where('r.order_id', '=', orderId)
    .where('r.status', '!=', 'REJECTED')
    .groupBy('i.product_id')
    .execute();
  return new Map(rows.map((row) => [row.product_id, Number(row.units)]));
}

export interface ReturnFilter {
  customerId?: string | undefined;
  status?: ReturnStatus | undefined;
  beforeId?: string | undefined;
  limit: number;
}

/** A page of returns, newest first (ids are time-ordered), limit + 1 of them. */
export function listReturns(db: Executor, filter: ReturnFilter): Promise<ReturnRow[]> {
  let query = db
    .selectFrom('returns')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.customerId !== undefined) query = query.where('customer_id', '=', filter.customerId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  return query.execute();
}

/** The items of these returns, by return. */
export async function itemsOfReturns(db: Executor, ids: string[]): Promise<Map<string, ReturnItemRow[]>> {
  const byReturn = new Map<string, ReturnItemRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byReturn;
  const rows = await db
    .selectFrom('return_items')
    .selectAll()
    .where('return_id', 'in', ids)
    .orderBy('id')
    .execute();
  for (const row of rows) byReturn.get(row.return_id)?.push(row);
  return byReturn;
}

export async function insertReturn(
  db: Executor,
  row: NewReturnRow,
  items: Omit<ReturnItemRow, 'id' | 'return_id' | 'restocked'>[],
): Promise<void> {
  await db.insertInto('returns').values(row).execute();
  await db
    .insertInto('return_items')
    .values(items.map((item) => ({ ...item, return_id: row.id, restocked: null })))
    .execute();
}

export async function updateReturn(db: Executor, id: string, patch: Updateable<ReturnsTable>): Promise<void> {
  await db.updateTable('returns').set(patch).where('id', '=', id).execute();
}

/** Records how many units of each returned product went back on sale (0 for the rest). */
export async function setRestocked(db: Executor, returnId: string, restock: ReadonlyMap<string, number>) {
  await db.updateTable('return_items').set({ restocked: 0 }).where('return_id', '=', returnId).execute();
  for (const [productId, quantity] of restock) {
    await db
      .updateTable('return_items')
      .set({ restocked: quantity })
      .where('return_id', '=', returnId)
      .where('product_id', '=', productId)
      .execute();
  }
}
