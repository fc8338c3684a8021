import type { RefreshTokensTable, SessionsTable, UsersTable } from '../../modules/users/users.table.ts';
import type { ProductsTable } from '../../modules/products/products.table.ts';
import type { InventoryLedgerTable } from '../../modules/inventory/inventory.table.ts';
import type {
  IdempotencyKeysTable,
  OrderItemsTable,
  OrdersTable,
} from '../../modules/orders/orders.table.ts';
import type { OrderEventsTable } from '../../modules/order-log/order-log.table.ts';

import type { NotificationsTable } from '../../modules/notifications/notifications.table.ts';
import type { StreamTicketsTable } from '../../modules/live/stream-tickets.table.ts';
import type { WebhookDeliveriesTable, WebhooksTable } from '../../modules/webhooks/webhooks.table.ts';

import type { CartItemsTable } from '../../modules/cart/cart.table.ts';
import type { MergesTable } from '../../modules/guest-merge/guest-merge.table.ts';
import type { WishlistItemsTable } from '../../modules/wishlist/wishlist.table.ts';
import type { OtpCodesTable } from '../../modules/auth/otp.table.ts';
import type { AccountTokensTable } from '../../modules/auth/account-tokens.table.ts';

import type { AuditLogTable } from '../../modules/audit/audit.table.ts';
import type { MediaFilesTable } from '../../modules/media/media.table.ts';
import type {
  ShipmentEventsTable,
  ShipmentItemsTable,
  ShipmentsTable,
} from '../../modules/shipments/shipments.table.ts';
import type {
  MessageAttemptsTable,
  MessageCursorTable,
  MessagesTable,
} from '../../modules/messages/messages.table.ts';
import type { RefundsTable, ReturnItemsTable, ReturnsTable } from '../../modules/returns/returns.table.ts';

/** Every table, as Kysely sees it. Times are ISO-8601 UTC text on both dialects so they sort and compare alike. */
export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  products: ProductsTable;
  inventory_ledger: InventoryLedgerTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  order_events: OrderEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  notifications: NotificationsTable;
  stream_tickets: StreamTicketsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  cart_items: CartItemsTable;
  wishlist_items: WishlistItemsTable;
  merges: MergesTable;
  otp_codes: OtpCodesTable;
  account_tokens: AccountTokensTable;
  media_files: MediaFilesTable;
  audit_log: AuditLogTable;
  shipments: ShipmentsTable;
  shipment_items: ShipmentItemsTable;
  messages: MessagesTable;
  message_attempts: MessageAttemptsTable;
  message_cursor: MessageCursorTable;
  shipment_events: ShipmentEventsTable;
  returns: ReturnsTable;
  return_items: ReturnItemsTable;
  refunds: RefundsTable;
}
