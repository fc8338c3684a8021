import { useState } from 'react';
import type { OrderEvent, OrderStatus } from '@igniflo/contract';
import { formatTime } from '../lib/api.ts';
import { cn } from '../lib/cn.ts';
import { timeAgo, useNow } from '../lib/time.ts';
import { STATUS_LABEL } from './status-badge.tsx';
import { Button } from './ui/button.tsx';

/** A status change; `by` names who made it, in the history staff read. */
export interface StatusEntry {
  status: OrderStatus;
  at: string;
  by?: string | null;
}

/** Anything else in the history staff read, such as a message to the customer. */
export interface NoticeEntry {
  id: string;
  text: string;
  at: string;
  detail?: string | null;
  /** Something went wrong: shown in the warning colour. */
  problem?: boolean;
}

export type TimelineEntry = StatusEntry | NoticeEntry;

const isStatus = (entry: TimelineEntry): entry is StatusEntry => 'status' in entry;

/**
 * The history of an order, newest first whatever order the entries come in, each with its exact
 * and relative time; the latest status change is the current step. Long histories show the
 * latest `shown` entries and an "All updates" button (UX guide §1).
 */
export function Timeline({ entries, shown = 3 }: { entries: TimelineEntry[]; shown?: number }) {
  const [all, setAll] = useState(false);
  const now = useNow();
  // A stable sort: of two entries at the same time, the one given later is shown first.
  const newestFirst = [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).reverse();
  const current = newestFirst.find(isStatus);
  const visible = all ? newestFirst : newestFirst.slice(0, shown);
  return (
    <>
      <ol aria-label="Order history" className="my-2 border-l-2 border-border">
        {visible.map((entry) => {
          const isCurrent = entry === current;
          return (
            <li
              key={isStatus(entry) ? `${entry.status}-${entry.at}` : entry.id}
              aria-current={isCurrent ? 'step' : undefined}
              className="flex flex-col py-1.5 pl-4"
            >
              {isStatus(entry) ? (
                <strong className={isCurrent ? 'text-primary' : undefined}>
                  {STATUS_LABEL[entry.status]}
                </strong>
              ) : (
                <span className={cn(entry.problem && 'font-semibold text-destructive')}>{entry.text}</span>
              )}
              <span className="text-sm text-muted-foreground">
                <time dateTime={entry.at}>{formatTime(entry.at)}</time> · {timeAgo(entry.at, now)}
                {isStatus(entry) && entry.by && ` · by ${entry.by}`}
              </span>
              {!isStatus(entry) && entry.detail && (
                <span className="text-sm break-words text-muted-foreground">{entry.detail}</span>
              )}
            </li>
          );
        })}
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
export const statusChanges = (events: OrderEvent[]): StatusEntry[] =>
  events.flatMap((e) => (e.toStatus ? [{ status: e.toStatus, at: e.at, by: e.actorName }] : []));
