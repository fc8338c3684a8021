import type { RefreshTokensTable, UsersTable } from '../modules/users/users.table.ts';
import type { InventoryLedgerTable, ProductsTable } from '../modules/products/products.table.ts';
import type {
  IdempotencyKeysTable,
  OrderEventsTable,
  OrderItemsTable,
  OrdersTable,
} from '../modules/orders/orders.table.ts';

/** Every table, as Kysely sees it. Times are ISO-8601 UTC text on both dialects so they sort and compare alike. */
export interface DB {
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  products: ProductsTable;
  inventory_ledger: InventoryLedgerTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  order_events: OrderEventsTable;
  idempotency_keys: IdempotencyKeysTable;
}
