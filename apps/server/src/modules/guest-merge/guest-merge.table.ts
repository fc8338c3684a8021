/** One row per guest cart or wishlist taken into an account, so a retried merge changes nothing. */
export interface MergesTable {
  user_id: string;
  merge_id: string;
  target: 'cart' | 'wishlist';
  /** JSON of the MergeReport given the first time. */
  report: string;
  created_at: string;
}
