import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, PageQuery, StringEnum, Text, Timestamp } from './common.ts';
import { OrderEvent, OrderEventTypeSchema, OrderStatusSchema } from './orders.ts';

/**
 * An in-app notification: about an order event (a customer's order news), or, for admins, about a
 * webhook (one disabled after failing for too long); the other ids are null.
 */
export const Notification = Type.Object(
  {
    id: Id,
    orderId: Nullable(Id),
    eventId: Nullable(Type.Integer()),
    webhookId: Nullable(Id),
    title: Type.String(),
    body: Nullable(Type.String()),
    read: Type.Boolean(),
    createdAt: Timestamp,
  },
  { $id: 'Notification' },
);
export type Notification = Static<typeof Notification>;

export const NotificationsQuery = Type.Object(
  { unread: Type.Optional(Type.Boolean()), ...PageQuery },
  { additionalProperties: false },
);
export type NotificationsQuery = Static<typeof NotificationsQuery>;

export const NotificationPage = Type.Object({
  items: Type.Array(Notification),
  nextCursor: Nullable(Type.String()),
  unreadCount: Type.Integer(),
});
export type NotificationPage = Static<typeof NotificationPage>;

export const StreamTicket = Type.Object({ ticket: Type.String(), expiresAt: Timestamp });
export type StreamTicket = Static<typeof StreamTicket>;

/** `event: order` on GET /events: an order event, and for customers the notification it created. */
export const LiveOrderEvent = Type.Composite([
  OrderEvent,
  Type.Object({ orderNumber: Type.String(), notification: Type.Optional(Notification) }),
]);
export type LiveOrderEvent = Static<typeof LiveOrderEvent>;

/** `event: status` on GET /track/:orderNumber/events: a status change, nothing personal. */
export const TrackEvent = Type.Object({
  id: Type.Integer(),
  orderNumber: Type.String(),
  status: OrderStatusSchema,
  at: Timestamp,
});
export type TrackEvent = Static<typeof TrackEvent>;

/**
 * `event: package` on GET /track/:orderNumber/events: a package of this order left or has news.
 * It says only that and when; the tracking answer is read again for the package itself.
 */
export const TrackPackageEvent = Type.Object({
  id: Type.Integer(),
  orderNumber: Type.String(),
  at: Timestamp,
});
export type TrackPackageEvent = Static<typeof TrackPackageEvent>;

/** A webhook as every list, get and update shows it: without its signing secret. */
export const Webhook = Type.Object(
  {
    id: Id,
    url: Type.String(),
    description: Type.String(),
    eventTypes: Type.Array(OrderEventTypeSchema),
    active: Type.Boolean(),
    lastEventId: Type.Integer(),
    failedAttempts: Type.Integer(),
    nextAttemptAt: Nullable(Timestamp),
    /** The first failed delivery since the last one that succeeded; null while deliveries succeed. */
    failingSince: Nullable(Timestamp),
    /** Set when the server turned the webhook off (it kept failing); null for a pause by an admin. */
    disabledAt: Nullable(Timestamp),
    disabledReason: Nullable(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Webhook' },
);
export type Webhook = Static<typeof Webhook>;

/** A webhook with its secret: answered once, by create and by rotate-secret, and never again. */
export const WebhookWithSecret = Type.Composite(
  [
    Webhook,
    Type.Object({
      /** The HMAC-SHA256 key that signs each delivery in `x-igniflo-signature`. */
      secret: Type.String(),
    }),
  ],
  { $id: 'WebhookWithSecret' },
);
export type WebhookWithSecret = Static<typeof WebhookWithSecret>;

const WebhookUrl = Type.String({ format: 'uri', maxLength: 2000, pattern: '^https?://' });

export const CreateWebhookBody = Type.Object(
  {
    url: WebhookUrl,
    description: Type.Optional(Text(500)),
    eventTypes: Type.Optional(Type.Array(OrderEventTypeSchema, { uniqueItems: true, maxItems: 10 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateWebhookBody = Static<typeof CreateWebhookBody>;

export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(WebhookUrl),
    description: Type.Optional(Text(500)),
    eventTypes: Type.Optional(Type.Array(OrderEventTypeSchema, { uniqueItems: true, maxItems: 10 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>;

/**
 * Why a delivery failed, as a class rather than the raw network error: `http` carries the status in
 * `responseStatus`; `blocked` means the target's address is not allowed (SSRF).
 */
export const WebhookDeliveryError = {
  TIMEOUT: 'timeout',
  REFUSED: 'refused',
  DNS: 'dns',
  BLOCKED: 'blocked',
  TLS: 'tls',
  HTTP: 'http',
  NETWORK: 'network',
} as const;
export type WebhookDeliveryError = (typeof WebhookDeliveryError)[keyof typeof WebhookDeliveryError];

/**
 * What an attempt was: the dispatcher delivering the event at the webhook's cursor (`event`), a
 * `ping` an admin asked for, or an admin's `redelivery` of an earlier attempt, sent outside the
 * cursor.
 */
export const WebhookDeliveryKind = {
  EVENT: 'event',
  PING: 'ping',
  REDELIVERY: 'redelivery',
} as const;
export type WebhookDeliveryKind = (typeof WebhookDeliveryKind)[keyof typeof WebhookDeliveryKind];

/** One attempt to deliver to a webhook. */
export const WebhookDelivery = Type.Object({
  id: Type.Integer(),
  kind: StringEnum(Object.values(WebhookDeliveryKind)),
  /** The order event sent; null for a ping (and the redelivery of a ping). */
  eventId: Nullable(Type.Integer()),
  eventType: Nullable(OrderEventTypeSchema),
  /** The attempt a redelivery repeated. */
  redeliveryOf: Nullable(Type.Integer()),
  /** The `x-igniflo-delivery-id` header it was sent with: new for every attempt. */
  deliveryUid: Nullable(Type.String()),
  /** Its number among the attempts at its event (retries and redeliveries count on); 1 for a ping. */
  attempt: Type.Integer(),
  succeeded: Type.Boolean(),
  responseStatus: Nullable(Type.Integer()),
  error: Nullable(StringEnum(Object.values(WebhookDeliveryError))),
  durationMs: Type.Integer(),
  at: Timestamp,
});
export type WebhookDelivery = Static<typeof WebhookDelivery>;

export const WebhookDeliveryParams = Type.Object({
  id: Id,
  deliveryId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
});
export type WebhookDeliveryParams = Static<typeof WebhookDeliveryParams>;

/** The JSON body POSTed to a webhook. */
export const WebhookPayload = Type.Object({
  id: Type.Integer(),
  type: OrderEventTypeSchema,
  orderId: Id,
  orderNumber: Type.String(),
  fromStatus: Nullable(OrderStatusSchema),
  toStatus: Nullable(OrderStatusSchema),
  visibility: Type.String(),
  note: Nullable(Type.String()),
  at: Timestamp,
});
export type WebhookPayload = Static<typeof WebhookPayload>;

/** The JSON body of a ping: signed like any delivery, so that a receiver can check its secret too. */
export const WebhookPingPayload = Type.Object({
  type: Type.Literal('ping'),
  webhookId: Id,
  at: Timestamp,
});
export type WebhookPingPayload = Static<typeof WebhookPingPayload>;
