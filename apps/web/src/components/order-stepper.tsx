import type { OrderStatus } from '@igniflo/contract';
import { Check } from 'lucide-react';
import { cn } from '../lib/cn.ts';

const STEPS: { label: string; statuses: OrderStatus[] }[] = [
  { label: 'Placed', statuses: ['PENDING'] },
  { label: 'Confirmed', statuses: ['CONFIRMED'] },
  { label: 'Preparing', statuses: ['IN_PROGRESS'] },
  { label: 'Shipped', statuses: ['PARTIALLY_SHIPPED', 'SHIPPED'] },
  { label: 'Delivered', statuses: ['DELIVERED', 'COMPLETED'] },
];

/** Which step an order has reached: on hold it stays on the last step it reached (UX guide §1). */
export function stepOf(status: OrderStatus, timeline: { status: OrderStatus }[]): number {
  const at = (s: OrderStatus) => STEPS.findIndex((step) => step.statuses.includes(s));
  if (status !== 'ON_HOLD') return Math.max(at(status), 0);
  const reached = timeline.map((t) => at(t.status)).filter((i) => i >= 0);
  return reached.length > 0 ? Math.max(...reached) : 0;
}

/** Placed → Confirmed → Preparing → Shipped → Delivered, the current step marked in text too. */
export function OrderStepper({ step }: { step: number }) {
  return (
    <ol aria-label="Progress" className="my-4 grid grid-cols-5 gap-1 text-center text-xs sm:text-sm">
      {STEPS.map(({ label }, i) => {
        const done = i < step || (i === step && i === STEPS.length - 1);
        const current = i === step;
        return (
          <li
            key={label}
            aria-current={current ? 'step' : undefined}
            className="flex flex-col items-center gap-1"
          >
            <span
              aria-hidden="true"
              className={cn(
                'flex size-7 items-center justify-center rounded-full border-2',
                i <= step ? 'border-primary bg-primary text-primary-foreground' : 'border-input bg-card',
              )}
            >
              {done ? (
                <Check className="size-4" />
              ) : current ? (
                <span className="size-2 rounded-full bg-card" />
              ) : null}
            </span>
            <span className={cn(current ? 'font-semibold' : 'text-muted-foreground')}>
              {label}
              <span className="sr-only">{done ? ', done' : current ? ', current step' : ', to come'}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
