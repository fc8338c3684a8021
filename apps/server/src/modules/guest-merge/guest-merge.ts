/**
 * Merging what a guest collected (cart, wishlist) into their account once per merge id: the work
 * runs for the first request with an id, and its report is stored in the same transaction; a retry
 * gets that report back, marked replayed, and changes nothing.
 */
import type { MergeReport } from '@igniflo/contract';
import type { Tx } from '../../platform/db/database.ts';
import { claimMerge, storeMergeReport, type MergeKey } from './guest-merge.repository.ts';

export type { MergeKey } from './guest-merge.repository.ts';

/** Runs `merge` once per key, in `tx`; a repeated key answers the first report. */
export async function mergeOnce(
  tx: Tx,
  key: MergeKey,
  merge: () => Promise<MergeReport>,
): Promise<MergeReport> {
  const claimed = await claimMerge(tx, key);
  if (!claimed.claimed) return { ...(JSON.parse(claimed.report) as MergeReport), replayed: true };
  const report = await merge();
  await storeMergeReport(tx, key, JSON.stringify(report));
  return report;
}
