import { useState } from 'react';
import type { OrderEvent, OrderStatus } from '@igniflo/contract';
import { formatTime } from '../lib/api.ts';
import { timeAgo, useNow } from '../lib/time.ts';
import { STATUS_LABEL } from './status-badge.tsx';
import { Button } from './ui/button.tsx';

/** A status change; `by` names who made it, in the history staff read. */
export interface TimelineEntry {
  status: OrderStatus;
  at: string;
  by?: string | null;
}

/**
 * The status history of an order, newest first, each with its exact and relative time. Long
 * histories show the latest `shown` entries and an "All updates" button (UX guide §1).
 */
export function Timeline({ entries, shown = 3 }: { entries: TimelineEntry[]; shown?: number }) {
  const [all, setAll] = useState(false);
  const now = useNow();
  const newestFirst = [...entries].reverse();
  const visible = all ? newestFirst : newestFirst.slice(0, shown);
  return (
    <>
      <ol aria-label="Order history" className="my-2 border-l-2 border-border">
        {visible.map((entry, i) => (
          <li
            key={`${entry.status}-${entry.at}`}
            aria-current={i === 0 ? 'step' : undefined}
            className="flex flex-col py-1.5 pl-4"
          >
            <strong className={i === 0 ? 'text-primary' : undefined}>{STATUS_LABEL[entry.status]}</strong>
            <span className="text-sm text-muted-foreground">
              <time dateTime={entry.at}>{formatTime(entry.at)}</time> · {timeAgo(entry.at, now)}
              {entry.by && ` · by ${entry.by}`}
            </span>
          </li>
        ))}
      </ol>
      {newestFirst.length > visible.length && (
        <Button variant="link" size="sm" className="px-0" onClick={() => setAll(true)}>
          All updates ({newestFirst.length})
        </Button>
      )}
    </>
  );
}

/** The status changes among an order's events, as the Timeline and the stepper take them. */
export const statusChanges = (events: OrderEvent[]): TimelineEntry[] =>
  events.flatMap((e) => (e.toStatus ? [{ status: e.toStatus, at: e.at, by: e.actorName }] : []));
