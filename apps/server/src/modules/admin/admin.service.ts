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

type Figures = OrderAnalytics['series'][number]['byCurrency'][string];
type Totals = OrderAnalytics['totals'];

const noFigures = (): Figures => ({ revenueCents: 0, revenueOrders: 0, refundedCents: 0 });

/** One currency's figures in a record of them: amounts of different currencies are never added together. */
function figuresOf(byCurrency: Record<string, Figures>, currency: string): Figures {
  return (byCurrency[currency] ??= noFigures());
}

/** The totals' figures with their average order value, and every currency, the most revenue first. */
function finishTotals(money: Record<string, Figures>): {
  currencies: string[];
  byCurrency: Totals['byCurrency'];
} {
  const currencies = Object.keys(money).sort(
    (a, b) => (money[b]?.revenueCents ?? 0) - (money[a]?.revenueCents ?? 0) || a.localeCompare(b),
  );
  const byCurrency: Totals['byCurrency'] = {};
  for (const currency of currencies) {
    const figures = figuresOf(money, currency);
    byCurrency[currency] = {
      ...figures,
      averageOrderValueCents: figures.revenueOrders
        ? Math.round(figures.revenueCents / figures.revenueOrders)
        : null,
    };
  }
  return { currencies, byCurrency };
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
      return {
        ordersByStatus: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
        ordersToday,
        revenue: revenue
          .map((r) => ({
            currency: r.currency,
            todayCents: Number(r.today),
            last7DaysCents: Number(r.week),
            last30DaysCents: Number(r.month),
          }))
          .sort((a, b) => b.last30DaysCents - a.last30DaysCents || a.currency.localeCompare(b.currency)),
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
          byStatus: {},
          unitsReturned: 0,
          byCurrency: {},
        });
      }
      let orders = 0;
      let unitsReturned = 0;
      const byStatus: Totals['byStatus'] = {};
      const money: Record<string, Figures> = {};
      for (const row of rows) {
        const point = series.get(row.bucket);
        if (!point) continue;
        const count = Number(row.orders);
        point.orders += count;
        point.byStatus[row.status] = (point.byStatus[row.status] ?? 0) + count;
        orders += count;
        byStatus[row.status] = (byStatus[row.status] ?? 0) + count;
        // A cancelled order's currency is listed too, with nothing added to its revenue.
        const figures = [figuresOf(point.byCurrency, row.currency), figuresOf(money, row.currency)];
        if (row.status === 'CANCELLED') continue;
        for (const f of figures) {
          f.revenueCents += Number(row.cents);
          f.revenueOrders += count;
        }
      }
      for (const row of returned) {
        const point = series.get(row.bucket);
        if (!point) continue;
        point.unitsReturned += Number(row.units);
        unitsReturned += Number(row.units);
      }
      for (const row of refunds) {
        const point = series.get(row.bucket);
        if (!point) continue;
        figuresOf(point.byCurrency, row.currency).refundedCents += Number(row.cents);
        figuresOf(money, row.currency).refundedCents += Number(row.cents);
      }
      const { currencies, byCurrency } = finishTotals(money);
      // Every currency in every bucket, in the same order, so a chart of one currency has every point.
      for (const point of series.values()) {
        point.byCurrency = Object.fromEntries(currencies.map((c) => [c, point.byCurrency[c] ?? noFigures()]));
      }
      const totals: Totals = { orders, byStatus, unitsReturned, byCurrency };
      return { bucket, from, to, currencies, series: [...series.values()], totals };
    },
  };
}
