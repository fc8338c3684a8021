/**
 * A value kept in localStorage as JSON, as a tiny store: every component reading it with
 * useSyncExternalStore stays in step when one of them changes it.
 */
export interface LocalStore<T> {
  get: () => T;
  set: (next: T) => void;
  subscribe: (listener: () => void) => () => void;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface LocalValue<T> {
  key: string;
  empty: () => T;
  isEmpty: (value: T) => boolean;
  /** Narrows what was parsed from storage; anything else reads as empty. */
  isValid: (value: unknown) => value is T;
}

export function loadLocal<T>(spec: LocalValue<T>, storage: Pick<Storage, 'getItem'> = localStorage): T {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(spec.key) ?? 'null');
    return spec.isValid(parsed) ? parsed : spec.empty();
  } catch {
    return spec.empty();
  }
}

export function saveLocal<T>(
  spec: LocalValue<T>,
  value: T,
  storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage,
): void {
  if (spec.isEmpty(value)) storage.removeItem(spec.key);
  else storage.setItem(spec.key, JSON.stringify(value));
}

export function localStore<T>(spec: LocalValue<T>): LocalStore<T> {
  const listeners = new Set<() => void>();
  let current: T | undefined;
  // Another tab changed it (a sign-in there merged and cleared it): read it again.
  globalThis.addEventListener?.('storage', (event: StorageEvent) => {
    if (event.key !== spec.key) return;
    current = undefined;
    listeners.forEach((listener) => listener());
  });
  return {
    get: () => (current ??= loadLocal(spec)),
    set: (next) => {
      current = next;
      saveLocal(spec, next);
      listeners.forEach((listener) => listener());
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A fresh id for a guest list: the server merges each id once, so a retried merge adds nothing twice. */
export const newMergeId = () => `guest-${crypto.randomUUID()}`;
