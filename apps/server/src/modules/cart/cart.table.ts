export interface CartItemsTable {
  user_id: string;
  product_id: string;
  quantity: number;
  /** JSON object of option name to value. */
  options: string;
  added_at: string;
  updated_at: string;
}

export interface WishlistItemsTable {
  user_id: string;
  product_id: string;
  added_at: string;
}

export interface MergesTable {
  user_id: string;
  merge_id: string;
  target: 'cart' | 'wishlist';
  /** JSON of the MergeReport given the first time. */
  report: string;
  created_at: string;
}
