import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Dashboard, OrderAnalytics, OrderStatus } from '@igniflo/contract';
import { ORDER_STATUSES } from '@igniflo/contract/constants';
import { AdminNav } from '../../components/admin-nav.tsx';
import { LoadError, Skeleton } from '../../components/list-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { STATUS_LABEL } from '../../components/status-badge.tsx';
import { Card, CardTitle } from '../../components/ui/card.tsx';
import { useDashboard, useOrderSeries } from '../../hooks/api/dashboard.ts';
import { formatMoney } from '../../lib/api.ts';
import { cn } from '../../lib/cn.ts';
import { OrderChart, type Point } from './order-chart.tsx';

const RANGES = [7, 30, 90] as const;

/** "+12 %" or "−5 %" against the period before, in words and an arrow, never colour alone. */
function Delta({ now, before, days }: { now: number; before: number; days: number }) {
  if (before === 0)
    return <span className="text-sm text-muted-foreground">no orders in the {days} days before</span>;
  const change = Math.round(((now - before) / before) * 100);
  const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '■';
  return (
    <span
      className={cn(
        'text-sm',
        change > 0 ? 'text-success' : change < 0 ? 'text-destructive' : 'text-muted-foreground',
      )}
    >
      <span aria-hidden="true">{arrow} </span>
      {change > 0 ? '+' : change < 0 ? '−' : '±'}
      {Math.abs(change)} % vs the {days} days before
    </span>
  );
}

function Tile({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col gap-1 rounded-lg border border-border bg-card p-4">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="m-0 text-2xl font-semibold">{value}</dd>
      {children && <dd className="m-0">{children}</dd>}
    </div>
  );
}

const sum = (points: Point[], of: (p: Point) => number) => points.reduce((s, p) => s + of(p), 0);

/** One currency's figures per day: money of other currencies is never added in. */
const pointsIn = (buckets: OrderAnalytics['series'], currency: string): Point[] =>
  buckets.map((b) => ({
    day: b.start.slice(0, 10),
    orders: b.orders,
    revenueCents: b.byCurrency[currency]?.revenueCents ?? 0,
    revenueOrders: b.byCurrency[currency]?.revenueOrders ?? 0,
    refundedCents: b.byCurrency[currency]?.refundedCents ?? 0,
  }));

/**
 * The currencies to choose from: those of the figures (the most revenue first), then any only the
 * dashboard's last 30 days know of; USD when there are none yet.
 */
function currenciesOf(series: OrderAnalytics | undefined, dashboard: Dashboard | undefined): string[] {
  const all = [...(series?.currencies ?? []), ...(dashboard?.revenue.map((r) => r.currency) ?? [])];
  return all.length ? [...new Set(all)] : ['USD'];
}

/** Shopify's and Vendure's overview: figures against the period before, the trend, what needs action. */
export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('days'));
  const days = (RANGES as readonly number[]).includes(asked) ? asked : 30;
  const dashboard = useDashboard();
  const series = useOrderSeries(days);
  const currencies = currenciesOf(series.data, dashboard.data);
  const askedCurrency = params.get('currency') ?? '';
  const currency = currencies.includes(askedCurrency) ? askedCurrency : (currencies[0] ?? 'USD');
  const money = (cents: number) => formatMoney(cents, currency);
  const choose = (key: 'days' | 'currency', value: string) =>
    setParams((now) => {
      const next = new URLSearchParams(now);
      next.set(key, value);
      return next;
    });

  const buckets = series.data?.series ?? [];
  const all = pointsIn(buckets, currency);
  const current = all.slice(-days);
  const currentBuckets = buckets.slice(-days);
  const previous = all.slice(0, Math.max(0, all.length - days));
  const orders = [sum(current, (p) => p.orders), sum(previous, (p) => p.orders)] as const;
  const revenue = [sum(current, (p) => p.revenueCents), sum(previous, (p) => p.revenueCents)] as const;
  // The average is over the orders behind the revenue (cancelled ones count as orders, not revenue).
  const sold = [sum(current, (p) => p.revenueOrders), sum(previous, (p) => p.revenueOrders)] as const;
  const aov = [sold[0] ? revenue[0] / sold[0] : 0, sold[1] ? revenue[1] / sold[1] : 0] as const;
  const byStatus = dashboard.data?.ordersByStatus ?? {};
  const needsAction = (byStatus.PENDING ?? 0) + (byStatus.ON_HOLD ?? 0);
  const largest = Math.max(1, ...ORDER_STATUSES.map((s) => byStatus[s] ?? 0));

  return (
    <section aria-labelledby="dashboard-title" className="flex flex-col gap-4">
      <AdminNav />
      <div className="flex flex-wrap items-end justify-between gap-2">
        <PageHeading id="dashboard-title" title="Dashboard" className="my-0" />
        <div className="flex flex-wrap items-end gap-3">
          {currencies.length > 1 && (
            <label className="flex items-center gap-2">
              Currency
              <select
                className="h-10 px-2"
                value={currency}
                onChange={(e) => choose('currency', e.target.value)}
              >
                {currencies.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="flex items-center gap-2">
            Period
            <select className="h-10 px-2" value={days} onChange={(e) => choose('days', e.target.value)}>
              {RANGES.map((r) => (
                <option key={r} value={r}>
                  Last {r} days
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {currencies.length > 1 && (
        <p className="m-0 text-sm text-muted-foreground">
          Orders come in {currencies.join(', ')}. Money is shown for one currency at a time, never added
          across currencies.
        </p>
      )}

      {series.isPending && <Skeleton label="Loading the figures" rows={2} />}
      {series.isLoadingError && <LoadError what="the figures" error={series.error} retry={series.refetch} />}
      {series.data && (
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-3">
          <Tile label={`Revenue in ${currency}, ${days} days`} value={money(revenue[0])}>
            <Delta now={revenue[0]} before={revenue[1]} days={days} />
          </Tile>
          <Tile label={`Orders, ${days} days`} value={String(orders[0])}>
            <Delta now={orders[0]} before={orders[1]} days={days} />
          </Tile>
          <Tile label={`Average order value in ${currency}`} value={money(Math.round(aov[0]))}>
            <Delta now={aov[0]} before={aov[1]} days={days} />
          </Tile>
          <Tile label="Needs action" value={String(needsAction)}>
            <Link to="/staff?status=PENDING" className="text-sm">
              Received and on hold: open the board
            </Link>
          </Tile>
          <Tile
            label={`Units returned, ${days} days`}
            value={String(currentBuckets.reduce((units, p) => units + p.unitsReturned, 0))}
          >
            <Link to="/staff/returns" className="text-sm">
              Open the returns queue
            </Link>
          </Tile>
          <Tile
            label={`Refunded in ${currency}, ${days} days`}
            value={money(sum(current, (p) => p.refundedCents))}
          />
        </dl>
      )}
      {series.data && <OrderChart points={current} currency={currency} />}

      {dashboard.isPending && <Skeleton label="Loading the dashboard" />}
      {dashboard.isLoadingError && (
        <LoadError what="the dashboard" error={dashboard.error} retry={dashboard.refetch} />
      )}
      {dashboard.data && (
        <div className="grid gap-4 md:grid-cols-2">
          <Card aria-labelledby="status-title">
            <CardTitle id="status-title">Orders by status</CardTitle>
            <ul className="flex flex-col gap-1.5">
              {ORDER_STATUSES.map((status: OrderStatus) => (
                <li key={status} className="grid grid-cols-[8rem_1fr_3rem] items-center gap-2 text-sm">
                  <span>{STATUS_LABEL[status]}</span>
                  <span aria-hidden="true" className="h-3 rounded bg-muted">
                    <span
                      className="block h-3 rounded bg-primary"
                      style={{ width: `${((byStatus[status] ?? 0) / largest) * 100}%` }}
                    />
                  </span>
                  <span className="text-right font-semibold">{byStatus[status] ?? 0}</span>
                </li>
              ))}
            </ul>
          </Card>
          <Card aria-labelledby="low-stock-title">
            <CardTitle id="low-stock-title">Low stock</CardTitle>
            {dashboard.data.lowStock.length === 0 ? (
              <p>Every product has stock.</p>
            ) : (
              <ul>
                {dashboard.data.lowStock.map((p) => (
                  <li key={p.id} className="flex justify-between gap-2 border-t border-border py-1.5 text-sm">
                    <span>
                      {p.name} <span className="text-muted-foreground">{p.sku}</span>
                    </span>
                    <strong>{p.stock} left</strong>
                  </li>
                ))}
              </ul>
            )}
            <p className="text-sm text-muted-foreground">
              Average time to complete an order:{' '}
              {dashboard.data.averageHoursToComplete === null
                ? '—'
                : `${dashboard.data.averageHoursToComplete} h`}
            </p>
          </Card>
        </div>
      )}
    </section>
  );
}
