import { useState } from 'react';
import { useResendVerification } from '../hooks/api/account.ts';
import { useSession } from '../lib/session.tsx';
import { Alert } from './ui/alert.tsx';
import { Button } from './ui/button.tsx';

/**
 * Until the signed-in account has proven its email, a reminder on every page, with a way to get the
 * link again. Ordering still works meanwhile. With email off every address counts as proven.
 */
export function VerifyEmailBanner() {
  const { user } = useSession();
  const resend = useResendVerification();
  const [hidden, setHidden] = useState(false);
  if (!user?.email || user.emailVerified || hidden) return null;
  return (
    <Alert tone="info" title="Confirm your email" className="mb-4">
      <p className="m-0">We sent a link to {user.email}. Follow it to confirm this address is yours.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Button size="sm" variant="secondary" disabled={resend.isPending} onClick={() => resend.mutate()}>
          Send again
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setHidden(true)}>
          Not now
        </Button>
        <span role="status">
          {resend.isSuccess ? 'Sent: look in your inbox.' : (resend.error?.message ?? '')}
        </span>
      </div>
    </Alert>
  );
}
