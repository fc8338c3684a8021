import { useState } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Button } from '../../components/ui/button.tsx';
import { formatMoney } from '../../lib/api.ts';
import { formatDay } from '../../lib/time.ts';

/** One day's figures; the money in them is of one currency. */
export interface Point {
  day: string;
  orders: number;
  revenueCents: number;
  revenueOrders: number;
  refundedCents: number;
}

const MEASURES = {
  orders: { label: 'Orders', of: (p: Point) => p.orders },
  revenue: { label: 'Revenue', of: (p: Point) => p.revenueCents / 100 },
} as const;

/**
 * Orders or revenue in one currency per day as an area (one measure at a time, no second axis), with
 * a heading, a one-line summary and the same numbers as a table for anyone who cannot read the chart.
 */
export function OrderChart({ points, currency }: { points: Point[]; currency: string }) {
  const [measure, setMeasure] = useState<keyof typeof MEASURES>('orders');
  const [asTable, setAsTable] = useState(false);
  const { of } = MEASURES[measure];
  const label = measure === 'revenue' ? `Revenue in ${currency}` : MEASURES[measure].label;
  const money = (cents: number) => formatMoney(cents, currency);
  const total = points.reduce((sum, p) => sum + of(p), 0);
  const format = (value: number) => (measure === 'revenue' ? money(Math.round(value * 100)) : String(value));
  const summary = `${label} per day, last ${points.length} days: ${format(total)} in total.`;
  return (
    <section aria-labelledby="chart-title" className="rounded-lg border border-border bg-card p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="chart-title" className="m-0">
          {label} per day
        </h2>
        <div role="group" aria-label="Measure" className="flex gap-1">
          {(Object.keys(MEASURES) as (keyof typeof MEASURES)[]).map((m) => (
            <Button
              key={m}
              size="sm"
              variant={m === measure ? 'default' : 'secondary'}
              aria-pressed={m === measure}
              onClick={() => setMeasure(m)}
            >
              {MEASURES[m].label}
            </Button>
          ))}
        </div>
      </div>
      <p className="text-sm text-muted-foreground">{summary}</p>
      <div role="img" aria-label={summary} className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis
              dataKey="day"
              tickFormatter={(day: string) => formatDay(day)}
              stroke="var(--muted-foreground)"
              fontSize={12}
              minTickGap={24}
            />
            <YAxis
              stroke="var(--muted-foreground)"
              fontSize={12}
              width={56}
              tickFormatter={format}
              allowDecimals={false}
            />
            <Tooltip
              formatter={(value) => [format(Number(value)), label]}
              labelFormatter={(day) => (typeof day === 'string' ? formatDay(day) : '')}
              contentStyle={{
                background: 'var(--card)',
                borderColor: 'var(--border)',
                color: 'var(--foreground)',
              }}
            />
            <Area
              type="monotone"
              dataKey={of}
              name={label}
              stroke="var(--primary)"
              fill="var(--primary)"
              fillOpacity={0.15}
              isAnimationActive={!matchMedia('(prefers-reduced-motion: reduce)').matches}
            />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <Button
        variant="link"
        size="sm"
        className="px-0"
        aria-expanded={asTable}
        onClick={() => setAsTable((t) => !t)}
      >
        {asTable ? 'Hide the table' : 'View as table'}
      </Button>
      {asTable && (
        <div
          className="max-h-72 overflow-y-auto"
          tabIndex={0}
          role="region"
          aria-label={`${label} per day, table`}
        >
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">{summary}</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1">
                  Day
                </th>
                <th scope="col" className="py-1 text-right">
                  Orders
                </th>
                <th scope="col" className="py-1 text-right">
                  Revenue in {currency}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.day} className="border-t border-border">
                  <th scope="row" className="py-1 font-normal">
                    {formatDay(p.day)}
                  </th>
                  <td className="py-1 text-right">{p.orders}</td>
                  <td className="py-1 text-right">{money(p.revenueCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
