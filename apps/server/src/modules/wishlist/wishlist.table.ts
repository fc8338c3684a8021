export interface WishlistItemsTable {
  user_id: string;
  product_id: string;
  added_at: string;
}
