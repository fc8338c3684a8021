import { PageHeading } from '../../components/page-heading.tsx';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { User } from '@igniflo/contract';
import { sendPhoneCode } from '../../hooks/api/account.ts';
import { useSession } from '../../lib/session.tsx';
import { TextField } from '../../components/field.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Field, Input } from '../../components/ui/field.tsx';
import { PHONE_HINT, PHONE_INVALID, toE164 } from '../../lib/phone.ts';

const HOME: Record<User['role'], string> = { CUSTOMER: '/orders', STAFF: '/staff', ADMIN: '/admin' };

/**
 * Where to go once signed in: back to the page that sent the visitor here (checkout, an order),
 * else the role's home. Only a path on this site is followed, never another origin.
 */
function useAfterSignIn() {
  const from = (useLocation().state as { from?: unknown } | null)?.from;
  const back = typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : null;
  return { state: back ? { from: back } : undefined, target: (user: User) => back ?? HOME[user.role] };
}
const messageOf = (failure: unknown) => (failure instanceof Error ? failure.message : 'Something went wrong');

/** Sign in, or create an account: one form, two modes. */
export function SignInPage({ mode }: { mode: 'login' | 'register' }) {
  const session = useSession();
  const navigate = useNavigate();
  const after = useAfterSignIn();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const register = mode === 'register';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = register
        ? await session.register(name, email, password)
        : await session.login(email, password);
      void navigate(after.target(user));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="sign-in-title" className="max-w-sm">
      <PageHeading id="sign-in-title" title={register ? 'Create an account' : 'Sign in'} />
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3">
        {register && (
          <TextField
            id="name"
            label="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="name"
            required
          />
        )}
        <TextField
          id="email"
          label="Email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="email"
          required
        />
        <TextField
          id="password"
          label="Password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete={register ? 'new-password' : 'current-password'}
          minLength={register ? 8 : 1}
          required
        />
        {error && <p role="alert">{error}</p>}
        <div className="flex flex-wrap items-center gap-4">
          <Button type="submit" disabled={busy}>
            {busy ? 'Please wait…' : register ? 'Create account' : 'Sign in'}
          </Button>
          {!register && <Link to="/forgot-password">Forgot your password?</Link>}
        </div>
      </form>
      {!register && <PhoneSignIn />}
      <p>
        {register ? (
          <>
            Have an account?{' '}
            <Link to="/login" state={after.state}>
              Sign in
            </Link>
          </>
        ) : (
          <>
            New here?{' '}
            <Link to="/register" state={after.state}>
              Create an account
            </Link>
          </>
        )}
      </p>
    </section>
  );
}

/** How long the server makes a phone wait between two codes. */
const RESEND_AFTER_S = 30;

/**
 * Sign in with a code sent by text message: first the phone (as people write it: a local number is
 * read in the browser's country), then the six digits, and a name if this makes a new account.
 */
function PhoneSignIn() {
  const session = useSession();
  const navigate = useNavigate();
  const after = useAfterSignIn();
  const [typed, setTyped] = useState('');
  const [phone, setPhone] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [wait, setWait] = useState(0);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const sendTo = (number: string) =>
    run(async () => {
      await sendPhoneCode(number);
      setPhone(number);
      setWait(RESEND_AFTER_S);
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (phone) {
      void run(async () => {
        const user = await session.loginWithPhone(phone, code.trim(), name.trim() || undefined);
        void navigate(after.target(user));
      });
      return;
    }
    const number = toE164(typed);
    setPhoneError(number ? null : PHONE_INVALID);
    if (number) void sendTo(number);
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-3" aria-labelledby="phone-title" noValidate>
      <h2 id="phone-title">Or sign in with a code by text message</h2>
      {phone ? (
        <>
          <p role="status" className="m-0">
            We sent a six-digit code to {phone}. It is valid for 5 minutes.
          </p>
          <TextField
            id="code"
            label="Code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
          />
          <TextField
            id="phone-name"
            label="Your name (if you are new here)"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="name"
            maxLength={100}
          />
        </>
      ) : (
        <Field id="phone" label="Phone" hint={PHONE_HINT} error={phoneError}>
          <Input
            id="phone"
            type="tel"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="tel"
            required
            aria-invalid={phoneError ? true : undefined}
            aria-describedby={phoneError ? 'phone-hint phone-error' : 'phone-hint'}
          />
        </Field>
      )}
      {error && <p role="alert">{error}</p>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? 'Please wait…' : phone ? 'Sign in with code' : 'Text me a code'}
        </Button>
        {phone && (
          <Button variant="secondary" disabled={busy || wait > 0} onClick={() => void sendTo(phone)}>
            {wait > 0 ? `Send a new code in ${wait} s` : 'Send a new code'}
          </Button>
        )}
        {phone && (
          <Button variant="ghost" onClick={() => (setPhone(null), setCode(''))}>
            Use another number
          </Button>
        )}
      </div>
    </form>
  );
}
