import { lazy, Suspense, useEffect, useState } from 'react';

/*
 * Short feedback after an action ("Order moved to Shipped"). sonner is loaded with the first toast,
 * not with the first page: it replays toasts raised before its Toaster mounted.
 */
const Sonner = lazy(async () => {
  const { Toaster } = await import('sonner');
  return {
    default: () => (
      <Toaster
        position="bottom-right"
        closeButton
        // The app's own tokens, so a toast has the page's contrast in either theme.
        toastOptions={{
          duration: 5000,
          style: { background: 'var(--card)', color: 'var(--foreground)', borderColor: 'var(--border)' },
        }}
      />
    ),
  };
});

let wanted = false;
const listeners = new Set<() => void>();

export function notify(kind: 'success' | 'error', message: string): void {
  if (!wanted) {
    wanted = true;
    listeners.forEach((listener) => listener());
  }
  void import('sonner').then(({ toast }) =>
    kind === 'error' ? toast.error(message) : toast.success(message),
  );
}

export function Toaster() {
  const [shown, setShown] = useState(wanted);
  useEffect(() => {
    const show = () => setShown(true);
    listeners.add(show);
    return () => void listeners.delete(show);
  }, []);
  return shown ? (
    <Suspense fallback={null}>
      <Sonner />
    </Suspense>
  ) : null;
}
