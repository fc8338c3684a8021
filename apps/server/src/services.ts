/** The composition root: every module's service, wired to the ones it needs. */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db/database.ts';
import { createAdminService, type AdminService } from './modules/admin/admin.service.ts';
import { createAuditService, type AuditService } from './modules/audit/audit.service.ts';
import { createAccountLinks, type AccountLinks } from './modules/auth/account-links.service.ts';
import { createAuthService, type AuthService } from './modules/auth/auth.service.ts';
import { createOtpService, type OtpService } from './modules/auth/otp.service.ts';
import type { Sessions } from './modules/auth/sessions.ts';
import { HttpSmsSender, LogSmsSender, type SmsSender } from './modules/auth/sms-sender.ts';
import { createCartService, type CartService } from './modules/cart/cart.service.ts';
import { createDocumentsService, type DocumentsService } from './modules/documents/documents.service.ts';
import { createInventory, type Inventory } from './modules/inventory/inventory.service.ts';
import { createStreamTickets, type StreamTickets } from './modules/live/stream-tickets.ts';
import { LocalDiskStorage } from './modules/media/media-storage.ts';
import { createMediaService, type MediaService } from './modules/media/media.service.ts';
import { createAccountMail, type AccountMail } from './modules/messages/account-mail.ts';
import { shopNameOf } from './modules/messages/mailer.ts';
import { createMessagesService, type MessagesService } from './modules/messages/messages.service.ts';
import {
  createNotificationsService,
  type NotificationsService,
} from './modules/notifications/notifications.service.ts';
import { OrderLog } from './modules/order-log/order-log.ts';
import { createOrdersService, type OrdersService } from './modules/orders/orders.service.ts';
import { createProductsService, type ProductsService } from './modules/products/products.service.ts';
import { createRefundsService, type RefundsService } from './modules/returns/refunds.service.ts';
import { createReturnsService, type ReturnsService } from './modules/returns/returns.service.ts';
import { createShipmentsService, type ShipmentsService } from './modules/shipments/shipments.service.ts';
import { createAvatarsService, type AvatarsService } from './modules/users/avatars.service.ts';
import { createUsersService, type UsersService } from './modules/users/users.service.ts';
import { createWebhooksService, type WebhooksService } from './modules/webhooks/webhooks.service.ts';
import { createWishlistService, type WishlistService } from './modules/wishlist/wishlist.service.ts';

type AuthDeps = Parameters<typeof createAuthService>[0];

export interface Services {
  auth: AuthService;
  users: UsersService;
  avatars: AvatarsService;
  products: ProductsService;
  orders: OrdersService;
  documents: DocumentsService;
  shipments: ShipmentsService;
  returns: ReturnsService;
  refunds: RefundsService;
  webhooks: WebhooksService;
  cart: CartService;
  wishlist: WishlistService;
  otp: OtpService;
  media: MediaService;
  admin: AdminService;
  inventory: Inventory;
  notifications: NotificationsService;
  messages: MessagesService;
  accountMail: AccountMail;
  accountLinks: AccountLinks;
  orderLog: OrderLog;
  audit: AuditService;
  streamTickets: StreamTickets;
}

export function createServices({
  db,
  config,
  sessions,
  log,
  signAccessToken,
  smsSender,
}: {
  db: Db;
  config: Readonly<Config>;
  sessions: Sessions;
  log: FastifyBaseLogger;
  signAccessToken: AuthDeps['signAccessToken'];
  smsSender: SmsSender | undefined;
}): Services {
  const orderLog = new OrderLog(db);
  const inventory = createInventory({ db });
  const notifications = createNotificationsService({ db });
  orderLog.onAppend(notifications.notifyCustomer);
  const cart = createCartService({ db });
  const accountMail = createAccountMail({
    enabled: config.mail !== null,
    publicUrl: config.publicUrl,
    shopName: shopNameOf(config.mail?.from),
  });
  const accountLinks = createAccountLinks({ db, sessions, mail: accountMail });
  const auth = createAuthService({
    db,
    sessions,
    secret: config.jwtSecret,
    signAccessToken,
    links: accountLinks,
  });
  const otp = createOtpService({
    db,
    auth,
    sender:
      smsSender ?? (config.smsWebhookUrl ? new HttpSmsSender(config.smsWebhookUrl) : new LogSmsSender(log)),
    secret: config.jwtSecret,
  });
  const users = createUsersService({ db, auth, otp, links: accountLinks });
  const storage = new LocalDiskStorage(config.uploadDir);
  const orders = createOrdersService({
    db,
    inventory,
    orderLog,
    cart: {
      lines: (reader, customerId) => cart.checkoutLines(reader, customerId),
      empty: (tx, customerId) => cart.emptyAfterCheckout(tx, customerId),
      emptyPart: (values, gate) => cart.emptyAfterCheckoutPart(values, gate),
      emptyValues: (customerId) => cart.emptyAfterCheckoutValues(customerId),
    },
    isActiveStaff: (id) => users.isActiveStaff(id),
  });
  return {
    auth,
    users,
    avatars: createAvatarsService({ db, storage, maxBytes: config.maxUploadBytes }),
    products: createProductsService({ db, inventory }),
    orders,
    documents: createDocumentsService({ orders, shopName: shopNameOf(config.mail?.from) }),
    shipments: createShipmentsService({ db, orders }),
    returns: createReturnsService({ db, orders, inventory, returnWindowDays: config.returnWindowDays }),
    refunds: createRefundsService({ db, orders }),
    webhooks: createWebhooksService({ db, orderLog, allowPrivateTargets: config.webhookAllowPrivate }),
    cart,
    wishlist: createWishlistService({ db }),
    otp,
    media: createMediaService({
      db,
      orders,
      storage,
      maxBytes: config.maxUploadBytes,
    }),
    admin: createAdminService({ db }),
    inventory,
    notifications,
    messages: createMessagesService({ db, orders, secret: config.jwtSecret }),
    accountMail,
    accountLinks,
    orderLog,
    audit: createAuditService({ db }),
    streamTickets: createStreamTickets({ db }),
  };
}
