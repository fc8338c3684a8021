export interface CartItemsTable {
  user_id: string;
  product_id: string;
  quantity: number;
  /** JSON object of option name to value. */
  options: string;
  added_at: string;
  updated_at: string;
}
