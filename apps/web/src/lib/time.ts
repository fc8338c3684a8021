import { useEffect, useState } from 'react';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "2 minutes ago", "yesterday": for readers; the exact time goes beside it in a <time>. */
export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** The current time, renewed every `ms`, so relative times on a page that stays open stay true. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/**
 * A day as readers say it ("Tue, 15 Jan"; the year only when it is not this one). A date without a
 * time ("2030-01-15") is that calendar day wherever the reader is.
 */
export function formatDay(isoOrDate: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDate);
  const date = new Date(isoOrDate);
  const timeZone = dateOnly ? 'UTC' : undefined;
  const thisYear = new Date().getFullYear() === date.getFullYear();
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: thisYear ? undefined : 'numeric',
    timeZone,
  }).format(date);
}
