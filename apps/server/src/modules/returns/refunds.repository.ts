/** Every query of the refunds table; only the returns module writes it. */
import type { Executor } from '../../platform/db/database.ts';
import type { NewRefundRow, RefundRow } from './returns.table.ts';

/** A refund with the number of the return it settles, if any. */
export type NumberedRefund = RefundRow & { return_number: number | null };

export async function insertRefund(db: Executor, row: NewRefundRow): Promise<void> {
  await db.insertInto('refunds').values(row).execute();
}

/** An order's refunds, oldest first. */
export const refundsOfOrder = (db: Executor, orderId: string): Promise<NumberedRefund[]> =>
  db
    .selectFrom('refunds')
    .leftJoin('returns', 'returns.id', 'refunds.return_id')
    .selectAll('refunds')
    .select('returns.number as return_number')
    .where('refunds.order_id', '=', orderId)
    .orderBy('refunds.created_at')
    .orderBy('refunds.id')
    .execute();

/** The refund that settled each of these returns. */
export async function refundsOfReturns(db: Executor, returnIds: string[]): Promise<Map<string, RefundRow>> {
  if (returnIds.length === 0) return new Map();
  const rows = await db.selectFrom('refunds').selectAll().where('return_id', 'in', returnIds).execute();
  return new Map(rows.flatMap((row) => (row.return_id ? [[row.return_id, row] as const] : [])));
}
