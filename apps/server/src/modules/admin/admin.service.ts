import type { AnalyticsQuery, Dashboard, OrderAnalytics } from '@igniflo/contract';
import type { Db } from '../../platform/db/database.ts';
import { invalid } from '../../lib/errors.ts';
import {
  averageHoursToComplete,
  countByStatus,
  countCreatedSince,
  lowStockProducts,
  ordersPerBucket,
  refundsPerBucket,
  revenueSince,
  unitsReturnedPerBucket,
} from './admin.repository.ts';

export const LOW_STOCK_THRESHOLD = 5;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_BUCKETS = 1000;

const startOfUtcDay = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS);

/** Adds cents of one currency to a per-currency record: currencies are never added together. */
function addCents(byCurrency: Record<string, number>, currency: string, cents: number): void {
  byCurrency[currency] = (byCurrency[currency] ?? 0) + cents;
}

export type AdminService = ReturnType<typeof createAdminService>;

export function createAdminService({ db }: { db: Db }) {
  return {
    async dashboard(nowMs = Date.now()): Promise<Dashboard> {
      const today = startOfUtcDay(nowMs);
      const cutoffs = {
        today: today.toISOString(),
        week: new Date(today.getTime() - 6 * DAY_MS).toISOString(),
        month: new Date(today.getTime() - 29 * DAY_MS).toISOString(),
      };
      const [statuses, ordersToday, revenue, hours, lowStock] = await Promise.all([
        countByStatus(db),
        countCreatedSince(db, cutoffs.today),
        revenueSince(db, cutoffs),
        averageHoursToComplete(db, cutoffs.month),
        lowStockProducts(db, LOW_STOCK_THRESHOLD, 10),
      ]);
      // One shop, one main currency: the one with the most revenue this month.
      const main = [...revenue].sort((a, b) => Number(b.month) - Number(a.month))[0];
      return {
        ordersByStatus: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
        ordersToday,
        revenue: {
          currency: main?.currency ?? 'USD',
          todayCents: Number(main?.today ?? 0),
          last7DaysCents: Number(main?.week ?? 0),
          last30DaysCents: Number(main?.month ?? 0),
        },
        averageHoursToComplete: hours === null ? null : Math.round(hours * 10) / 10,
        lowStock,
        generatedAt: new Date(nowMs).toISOString(),
      };
    },

    async orderAnalytics(query: AnalyticsQuery): Promise<OrderAnalytics> {
      const bucket = query.bucket ?? 'day';
      const stepMs = bucket === 'day' ? DAY_MS : DAY_MS / 24;
      const fromMs = Math.floor(Date.parse(query.from) / stepMs) * stepMs;
      const toMs = Date.parse(query.to);
      if (!(toMs > fromMs)) throw invalid('`to` must be after `from`', [{ path: '/to' }]);
      if ((toMs - fromMs) / stepMs > MAX_BUCKETS) {
        throw invalid(`At most ${MAX_BUCKETS} ${bucket}s per request; narrow the range or use bucket=day`, [
          { path: '/from' },
        ]);
      }
      const from = new Date(fromMs).toISOString();
      const to = new Date(toMs).toISOString();
      const prefixLength = bucket === 'day' ? 10 : 13;
      const [rows, returned, refunds] = await Promise.all([
        ordersPerBucket(db, { from, to, prefixLength, status: query.status }),
        unitsReturnedPerBucket(db, { from, to, prefixLength }),
        refundsPerBucket(db, { from, to, prefixLength }),
      ]);

      const series = new Map<string, OrderAnalytics['series'][number]>();
      for (let t = fromMs; t < toMs; t += stepMs) {
        const start = new Date(t).toISOString();
        series.set(start.slice(0, prefixLength), {
          start,
          orders: 0,
          revenueCents: 0,
          byStatus: {},
          unitsReturned: 0,
          refundedCents: {},
        });
      }
      const totals: OrderAnalytics['totals'] = {
        orders: 0,
        revenueCents: 0,
        byStatus: {},
        unitsReturned: 0,
        refundedCents: {},
      };
      for (const row of rows) {
        const point = series.get(row.bucket);
        if (!point) continue;
        const orders = Number(row.orders);
        const revenue = Number(row.revenue);
        point.orders += orders;
        point.revenueCents += revenue;
        point.byStatus[row.status] = (point.byStatus[row.status] ?? 0) + orders;
        totals.orders += orders;
        totals.revenueCents += revenue;
        totals.byStatus[row.status] = (totals.byStatus[row.status] ?? 0) + orders;
      }
      for (const row of returned) {
        const point = series.get(row.bucket);
        if (!point) continue;
        point.unitsReturned += Number(row.units);
        totals.unitsReturned += Number(row.units);
      }
      for (const row of refunds) {
        const point = series.get(row.bucket);
        if (!point) continue;
        addCents(point.refundedCents, row.currency, Number(row.cents));
        addCents(totals.refundedCents, row.currency, Number(row.cents));
      }
      return { bucket, from, to, series: [...series.values()], totals };
    },
  };
}
