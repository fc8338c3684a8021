import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { LinkTokenBody } from '@igniflo/contract';
import { PageHeading } from '../../components/page-heading.tsx';
import { Button } from '../../components/ui/button.tsx';
import { useAccountLink, useResendVerification } from '../../hooks/api/account.ts';
import { useSession } from '../../lib/session.tsx';

const INCOMPLETE = 'This link is incomplete; use the link from the email.';

/** Where the registration email's link leads: it confirms the address as the page opens. */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = useAccountLink<LinkTokenBody>('/auth/email/verify');
  const { user } = useSession();
  const resend = useResendVerification();
  const posted = useRef(false);
  useEffect(() => {
    // Once, even when React runs effects twice in development.
    if (!token || posted.current) return;
    posted.current = true;
    verify.mutate({ token });
  }, [token, verify]);

  return (
    <section aria-labelledby="verify-title" className="flex max-w-xl flex-col gap-4">
      <PageHeading id="verify-title" title="Confirm your email address" className="mb-0" />
      <p role="status" className="m-0">
        {verify.isPending && 'Confirming your email address…'}
        {verify.isSuccess && 'Your email address is confirmed. Thank you!'}
        {resend.isSuccess && `We sent a new link to ${user?.email ?? 'your address'}.`}
      </p>
      {verify.isSuccess && (
        <p className="m-0">
          <Link to="/">Continue shopping</Link>
        </p>
      )}
      {(!token || verify.isError) && (
        <div className="flex flex-col gap-3">
          <p role="alert" className="m-0">
            We could not confirm it: {verify.error?.message ?? INCOMPLETE}
          </p>
          {user?.email && !user.emailVerified ? (
            <Button className="self-start" disabled={resend.isPending} onClick={() => resend.mutate()}>
              Send a new link
            </Button>
          ) : (
            !user && (
              <p className="m-0">
                <Link to="/login">Sign in</Link> to get a new link.
              </p>
            )
          )}
        </div>
      )}
    </section>
  );
}

/**
 * Where the link mailed to a new address leads. It asks before it acts: mail scanners open links,
 * and this one changes how the account signs in and signs out its other devices.
 */
export function ConfirmEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useAccountLink<LinkTokenBody>('/auth/email/confirm');
  return (
    <section aria-labelledby="confirm-email-title" className="flex max-w-xl flex-col gap-4">
      <PageHeading id="confirm-email-title" title="Confirm your new email address" className="mb-0" />
      {confirm.isSuccess ? (
        <p role="status" className="m-0">
          Done: this is now the email address of your account, and your other devices are signed out.{' '}
          <Link to="/account">Your profile</Link>
        </p>
      ) : (
        <>
          <p className="m-0">Use this address to sign in and to get emails from us from now on?</p>
          <Button
            className="self-start"
            disabled={!token || confirm.isPending}
            onClick={() => confirm.mutate({ token })}
          >
            Use this address
          </Button>
          {(!token || confirm.error) && (
            <p role="alert" className="m-0">
              {confirm.error?.message ?? INCOMPLETE} You can ask again from{' '}
              <Link to="/account">your profile</Link>.
            </p>
          )}
        </>
      )}
    </section>
  );
}
