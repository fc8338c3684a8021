import type { ReactNode } from 'react';

/** Grey bars where content is about to appear; announced as busy to screen readers. */
export function Skeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div className="skeleton" role="status" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <span key={i} />
      ))}
    </div>
  );
}

interface ListQuery {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
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
    return (
      <p role="alert">
        Could not load {what}: {list.error?.message}
      </p>
    );
  if (list.items.length === 0) return <p className="empty">{empty}</p>;
  return null;
}

export function ShowMore({ list }: { list: ListQuery }) {
  if (!list.hasNextPage) return null;
  return (
    <button
      type="button"
      className="secondary"
      onClick={() => void list.fetchNextPage?.()}
      disabled={list.isFetchingNextPage}
    >
      {list.isFetchingNextPage ? 'Loading…' : 'Show more'}
    </button>
  );
}

/** A table that scrolls sideways on a narrow screen, reachable by keyboard to do so. */
export function Table({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className="table">{children}</table>
    </div>
  );
}
