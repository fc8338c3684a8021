import type { ReactNode } from 'react';
import { cn } from '../lib/cn.ts';
import { Button } from './ui/button.tsx';

/** Grey bars where content is about to appear; announced as busy to screen readers. */
export function Skeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div className="my-4 flex flex-col gap-2.5" role="status" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <span key={i} className={cn('block h-5 animate-pulse rounded bg-muted', i % 2 === 1 && 'w-2/3')} />
      ))}
    </div>
  );
}

/** What an empty list says, in a dashed box where its rows would be. */
export function Empty({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-lg border border-dashed border-border bg-card p-4 text-muted-foreground">
      {children}
    </p>
  );
}

export interface ListQuery {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  refetch?: () => unknown;
  items: unknown[];
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  fetchNextPage?: () => unknown;
}

/** The states around a list: loading, failed, empty; and "Show more" while pages remain. */
export function ListState({ list, what, empty }: { list: ListQuery; what: string; empty: ReactNode }) {
  if (list.isPending) return <Skeleton label={`Loading ${what}`} />;
  // A failed refresh keeps what was shown; only a list that never loaded shows the error.
  if (list.isError && list.items.length === 0)
    return <LoadError what={what} error={list.error} retry={list.refetch} />;
  if (list.items.length === 0) return <Empty>{empty}</Empty>;
  return null;
}

export function ShowMore({ list }: { list: ListQuery }) {
  if (!list.hasNextPage) return null;
  return (
    <Button
      variant="secondary"
      onClick={() => void list.fetchNextPage?.()}
      disabled={list.isFetchingNextPage}
    >
      {list.isFetchingNextPage ? 'Loading…' : 'Show more'}
    </Button>
  );
}

/** Why something did not load, and a way to try again. */
export function LoadError({
  what,
  error,
  retry,
}: {
  what: string;
  error: Error | null;
  retry?: () => unknown;
}) {
  return (
    <div className="my-4 flex flex-wrap items-center gap-3">
      <p role="alert" className="m-0">
        Could not load {what}: {error?.message}
      </p>
      {retry && (
        <Button variant="secondary" size="sm" onClick={() => void retry()}>
          Try again
        </Button>
      )}
    </div>
  );
}
