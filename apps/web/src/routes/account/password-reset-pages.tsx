import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ResetPasswordBody } from '@igniflo/contract';
import { TextField } from '../../components/field.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Button } from '../../components/ui/button.tsx';
import { useAccountLink, useForgotPassword } from '../../hooks/api/account.ts';

/**
 * "Forgot your password?": the same answer whether or not an account has the address, so the page
 * tells nobody who has an account here.
 */
export function ForgotPasswordPage() {
  const forgot = useForgotPassword();
  const [email, setEmail] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    forgot.mutate(email.trim());
  };

  return (
    <section aria-labelledby="forgot-title" className="flex max-w-sm flex-col gap-3">
      <PageHeading id="forgot-title" title="Reset your password" className="mb-0" />
      <p className="m-0">
        Type the email address of your account and we will send you a link to choose a new password.
      </p>
      <form onSubmit={submit} className="flex flex-col gap-3">
        <TextField
          id="forgot-email"
          label="Email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="email"
          required
        />
        {forgot.error && <p role="alert">{forgot.error.message}</p>}
        <Button type="submit" disabled={forgot.isPending} className="self-start">
          {forgot.isPending ? 'Please wait…' : 'Send reset link'}
        </Button>
      </form>
      <p role="status" className="m-0">
        {forgot.isSuccess &&
          `If an account has the address ${forgot.variables}, we sent it a link to choose a new password. The link works once, for 30 minutes. Nothing there? Check the spam folder, or try again.`}
      </p>
      <p className="m-0">
        Remembered it? <Link to="/login">Sign in</Link>
      </p>
    </section>
  );
}

/** Where a reset link leads: a new password, then sign in with it. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useAccountLink<ResetPasswordBody>('/auth/password/reset');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ token, newPassword: password });
  };

  return (
    <section aria-labelledby="reset-title" className="flex max-w-sm flex-col gap-3">
      <PageHeading id="reset-title" title="Choose a new password" className="mb-0" />
      {reset.isSuccess ? (
        <p role="status" className="m-0">
          Your password is changed, and every device that was signed in is signed out.{' '}
          <Link to="/login">Sign in with your new password</Link>
        </p>
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-3">
          <TextField
            id="new-password"
            label="New password (at least 8 characters)"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            minLength={8}
            required
          />
          {(!token || reset.error) && (
            <p role="alert" className="m-0">
              {reset.error?.message ?? 'This link is incomplete; use the link from the email.'}{' '}
              <Link to="/forgot-password">Ask for a new link</Link>
            </p>
          )}
          <Button type="submit" className="self-start" disabled={!token || reset.isPending}>
            {reset.isPending ? 'Please wait…' : 'Set new password'}
          </Button>
        </form>
      )}
    </section>
  );
}
