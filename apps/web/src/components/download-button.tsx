import { useState, type ReactNode } from 'react';
import { download } from '../lib/api.ts';
import { useAuthHeaders } from '../lib/session.tsx';
import { Button, type ButtonProps } from './ui/button.tsx';
import { notify } from './ui/toaster.tsx';

/**
 * Downloads a file the API makes for the signed-in user (CSV, PDF): busy while it is fetched,
 * then a toast naming the file saved, or why it failed.
 */
export function DownloadButton({
  path,
  children,
  busyLabel,
  variant = 'secondary',
  size = 'sm',
}: {
  path: string;
  children: ReactNode;
  busyLabel: string;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
}) {
  const { headers } = useAuthHeaders();
  const [busy, setBusy] = useState(false);
  const start = () => {
    setBusy(true);
    download(path, { headers })
      .then((name) => notify('success', `Downloaded ${name}.`))
      .catch((error: unknown) => notify('error', error instanceof Error ? error.message : 'Download failed.'))
      .finally(() => setBusy(false));
  };
  return (
    <Button variant={variant} size={size} onClick={start} disabled={busy} aria-busy={busy}>
      {busy ? busyLabel : children}
    </Button>
  );
}
