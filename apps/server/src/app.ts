/** buildApp(config): the whole API as a Fastify instance, with its database migrated. Never listens. */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './platform/config.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { authPlugin } from './platform/http/auth.ts';
import { installErrorHandling } from './platform/http/errors.ts';
import { metricsPlugin } from './platform/http/metrics.ts';
import { webPlugin } from './platform/http/web.ts';
import { openApiPlugin } from './platform/http/openapi.ts';
import { securityPlugin } from './platform/http/security.ts';
import { installValidators } from './platform/http/validation.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { createAuthService, type AuthService } from './modules/auth/auth.service.ts';
import { createOtpService, type OtpService } from './modules/auth/otp.service.ts';
import { HttpSmsSender, LogSmsSender, type SmsSender } from './modules/auth/sms-sender.ts';
import { cartRoutes } from './modules/cart/cart.routes.ts';
import { createCartService, type CartService } from './modules/cart/cart.service.ts';
import { wishlistRoutes } from './modules/wishlist/wishlist.routes.ts';
import { createWishlistService, type WishlistService } from './modules/wishlist/wishlist.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { ordersRoutes } from './modules/orders/orders.routes.ts';
import { createOrdersService, type OrdersService } from './modules/orders/orders.service.ts';
import { productsRoutes } from './modules/products/products.routes.ts';
import { createProductsService, type ProductsService } from './modules/products/products.service.ts';
import { trackingRoutes } from './modules/tracking/tracking.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { adminRoutes } from './modules/admin/admin.routes.ts';
import { createAdminService, type AdminService } from './modules/admin/admin.service.ts';
import multipart from '@fastify/multipart';
import { LocalDiskStorage } from './modules/media/media-storage.ts';
import { mediaRoutes } from './modules/media/media.routes.ts';
import { createMediaService, type MediaService } from './modules/media/media.service.ts';
import { EventFeed } from './modules/events/event-feed.ts';
import { eventsRoutes } from './modules/events/events.routes.ts';
import { createStreamTickets } from './modules/events/stream-tickets.ts';
import { PgWakeup } from './modules/events/pg-wakeup.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import {
  createNotificationsService,
  type NotificationsService,
} from './modules/notifications/notifications.service.ts';
import { createInventory, type Inventory } from './modules/inventory/inventory.service.ts';
import { OrderLog } from './modules/order-log/order-log.ts';
import { WebhookDispatcher, type DispatcherOptions } from './modules/webhooks/webhook-dispatcher.ts';
import { webhooksRoutes } from './modules/webhooks/webhooks.routes.ts';
import { createWebhooksService, type WebhooksService } from './modules/webhooks/webhooks.service.ts';
import { createUsersService, type UsersService } from './modules/users/users.service.ts';
import { Sessions, type SessionsOptions } from './modules/auth/sessions.ts';
import cookie from '@fastify/cookie';

export interface Services {
  auth: AuthService;
  users: UsersService;
  products: ProductsService;
  orders: OrdersService;
  webhooks: WebhooksService;
  cart: CartService;
  wishlist: WishlistService;
  otp: OtpService;
  media: MediaService;
  admin: AdminService;
  inventory: Inventory;
  notifications: NotificationsService;
  orderLog: OrderLog;
}

export interface App {
  server: FastifyInstance;
  database: Database;
  services: Services;
  orderLog: OrderLog;
  feed: EventFeed;
  dispatcher: WebhookDispatcher;
  sessions: Sessions;
}

/** Timings that tests shorten; operators have no reason to change them. */
export interface AppOptions {
  live?: Partial<{ heartbeatMs: number; pollMs: number; maxBufferedBytes: number }>;
  webhooks?: Partial<DispatcherOptions>;
  sessions?: Partial<SessionsOptions>;
  /** Where one-time sign-in codes go; the default writes them to the log. */
  smsSender?: SmsSender;
}

/** Another instance's revocation takes effect here within maxAgeMs (SPEC §10: 1 s). */
const SESSION_DEFAULTS: SessionsOptions = { maxAgeMs: 1_000, pollMs: 1_000 };
const LIVE_DEFAULTS = { heartbeatMs: 20_000, pollMs: 1_000, maxBufferedBytes: 256 * 1024 };
const WEBHOOK_DEFAULTS: Omit<DispatcherOptions, 'allowPrivateTargets'> = {
  tickMs: 1_000,
  retryBaseMs: 5_000,
  retryMaxMs: 60 * 60 * 1000,
  timeoutMs: 10_000,
  leaseMs: 60_000,
};

export const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApp(config: Readonly<Config>, options: AppOptions = {}): Promise<App> {
  const database = openDatabase(config.database);
  await migrateToLatest(database.db);

  const server = Fastify({
    logger: {
      level: config.logLevel,
      serializers: {
        // Stream tickets travel in the URL (EventSource cannot send headers): keep them out of the log.
        req: (request: { method: string; url: string; ip?: string }) => ({
          method: request.method,
          url: request.url.replace(/([?&]ticket=)[^&]*/g, '$1[redacted]'),
          remoteAddress: request.ip,
        }),
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["idempotency-key"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.currentPassword',
          '*.newPassword',
          '*.refreshToken',
          '*.accessToken',
        ],
        censor: '[redacted]',
      },
    },
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT_BYTES,
    // A number of proxies as a trust function (proxy-addr's own meaning of a hop count).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    // Lets graceful shutdown answer new requests with 503 while in-flight ones finish.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  installValidators(server);
  installErrorHandling(server);
  server.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  server.addHook('onClose', () => database.close());

  await server.register(securityPlugin, {
    corsOrigin: config.corsOrigin,
    rateLimitMax: config.rateLimitMax,
    redisUrl: config.redisUrl,
  });
  const { db } = database;
  const sessions = new Sessions(db, server.log, { ...SESSION_DEFAULTS, ...options.sessions });
  await sessions.start();
  server.addHook('onClose', () => sessions.close());
  await server.register(cookie);
  await server.register(authPlugin, {
    secret: config.jwtSecret,
    findSession: (sessionId) => sessions.find(sessionId),
  });
  await server.register(openApiPlugin);
  await server.register(metricsPlugin, {
    token: config.metricsToken,
    production: config.env === 'production',
  });

  const orderLog = new OrderLog(db);
  const inventory = createInventory({ db });
  const notifications = createNotificationsService({ db });
  orderLog.onAppend((tx, order, events) => notifications.notifyCustomer(tx, order, events));
  const cart = createCartService({ db });
  const auth = createAuthService({
    db,
    sessions,
    secret: config.jwtSecret,
    signAccessToken: (claims) => server.signAccessToken(claims),
  });
  const otp = createOtpService({
    db,
    auth,
    sender:
      options.smsSender ??
      (config.smsWebhookUrl ? new HttpSmsSender(config.smsWebhookUrl) : new LogSmsSender(server.log)),
    secret: config.jwtSecret,
  });
  const users = createUsersService({ db, auth, otp });
  const orders = createOrdersService({
    db,
    inventory,
    orderLog,
    cart: {
      lines: (reader, customerId) => cart.checkoutLines(reader, customerId),
      empty: (tx, customerId) => cart.emptyAfterCheckout(tx, customerId),
    },
    isActiveStaff: (id) => users.isActiveStaff(id),
  });
  const services: Services = {
    auth,
    users,
    products: createProductsService({ db, inventory }),
    orders,
    webhooks: createWebhooksService({ db, orderLog, allowPrivateTargets: config.webhookAllowPrivate }),
    cart,
    wishlist: createWishlistService({ db }),
    otp,
    media: createMediaService({
      db,
      orders,
      storage: new LocalDiskStorage(config.uploadDir),
      maxBytes: config.maxUploadBytes,
    }),
    admin: createAdminService({ db }),
    inventory,
    notifications,
    orderLog,
  };
  await server.register(multipart);

  const feed = new EventFeed(orderLog, notifications, server.log, { ...LIVE_DEFAULTS, ...options.live });
  await feed.start();
  orderLog.onCommitted(() => feed.wake());
  sessions.onRevoked((sessionIds) => feed.endSessions(sessionIds));
  if (config.database.dialect === 'postgres') {
    const wakeup = new PgWakeup(config.database.url, db, server.log, () => feed.wake());
    await wakeup.start();
    orderLog.onCommitted(() => wakeup.notify());
    server.addHook('onClose', () => wakeup.close());
  }
  const dispatcher = new WebhookDispatcher(db, orderLog, server.log, {
    ...WEBHOOK_DEFAULTS,
    allowPrivateTargets: config.webhookAllowPrivate,
    ...options.webhooks,
  });
  dispatcher.start();
  orderLog.onCommitted(() => dispatcher.wake());
  // Streams never finish on their own: end them first so that close() can drain everything else.
  server.addHook('preClose', async () => {
    feed.close();
    await dispatcher.close();
  });

  await server.register(healthRoutes, { database });
  await server.register(webPlugin);
  await server.register(
    async (api) => {
      await api.register(authRoutes, {
        auth: services.auth,
        otp: services.otp,
        authRateLimitMax: config.authRateLimitMax,
        cookies: { alwaysSecure: config.env === 'production' },
      });
      await api.register(usersRoutes, { users: services.users, authRateLimitMax: config.authRateLimitMax });
      await api.register(productsRoutes, { products: services.products });
      await api.register(ordersRoutes, { orders: services.orders });
      await api.register(trackingRoutes, { orders: services.orders, feed });
      await api.register(eventsRoutes, { tickets: createStreamTickets({ db }), feed });
      await api.register(notificationsRoutes, { notifications });
      await api.register(webhooksRoutes, { webhooks: services.webhooks });
      await api.register(cartRoutes, { cart: services.cart });
      await api.register(wishlistRoutes, { wishlist: services.wishlist });
      await api.register(auditRoutes, { audit: createAuditService({ db }) });
      await api.register(adminRoutes, { admin: services.admin });
      await api.register(mediaRoutes, { media: services.media, maxUploadBytes: config.maxUploadBytes });
    },
    { prefix: '/api/v1' },
  );

  await server.ready();
  return { server, database, services, orderLog, feed, dispatcher, sessions };
}
