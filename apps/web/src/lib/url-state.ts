import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's filter kept in the address (`?status=SHIPPED&q=mug`), so that a reload, the back button
 * or a shared link shows the same list. Empty values are left out of the address; other
 * parameters (the sort) are kept. A new filter is a new history entry.
 */
export function useUrlFilter<K extends string>(
  names: readonly K[],
): [Record<K, string>, (next: Partial<Record<K, string>>) => void] {
  const [params, setParams] = useSearchParams();
  const key = names.map((name) => params.get(name) ?? '').join('\u0000');
  // One object per distinct filter, so that effects and memos keyed on it do not rerun each render.
  const filter = useMemo(() => readFilter(names, params), [key]);
  const set = useCallback(
    (next: Partial<Record<K, string>>) => {
      const changed = writeParams(params, next);
      // Applying the same filter again adds no history entry, so Back goes to the previous list.
      if (changed.toString() !== params.toString()) setParams(changed);
    },
    [params, setParams],
  );
  return [filter, set];
}

function readFilter<K extends string>(names: readonly K[], params: URLSearchParams): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, params.get(name) ?? ''])) as Record<K, string>;
}

/** `current` with each of `changes` set, or removed when empty. */
export function writeParams(
  current: URLSearchParams,
  changes: Record<string, string | undefined>,
): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [name, value] of Object.entries(changes)) {
    if (value) next.set(name, value);
    else next.delete(name);
  }
  return next;
}
