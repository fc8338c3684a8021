import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, PageQuery, StringEnum, Text, Timestamp } from './common.ts';
import { OrderStatusSchema } from './orders.ts';
import { User } from './users.ts';

export const AdminUser = Type.Composite([
  User,
  Type.Object({ orderCount: Type.Integer(), lastLoginAt: Nullable(Timestamp) }),
]);
export type AdminUser = Static<typeof AdminUser>;

export const AuditEntry = Type.Object(
  {
    id: Type.Integer(),
    /** Null for changes the system made itself. */
    actorId: Nullable(Id),
    actorName: Nullable(Type.String()),
    /** Null also for an actor who signs in by phone only. */
    actorEmail: Nullable(Type.String()),
    action: Type.String(),
    entityType: Type.String(),
    entityId: Type.String(),
    before: Type.Unknown(),
    after: Type.Unknown(),
    at: Timestamp,
  },
  { $id: 'AuditEntry' },
);
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditQuery = Type.Object(
  {
    actorId: Type.Optional(Id),
    entityType: Type.Optional(StringEnum(['user', 'product', 'webhook'])),
    entityId: Type.Optional(Text(100)),
    action: Type.Optional(Text(100)),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const StatusCounts = Type.Record(Type.String(), Type.Integer());

export const Dashboard = Type.Object(
  {
    ordersByStatus: StatusCounts,
    ordersToday: Type.Integer(),
    /** Revenue per currency (cancelled orders excluded), the most revenue over 30 days first; never summed across currencies. */
    revenue: Type.Array(
      Type.Object({
        currency: Type.String(),
        todayCents: Type.Integer(),
        last7DaysCents: Type.Integer(),
        last30DaysCents: Type.Integer(),
      }),
    ),
    /** Mean hours from placing to DELIVERED/COMPLETED, over orders completed in the last 30 days. */
    averageHoursToComplete: Nullable(Type.Number()),
    lowStock: Type.Array(
      Type.Object({ id: Id, sku: Type.String(), name: Type.String(), stock: Type.Integer() }),
    ),
    generatedAt: Timestamp,
  },
  { $id: 'Dashboard' },
);
export type Dashboard = Static<typeof Dashboard>;

export const AnalyticsQuery = Type.Object(
  {
    from: Timestamp,
    to: Timestamp,
    bucket: Type.Optional(StringEnum(['day', 'hour'])),
    status: Type.Optional(OrderStatusSchema),
  },
  { additionalProperties: false },
);
export type AnalyticsQuery = Static<typeof AnalyticsQuery>;

/** One currency's money over a bucket or a range. */
const CurrencyFigures = {
  /** Totals of the orders placed, every status but CANCELLED. */
  revenueCents: Type.Integer(),
  /** How many orders make up revenueCents, for an average order value. */
  revenueOrders: Type.Integer(),
  /** Refunds recorded. */
  refundedCents: Type.Integer(),
};

export const OrderAnalytics = Type.Object(
  {
    bucket: StringEnum(['day', 'hour']),
    from: Timestamp,
    to: Timestamp,
    /** Every currency with orders or refunds in the range, the most revenue first. */
    currencies: Type.Array(Type.String()),
    /**
     * Every bucket in the range, empty ones included, oldest first; `byCurrency` has every currency of
     * `currencies` in every bucket. Money is reported per currency and never added across currencies.
     * Units returned are counted when they arrive back (the return is received); refunds when recorded.
     */
    series: Type.Array(
      Type.Object({
        start: Timestamp,
        orders: Type.Integer(),
        byStatus: StatusCounts,
        unitsReturned: Type.Integer(),
        byCurrency: Type.Record(Type.String(), Type.Object(CurrencyFigures)),
      }),
    ),
    totals: Type.Object({
      orders: Type.Integer(),
      byStatus: StatusCounts,
      unitsReturned: Type.Integer(),
      byCurrency: Type.Record(
        Type.String(),
        Type.Object({
          ...CurrencyFigures,
          /** revenueCents / revenueOrders, rounded to the minor unit; null without orders. */
          averageOrderValueCents: Nullable(Type.Integer()),
        }),
      ),
    }),
  },
  { $id: 'OrderAnalytics' },
);
export type OrderAnalytics = Static<typeof OrderAnalytics>;

export const Media = Type.Object(
  {
    id: Id,
    orderId: Id,
    uploaderId: Id,
    uploadedByStaff: Type.Boolean(),
    fileName: Type.String(),
    contentType: Type.String(),
    sizeBytes: Type.Integer(),
    sha256: Type.String(),
    hasThumbnail: Type.Boolean(),
    createdAt: Timestamp,
  },
  { $id: 'Media' },
);
export type Media = Static<typeof Media>;
