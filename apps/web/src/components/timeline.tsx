import type { OrderStatus } from '@igniflo/contract';
import { formatTime } from '../lib/api.ts';
import { STATUS_LABEL } from './status-badge.tsx';

/** The status history of an order, newest first, as a list screen readers can follow. */
export function Timeline({ entries }: { entries: { status: OrderStatus; at: string }[] }) {
  const newestFirst = [...entries].reverse();
  return (
    <ol className="timeline" aria-label="Order history">
      {newestFirst.map((entry, i) => (
        <li key={`${entry.status}-${entry.at}`} aria-current={i === 0 ? 'step' : undefined}>
          <strong>{STATUS_LABEL[entry.status]}</strong>
          <time dateTime={entry.at}>{formatTime(entry.at)}</time>
        </li>
      ))}
    </ol>
  );
}
