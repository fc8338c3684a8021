/** The aggregates behind the admin dashboard and analytics: plain SQL that runs on SQLite and PostgreSQL. */
import { sql } from 'kysely';
import type { OrderStatus } from '@igniflo/contract';
import type { Executor } from '../../platform/db/database.ts';
import { hoursBetween } from '../../platform/db/dialect.ts';

export async function countByStatus(db: Executor): Promise<{ status: OrderStatus; n: number }[]> {
  return db
    .selectFrom('orders')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
}

export async function countCreatedSince(db: Executor, since: string): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Revenue (cancelled orders excluded) per currency since each cut-off, in one pass over the last 30 days. */
export async function revenueSince(db: Executor, cutoffs: { today: string; week: string; month: string }) {
  const sumSince = (cutoff: string) =>
    sql<number>`coalesce(sum(case when created_at >= ${cutoff} then total_cents else 0 end), 0)`;
  return db
    .selectFrom('orders')
    .select([
      'currency',
      sumSince(cutoffs.today).as('today'),
      sumSince(cutoffs.week).as('week'),
      sumSince(cutoffs.month).as('month'),
    ])
    .where('created_at', '>=', cutoffs.month)
    .where('status', '!=', 'CANCELLED')
    .groupBy('currency')
    .execute();
}

export async function averageHoursToComplete(db: Executor, since: string): Promise<number | null> {
  const row = await db
    .selectFrom('orders')
    .select(sql<number | null>`avg(${hoursBetween(db, 'created_at', 'completed_at')})`.as('hours'))
    // Only DELIVERED and COMPLETED orders have completed_at.
    .where('completed_at', '>=', since)
    .executeTakeFirst();
  return row?.hours === null || row?.hours === undefined ? null : Number(row.hours);
}

export const lowStockProducts = (db: Executor, threshold: number, limit: number) =>
  db
    .selectFrom('products')
    .select(['id', 'sku', 'name', 'stock'])
    .where('active', '=', 1)
    .where('stock', '<=', threshold)
    .orderBy('stock')
    .orderBy('name')
    .limit(limit)
    .execute();

/**
 * Orders and their totals per time bucket, status and currency. Times are ISO-8601 text, so the
 * bucket is a prefix of created_at: 10 characters for a day, 13 for an hour.
 */
export async function ordersPerBucket(
  db: Executor,
  {
    from,
    to,
    prefixLength,
    status,
  }: { from: string; to: string; prefixLength: 10 | 13; status?: OrderStatus | undefined },
) {
  const bucket = sql<string>`substr(created_at, 1, ${sql.lit(prefixLength)})`;
  let query = db
    .selectFrom('orders')
    .select([
      bucket.as('bucket'),
      'status',
      'currency',
      (eb) => eb.fn.countAll<number>().as('orders'),
      (eb) => eb.fn.sum<number | string>('total_cents').as('cents'),
    ])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy([bucket, 'status', 'currency']);
  if (status) query = query.where('status', '=', status);
  return query.execute();
}

interface BucketRange {
  from: string;
  to: string;
  prefixLength: 10 | 13;
}

/** Units that came back per time bucket: the items of returns received in the range. */
export async function unitsReturnedPerBucket(db: Executor, { from, to, prefixLength }: BucketRange) {
  const bucket = sql<string>`substr(r.received_at, 1, ${sql.lit(prefixLength)})`;
  return db
    .selectFrom('returns as r')
    .innerJoin('return_items as i', 'i.return_id', 'r.id')
    .select([bucket.as('bucket'), (eb) => eb.fn.sum<number | string>('i.quantity').as('units')])
    .where('r.received_at', '>=', from)
    .where('r.received_at', '<', to)
    .groupBy(bucket)
    .execute();
}

/** Refunds recorded per time bucket and currency. */
export async function refundsPerBucket(db: Executor, { from, to, prefixLength }: BucketRange) {
  const bucket = sql<string>`substr(created_at, 1, ${sql.lit(prefixLength)})`;
  return db
    .selectFrom('refunds')
    .select([bucket.as('bucket'), 'currency', (eb) => eb.fn.sum<number | string>('amount_cents').as('cents')])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .groupBy([bucket, 'currency'])
    .execute();
}
