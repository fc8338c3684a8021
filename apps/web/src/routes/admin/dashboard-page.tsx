import { PageHeading } from '../../components/page-heading.tsx';
import { AdminNav } from '../../components/admin-nav.tsx';
import type { OrderStatus } from '@igniflo/contract';
import { BarChart } from '../../components/bar-chart.tsx';
import { STATUS_LABEL } from '../../components/status-badge.tsx';
import { useDashboard, useOrderSeries } from '../../hooks/api/dashboard.ts';
import { formatMoney } from '../../lib/api.ts';
import { Skeleton } from '../../components/list-state.tsx';

export function DashboardPage() {
  const dashboard = useDashboard();
  const series = useOrderSeries();
  if (dashboard.isPending) return <Skeleton label="Loading the dashboard" />;
  if (dashboard.isLoadingError)
    return <p role="alert">Could not load the dashboard: {dashboard.error.message}</p>;
  const d = dashboard.data;
  const money = (cents: number) => formatMoney(cents, d.revenue.currency);
  const points = series.data?.series ?? [];
  return (
    <section aria-labelledby="dashboard-title">
      <AdminNav />
      <PageHeading id="dashboard-title" title="Dashboard" />
      <dl className="stats">
        <div>
          <dt>Orders today</dt>
          <dd>{d.ordersToday}</dd>
        </div>
        <div>
          <dt>Revenue today</dt>
          <dd>{money(d.revenue.todayCents)}</dd>
        </div>
        <div>
          <dt>Revenue, 7 days</dt>
          <dd>{money(d.revenue.last7DaysCents)}</dd>
        </div>
        <div>
          <dt>Revenue, 30 days</dt>
          <dd>{money(d.revenue.last30DaysCents)}</dd>
        </div>
        <div>
          <dt>Average time to complete</dt>
          <dd>{d.averageHoursToComplete === null ? '—' : `${d.averageHoursToComplete} h`}</dd>
        </div>
      </dl>
      {series.isPending && <Skeleton label="Loading the charts" />}
      {series.isError && <p role="alert">Could not load the charts: {series.error.message}</p>}
      {series.isSuccess && (
        <div className="charts">
          <BarChart
            label="Orders per day, last 30 days"
            values={points.map((p) => ({ key: p.start.slice(0, 10), value: p.orders }))}
            format={(n) => `${n} orders`}
          />
          <BarChart
            label="Revenue per day, last 30 days"
            values={points.map((p) => ({ key: p.start.slice(0, 10), value: p.revenueCents }))}
            format={money}
          />
        </div>
      )}
      <h2>Orders by status</h2>
      <ul className="rows">
        {Object.entries(d.ordersByStatus).map(([status, count]) => (
          <li key={status}>
            <span>{STATUS_LABEL[status as OrderStatus] ?? status}</span>
            <strong>{count}</strong>
          </li>
        ))}
      </ul>
      <h2>Low stock</h2>
      {d.lowStock.length === 0 ? (
        <p>Every product has stock.</p>
      ) : (
        <ul className="rows">
          {d.lowStock.map((p) => (
            <li key={p.id}>
              <span>{p.name}</span>
              <span>{p.sku}</span>
              <strong>{p.stock} left</strong>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
