import { PageHeading } from '../../components/page-heading.tsx';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { User } from '@igniflo/contract';
import { sendPhoneCode } from '../../hooks/api/account.ts';
import { useSession } from '../../lib/session.tsx';
import { TextField } from '../../components/field.tsx';

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
    <section aria-labelledby="sign-in-title" className="narrow">
      <PageHeading id="sign-in-title" title={register ? 'Create an account' : 'Sign in'} />
      <form onSubmit={(e) => void submit(e)} className="stack">
        {register && (
          <>
            <TextField
              id="name"
              label="Name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="name"
              required
            />
          </>
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
        <button type="submit" disabled={busy}>
          {busy ? 'Please wait…' : register ? 'Create account' : 'Sign in'}
        </button>
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

/** Sign in with a code sent by text message: first the phone, then the six digits. */
function PhoneSignIn() {
  const session = useSession();
  const navigate = useNavigate();
  const after = useAfterSignIn();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (event: FormEvent, work: () => Promise<void>) => {
    event.preventDefault();
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
  const send = (event: FormEvent) =>
    run(event, async () => {
      await sendPhoneCode(phone.trim());
      setSent(true);
    });
  const verify = (event: FormEvent) =>
    run(
      event,
      async () => void navigate(after.target(await session.loginWithPhone(phone.trim(), code.trim()))),
    );

  return (
    <form onSubmit={(e) => void (sent ? verify(e) : send(e))} className="stack" aria-labelledby="phone-title">
      <h2 id="phone-title">Or sign in with a code by text message</h2>
      <TextField
        id="phone"
        label="Phone (international format, e.g. +447700900123)"
        type="tel"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        autoComplete="tel"
        pattern="\+[1-9][0-9]{7,14}"
        readOnly={sent}
        required
      />
      {sent && (
        <>
          <p role="status">We sent a six-digit code to {phone}. It is valid for 5 minutes.</p>
          <TextField
            id="code"
            label="Code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            required
          />
        </>
      )}
      {error && <p role="alert">{error}</p>}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Please wait…' : sent ? 'Sign in with code' : 'Text me a code'}
        </button>
        {sent && (
          <button type="button" className="secondary" onClick={() => (setSent(false), setCode(''))}>
            Use another number
          </button>
        )}
      </div>
    </form>
  );
}
