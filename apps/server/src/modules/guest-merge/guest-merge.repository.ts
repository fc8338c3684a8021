import { now, type Tx } from '../../platform/db/database.ts';
import type { MergesTable } from './guest-merge.table.ts';

export interface MergeKey {
  userId: string;
  mergeId: string;
  target: MergesTable['target'];
}

/**
 * Claims the merge id; on PostgreSQL a concurrent claim of the same id waits for the first
 * transaction. Returns the stored report when the id was merged before.
 */
export async function claimMerge(
  tx: Tx,
  key: MergeKey,
): Promise<{ claimed: true } | { claimed: false; report: string }> {
  const row = { user_id: key.userId, merge_id: key.mergeId, target: key.target };
  const inserted = await tx
    .insertInto('merges')
    .values({ ...row, report: '', created_at: now() })
    .onConflict((oc) => oc.columns(['user_id', 'target', 'merge_id']).doNothing())
    .returning('merge_id')
    .executeTakeFirst();
  if (inserted) return { claimed: true };
  const existing = await tx
    .selectFrom('merges')
    .select('report')
    .where('user_id', '=', row.user_id)
    .where('target', '=', row.target)
    .where('merge_id', '=', row.merge_id)
    .executeTakeFirstOrThrow();
  return { claimed: false, report: existing.report };
}

export async function storeMergeReport(tx: Tx, key: MergeKey, report: string): Promise<void> {
  await tx
    .updateTable('merges')
    .set({ report })
    .where('user_id', '=', key.userId)
    .where('target', '=', key.target)
    .where('merge_id', '=', key.mergeId)
    .execute();
}
