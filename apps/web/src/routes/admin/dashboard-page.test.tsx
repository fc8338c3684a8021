// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dashboard, OrderAnalytics } from '@igniflo/contract';
import { fakeServer, renderPage, sessionFor } from '../../test-support/app-harness.tsx';
import { formatMoney } from '../../lib/api.ts';
import { DashboardPage } from './dashboard-page.tsx';

beforeEach(() => {
  // jsdom has neither; the chart asks both.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  vi.stubGlobal('matchMedia', () => ({ matches: true, addEventListener() {}, removeEventListener() {} }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const DAY = 86400_000;
const figures = (revenueCents: number, revenueOrders: number, refundedCents = 0) => ({
  revenueCents,
  revenueOrders,
  refundedCents,
});

/** 14 days for a 7-day period and the 7 before it; dollars and euros on two days of each week. */
function analytics(): OrderAnalytics {
  const start = Date.parse('2026-06-01T00:00:00.000Z');
  const series = Array.from({ length: 14 }, (_, i) => ({
    start: new Date(start + i * DAY).toISOString(),
    orders: 0,
    byStatus: {},
    unitsReturned: 0,
    byCurrency: { USD: figures(0, 0), EUR: figures(0, 0) },
  }));
  const put = (i: number, orders: number, byCurrency: Record<'USD' | 'EUR', ReturnType<typeof figures>>) => {
    const point = series[i];
    if (!point) throw new Error(`no day ${i}`);
    Object.assign(point, { orders, byCurrency });
  };
  // The week before: $100 and €50.
  put(2, 2, { USD: figures(10000, 1), EUR: figures(5000, 1) });
  // This week: $300 over 3 orders, €120 over 2 (€5 refunded), and a cancelled order: counted, no revenue.
  put(9, 3, { USD: figures(20000, 2), EUR: figures(4000, 1) });
  put(12, 3, { USD: figures(10000, 1), EUR: figures(8000, 1, 500) });
  return {
    bucket: 'day',
    from: series[0]?.start ?? '',
    to: new Date(start + 14 * DAY).toISOString(),
    currencies: ['USD', 'EUR'],
    series,
    totals: { orders: 8, byStatus: {}, unitsReturned: 0, byCurrency: {} },
  };
}

const dashboard: Dashboard = {
  ordersByStatus: { PENDING: 2 },
  ordersToday: 1,
  revenue: [
    { currency: 'USD', todayCents: 0, last7DaysCents: 30000, last30DaysCents: 40000 },
    { currency: 'EUR', todayCents: 0, last7DaysCents: 12000, last30DaysCents: 17000 },
  ],
  averageHoursToComplete: null,
  lowStock: [],
  generatedAt: '2026-06-14T12:00:00.000Z',
};

/** A tile's value by its label. */
const tile = (label: string) => {
  const term = screen.getByText(label);
  return within(term.parentElement as HTMLElement).getAllByRole('definition')[0]?.textContent;
};

describe('the admin dashboard', () => {
  it('shows money one currency at a time, never adding dollars and euros, and counts every order', async () => {
    fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /admin/dashboard': () => [200, dashboard],
      'GET /admin/analytics/orders': () => [200, analytics()],
    });
    renderPage(<DashboardPage />, { path: '/admin?days=7', pattern: '/admin' });
    await screen.findByText('Revenue in USD, 7 days');
    // The currency with the most revenue comes first: dollars only, $300 this week against $100.
    expect(tile('Revenue in USD, 7 days')).toBe(formatMoney(30000, 'USD'));
    expect(tile('Average order value in USD')).toBe(formatMoney(10000, 'USD'));
    expect(tile('Refunded in USD, 7 days')).toBe(formatMoney(0, 'USD'));
    // Orders are counted across currencies: counts add up, money does not.
    expect(tile('Orders, 7 days')).toBe('6');
    expect(screen.getByText(/Orders come in USD, EUR/)).toBeTruthy();

    const choice = screen.getByLabelText('Currency');
    expect(
      within(choice)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['USD', 'EUR']);
    fireEvent.change(choice, { target: { value: 'EUR' } });
    expect(await screen.findByText('Revenue in EUR, 7 days')).toBeTruthy();
    expect(tile('Revenue in EUR, 7 days')).toBe(formatMoney(12000, 'EUR'));
    expect(tile('Average order value in EUR')).toBe(formatMoney(6000, 'EUR'));
    expect(tile('Refunded in EUR, 7 days')).toBe(formatMoney(500, 'EUR'));
    expect(screen.queryByText('Revenue in USD, 7 days')).toBeNull();
    expect(screen.getByRole('status', { name: 'query' }).textContent).toBe('?days=7&currency=EUR');

    // The chart and its table follow the currency.
    fireEvent.click(screen.getByRole('button', { name: 'Revenue' }));
    expect(screen.getByRole('heading', { name: 'Revenue in EUR per day' })).toBeTruthy();
    expect(
      screen.getByText(`Revenue in EUR per day, last 7 days: ${formatMoney(12000, 'EUR')} in total.`),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'View as table' }));
    const table = screen.getByRole('table');
    expect(within(table).getByRole('columnheader', { name: 'Revenue in EUR' })).toBeTruthy();
    const cells = within(table)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(cells.filter((text) => text?.includes(formatMoney(8000, 'EUR')))).toHaveLength(1);
    expect(cells.join(' ')).not.toContain('$');
  });

  it('shows no currency choice when every order is in one currency', async () => {
    const single = analytics();
    single.currencies = ['EUR'];
    for (const point of single.series) point.byCurrency = { EUR: point.byCurrency.EUR ?? figures(0, 0) };
    fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /admin/dashboard': () => [200, { ...dashboard, revenue: dashboard.revenue.slice(1) }],
      'GET /admin/analytics/orders': () => [200, single],
    });
    renderPage(<DashboardPage />, { path: '/admin?days=7&currency=USD', pattern: '/admin' });
    // A currency the figures do not hold falls back to theirs.
    await screen.findByText('Revenue in EUR, 7 days');
    expect(tile('Revenue in EUR, 7 days')).toBe(formatMoney(12000, 'EUR'));
    expect(screen.queryByLabelText('Currency')).toBeNull();
  });
});
