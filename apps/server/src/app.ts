/** buildApp(config): the whole API as a Fastify instance, with its database migrated. Never listens. */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './platform/config.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { authPlugin } from './platform/http/auth.ts';
import { compressionPlugin } from './platform/http/compression.ts';
import { crawlersPlugin } from './platform/http/crawlers.ts';
import { frameworkErrors, installErrorHandling } from './platform/http/errors.ts';
import { metricsPlugin } from './platform/http/metrics.ts';
import { webPlugin } from './platform/http/web.ts';
import { openApiPlugin } from './platform/http/openapi.ts';
import { securityPlugin } from './platform/http/security.ts';
import { SchemaCompilers } from './platform/http/schema-compilers.ts';
import { installValidators } from './platform/http/validation.ts';
import { loggerOptions, RequestLog } from './platform/log.ts';
import multipart from '@fastify/multipart';
import cookie from '@fastify/cookie';
import { adminRoutes } from './modules/admin/admin.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { accountLinksRoutes } from './modules/auth/account-links.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { Sessions, type SessionsOptions } from './modules/auth/sessions.ts';
import type { SmsSender } from './modules/auth/sms-sender.ts';
import { cartRoutes } from './modules/cart/cart.routes.ts';
import { documentsRoutes } from './modules/documents/documents.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { EventFeed } from './modules/live/event-feed.ts';
import { eventsRoutes } from './modules/live/events.routes.ts';
import { PgWakeup } from './modules/live/pg-wakeup.ts';
import { mediaRoutes } from './modules/media/media.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import type { OrderLog } from './modules/order-log/order-log.ts';
import { ordersRoutes } from './modules/orders/orders.routes.ts';
import { productsRoutes } from './modules/products/products.routes.ts';
import { refundsRoutes } from './modules/returns/refunds.routes.ts';
import { returnsRoutes } from './modules/returns/returns.routes.ts';
import { carrierEventsRoutes } from './modules/shipments/carrier-events.routes.ts';
import { shipmentsRoutes } from './modules/shipments/shipments.routes.ts';
import { trackingRoutes } from './modules/tracking/tracking.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { WebhookDispatcher, type DispatcherOptions } from './modules/webhooks/webhook-dispatcher.ts';
import { HttpSmsSender } from './modules/auth/sms-sender.ts';
import { shopNameOf, SmtpMailSender } from './modules/messages/mailer.ts';
import {
  MessageDispatcher,
  RETRY_DELAYS_MS,
  type MessageDispatcherOptions,
} from './modules/messages/message-dispatcher.ts';
import { messagesRoutes } from './modules/messages/messages.routes.ts';
import { createWebhookOperations } from './modules/webhooks/webhook-operations.ts';
import { WebhookSender, type SenderOptions } from './modules/webhooks/webhook-sender.ts';
import { webhooksRoutes } from './modules/webhooks/webhooks.routes.ts';
import { wishlistRoutes } from './modules/wishlist/wishlist.routes.ts';
import { createServices, type Services } from './services.ts';

export type { Services } from './services.ts';

export interface App {
  server: FastifyInstance;
  database: Database;
  services: Services;
  orderLog: OrderLog;
  feed: EventFeed;
  dispatcher: WebhookDispatcher;
  messenger: MessageDispatcher;
  sessions: Sessions;
  /** The routes' compiled schemas: each on first use, the rest once the server listens. */
  schemas: SchemaCompilers;
}

/** Timings that tests shorten, and what else tests replace; operators have no reason to change them. */
export interface AppOptions {
  live?: Partial<{ heartbeatMs: number; pollMs: number; maxBufferedBytes: number; replayStallMs: number }>;
  webhooks?: Partial<DispatcherOptions & SenderOptions>;
  messages?: Partial<MessageDispatcherOptions>;
  sessions?: Partial<SessionsOptions>;
  /** Where one-time sign-in codes go; the default writes them to the log. */
  smsSender?: SmsSender;
  /** The built web app to serve; apps/web/dist by default. */
  webRoot?: string;
  /** Sees every response as it is sent (the tests hold each to the OpenAPI document). */
  observeResponse?: (request: FastifyRequest, reply: FastifyReply, payload: unknown) => void;
}

/** Another instance's revocation takes effect here within maxAgeMs (SPEC §10: 1 s). */
const SESSION_DEFAULTS: SessionsOptions = { maxAgeMs: 1_000, pollMs: 1_000 };
const LIVE_DEFAULTS = {
  heartbeatMs: 20_000,
  pollMs: 1_000,
  maxBufferedBytes: 256 * 1024,
  replayStallMs: 30_000,
};
const HOUR = 60 * 60 * 1000;
/** SPEC §13: first retries within a minute; off after 24 h of failures; attempts kept 14 days. */
const WEBHOOK_DEFAULTS: DispatcherOptions & Omit<SenderOptions, 'allowPrivateTargets'> = {
  tickMs: 1_000,
  retryBaseMs: 5_000,
  retryMaxMs: HOUR,
  timeoutMs: 10_000,
  leaseMs: 60_000,
  disableAfterMs: 24 * HOUR,
  retentionMs: 14 * 24 * HOUR,
  sweepEveryMs: HOUR,
};

const MESSAGE_DEFAULTS: MessageDispatcherOptions = {
  tickMs: 1_000,
  // Longer than a send may take (mailer.ts), so that no other instance sends the same message meanwhile.
  leaseMs: 60_000,
  retryDelaysMs: RETRY_DELAYS_MS,
};

export const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApp(config: Readonly<Config>, options: AppOptions = {}): Promise<App> {
  const database = openDatabase(config.database);
  await migrateToLatest(database.db);

  const compilers = new SchemaCompilers();
  const server = Fastify({
    schemaController: { compilersFactory: { buildSerializer: compilers.buildSerializer } },
    logger: loggerOptions(config),
    logController: new RequestLog(),
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
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();

  installValidators(server, compilers);
  server.addHook('onListen', (done) => {
    compilers
      .compileWaiting()
      .catch((error: unknown) => server.log.error({ err: error }, 'a route schema does not compile'));
    done();
  });
  installErrorHandling(server);
  const { observeResponse } = options;
  if (observeResponse) {
    server.addHook('onSend', async (request, reply, payload) => {
      observeResponse(request, reply, payload);
      return payload;
    });
  }
  server.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  server.addHook('onClose', () => database.close());

  await server.register(securityPlugin, {
    corsOrigin: config.corsOrigin,
    rateLimitMax: config.rateLimitMax,
    redisUrl: config.redisUrl,
  });
  await server.register(compressionPlugin);
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
    statements: () => database.statements(),
  });

  const services = createServices({
    db,
    config,
    sessions,
    log: server.log,
    signAccessToken: (claims) => server.signAccessToken(claims),
    smsSender: options.smsSender,
  });
  const { orderLog, notifications } = services;
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
  const webhookOptions = {
    ...WEBHOOK_DEFAULTS,
    allowPrivateTargets: config.webhookAllowPrivate,
    ...options.webhooks,
  };
  const sender = new WebhookSender(db, server.log, webhookOptions);
  const dispatcher = new WebhookDispatcher(
    db,
    { orderLog, sender, notifications, log: server.log },
    webhookOptions,
  );
  const webhookOperations = createWebhookOperations({ db, orderLog, sender });
  dispatcher.start();
  orderLog.onCommitted(() => dispatcher.wake());
  const messenger = new MessageDispatcher(
    {
      db,
      orderLog,
      orders: services.orders,
      channels: {
        mail: config.mail ? new SmtpMailSender(config.mail.smtpUrl, config.mail.from) : null,
        sms: config.smsWebhookUrl ? new HttpSmsSender(config.smsWebhookUrl) : null,
      },
      publicUrl: config.publicUrl,
      shopName: shopNameOf(config.mail?.from),
      secret: config.jwtSecret,
      log: server.log,
    },
    { ...MESSAGE_DEFAULTS, ...options.messages },
  );
  messenger.start();
  orderLog.onCommitted(() => messenger.wake());
  services.accountMail.onQueued(() => messenger.wake());
  // Streams never finish on their own: end them first so that close() can drain everything else.
  server.addHook('preClose', async () => {
    feed.close();
    await Promise.all([dispatcher.close().then(() => sender.close()), messenger.close()]);
  });

  await server.register(healthRoutes, { database });
  await server.register(crawlersPlugin);
  await server.register(webPlugin, { root: options.webRoot });
  await server.register(
    async (api) => {
      await api.register(authRoutes, {
        auth: services.auth,
        otp: services.otp,
        authRateLimitMax: config.authRateLimitMax,
        cookies: { alwaysSecure: config.env === 'production' },
      });
      await api.register(accountLinksRoutes, {
        links: services.accountLinks,
        authRateLimitMax: config.authRateLimitMax,
      });
      await api.register(usersRoutes, {
        users: services.users,
        avatars: services.avatars,
        authRateLimitMax: config.authRateLimitMax,
        maxUploadBytes: config.maxUploadBytes,
      });
      await api.register(productsRoutes, { products: services.products });
      await api.register(ordersRoutes, { orders: services.orders });
      await api.register(documentsRoutes, { documents: services.documents });
      await api.register(shipmentsRoutes, { shipments: services.shipments });
      await api.register(returnsRoutes, { returns: services.returns });
      await api.register(refundsRoutes, { refunds: services.refunds });
      await api.register(carrierEventsRoutes, {
        shipments: services.shipments,
        secret: config.carrierWebhookSecret,
      });
      await api.register(trackingRoutes, { orders: services.orders, feed });
      await api.register(eventsRoutes, { tickets: services.streamTickets, feed });
      await api.register(notificationsRoutes, { notifications });
      await api.register(messagesRoutes, { messages: services.messages });
      await api.register(webhooksRoutes, { webhooks: services.webhooks, operations: webhookOperations });
      await api.register(cartRoutes, { cart: services.cart });
      await api.register(wishlistRoutes, { wishlist: services.wishlist });
      await api.register(auditRoutes, { audit: services.audit });
      await api.register(adminRoutes, { admin: services.admin });
      await api.register(mediaRoutes, { media: services.media, maxUploadBytes: config.maxUploadBytes });
    },
    { prefix: '/api/v1' },
  );

  await server.ready();
  return {
    server,
    database,
    services,
    orderLog,
    feed,
    dispatcher,
    messenger,
    sessions,
    schemas: compilers,
  };
}
