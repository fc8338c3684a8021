import { useState, type FormEvent } from 'react';
import type { User } from '@igniflo/contract';
import { TextField } from '../../components/field.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Field, Input } from '../../components/ui/field.tsx';
import {
  useChangePassword,
  useRequestPhoneChange,
  useUpdateProfile,
  useVerifyPhone,
} from '../../hooks/api/account.ts';
import { PHONE_HINT, PHONE_INVALID, toE164 } from '../../lib/phone.ts';
import { useSession } from '../../lib/session.tsx';
import { OrderUpdates } from './order-updates.tsx';
import { ProfilePicture } from './profile-picture.tsx';
import {
  ConfirmIdentity,
  freshProof,
  problemOf,
  proofBody,
  proofRefused,
  type Proof,
} from './confirm-identity.tsx';

const OTHERS_SIGNED_OUT = 'Your other devices are signed out.';

export function ProfilePage() {
  const { user } = useSession();
  if (!user) return null;
  return (
    <section aria-labelledby="profile-title" className="flex max-w-xl flex-col gap-6">
      <PageHeading id="profile-title" title="Your profile" className="mb-0" />
      <ProfilePicture user={user} />
      <DetailsForm user={user} />
      <PhoneSection user={user} />
      <OrderUpdates />
      <PasswordForm user={user} />
    </section>
  );
}

/** An error of one form, tied to the proof inputs when it is the proof that was refused. */
function Problem({ id, error, proof, user }: { id: string; error: Error | null; proof: Proof; user: User }) {
  const problem = problemOf(error, proof, user);
  return problem ? (
    <p role="alert" id={id} className="m-0">
      {problem}
    </p>
  ) : null;
}

const formClass = 'flex max-w-sm flex-col gap-3';

/** Name and email; a new email needs proof of the account. */
function DetailsForm({ user }: { user: User }) {
  const profile = useUpdateProfile();
  const [form, setForm] = useState({ name: user.name, email: user.email ?? '' });
  const [proof, setProof] = useState(() => freshProof(user));
  const [saved, setSaved] = useState('');
  const email = form.email.trim();
  const changesEmail = email !== '' && email !== user.email;

  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    const name = form.name.trim();
    if (name === user.name && !changesEmail) return setSaved('Nothing to save.');
    profile.mutate(
      {
        ...(name !== user.name ? { name } : {}),
        ...(changesEmail ? { email, ...proofBody(proof) } : {}),
      },
      {
        onSuccess: (answer) => {
          setProof(freshProof(user));
          if ('pendingEmail' in answer && !('id' in answer)) {
            setForm({ name, email: user.email ?? '' });
            return setSaved(
              user.email
                ? `We sent a link to ${answer.pendingEmail}. Your email changes once you follow it; until then you sign in with ${user.email}.`
                : `We sent a link to ${answer.pendingEmail}. It becomes your email once you follow it.`,
            );
          }
          setSaved(changesEmail ? `Your details are saved. ${OTHERS_SIGNED_OUT}` : 'Your details are saved.');
        },
      },
    );
  };

  return (
    <form onSubmit={save} className={formClass} aria-labelledby="details-title">
      <h2 id="details-title" className="mb-0">
        Details
      </h2>
      <TextField
        id="profile-name"
        label="Name"
        value={form.name}
        onChange={(e) => setForm({ ...form, name: e.target.value })}
        autoComplete="name"
        required
        maxLength={100}
      />
      <TextField
        id="profile-email"
        label="Email"
        type="email"
        value={form.email}
        onChange={(e) => setForm({ ...form, email: e.target.value })}
        autoComplete="email"
        maxLength={254}
      />
      {user.pendingEmail && (
        <p className="m-0" id="pending-email">
          <Badge tone="warning">Waiting</Badge> Changing to {user.pendingEmail}: follow the link we sent there
          to confirm it.
        </p>
      )}
      {changesEmail && (
        <ConfirmIdentity
          id="details"
          user={user}
          proof={proof}
          onChange={setProof}
          errorId={proofRefused(profile.error) ? 'details-error' : undefined}
        />
      )}
      <Problem id="details-error" error={profile.error} proof={proof} user={user} />
      <p role="status" className="m-0">
        {saved}
      </p>
      <Button type="submit" className="self-start" disabled={profile.isPending}>
        Save details
      </Button>
    </form>
  );
}

function PhoneSection({ user }: { user: User }) {
  return (
    <section aria-labelledby="phone-title" className={formClass}>
      <h2 id="phone-title" className="mb-0">
        Phone
      </h2>
      {user.phone ? (
        <p className="m-0">
          {user.phone}{' '}
          <Badge tone={user.phoneVerified ? 'success' : 'warning'}>
            {user.phoneVerified ? 'Verified' : 'Not verified'}
          </Badge>
        </p>
      ) : (
        <p className="m-0">No phone on your account.</p>
      )}
      <PhoneChange user={user} />
      {user.phone && <PhoneRemoval user={user} />}
    </section>
  );
}

/** A new phone: proof of the account texts a code to it, and the code attaches it, verified. */
function PhoneChange({ user }: { user: User }) {
  const request = useRequestPhoneChange();
  const verify = useVerifyPhone();
  const [phone, setPhone] = useState(user.phoneVerified ? '' : (user.phone ?? ''));
  const [proof, setProof] = useState(() => freshProof(user));
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const title =
    user.phone && !user.phoneVerified
      ? 'Verify or change your phone'
      : user.phone
        ? 'Change phone'
        : 'Add a phone';

  const send = (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    const to = toE164(phone);
    setPhoneError(to ? null : PHONE_INVALID);
    if (to) request.mutate({ phone: to, ...proofBody(proof) }, { onSuccess: () => setSentTo(to) });
  };
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (!sentTo) return;
    verify.mutate(
      { phone: sentTo, code: code.trim() },
      {
        onSuccess: () => {
          setDone(`${sentTo} is verified and on your account. ${OTHERS_SIGNED_OUT}`);
          setSentTo(null);
          setPhone('');
          setCode('');
          setProof(freshProof(user));
        },
      },
    );
  };
  const startOver = () => {
    setSentTo(null);
    setCode('');
    request.reset();
    verify.reset();
  };

  return (
    <form
      onSubmit={sentTo ? confirm : send}
      className="flex flex-col gap-3"
      aria-labelledby="phone-change-title"
    >
      <h3 id="phone-change-title" className="m-0">
        {title}
      </h3>
      <Field id="new-phone" label="New phone" hint={PHONE_HINT} error={phoneError}>
        <Input
          id="new-phone"
          type="tel"
          value={sentTo ?? phone}
          onChange={(e) => setPhone(e.target.value)}
          autoComplete="tel"
          readOnly={sentTo !== null}
          required
          aria-invalid={phoneError ? true : undefined}
          aria-describedby={phoneError ? 'new-phone-hint new-phone-error' : 'new-phone-hint'}
        />
      </Field>
      {sentTo === null ? (
        <ConfirmIdentity
          id="phone-change"
          user={user}
          proof={proof}
          onChange={setProof}
          errorId={proofRefused(request.error) ? 'phone-change-error' : undefined}
        />
      ) : (
        <TextField
          id="new-phone-code"
          label="Code sent to the new phone"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          required
          aria-invalid={verify.isError}
          aria-describedby={verify.isError ? 'phone-change-error' : undefined}
        />
      )}
      <Problem
        id="phone-change-error"
        error={sentTo ? verify.error : request.error}
        proof={proof}
        user={user}
      />
      <p role="status" className="m-0">
        {sentTo ? `We sent a six-digit code to ${sentTo}. It is valid for 5 minutes.` : done}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={request.isPending || verify.isPending}>
          {sentTo ? 'Verify phone' : 'Send code to new phone'}
        </Button>
        {sentTo && (
          <Button variant="secondary" onClick={startOver}>
            Use another number
          </Button>
        )}
      </div>
    </form>
  );
}

/** Removing the phone needs proof of the account, behind a disclosure so it is not done by accident. */
function PhoneRemoval({ user }: { user: User }) {
  const profile = useUpdateProfile();
  const [open, setOpen] = useState(false);
  const [proof, setProof] = useState(() => freshProof(user));

  const toggle = () => {
    setOpen(!open);
    setProof(freshProof(user));
    profile.reset();
  };
  const remove = (event: FormEvent) => {
    event.preventDefault();
    profile.mutate({ phone: null, ...proofBody(proof) });
  };

  return (
    <div className="flex flex-col gap-3">
      <Button
        variant="destructive-outline"
        className="self-start"
        aria-expanded={open}
        aria-controls="phone-remove-form"
        onClick={toggle}
      >
        Remove phone
      </Button>
      {open && (
        <form
          id="phone-remove-form"
          onSubmit={remove}
          className="flex flex-col gap-3"
          aria-label={`Remove ${user.phone}`}
        >
          <ConfirmIdentity
            id="phone-remove"
            user={user}
            proof={proof}
            onChange={setProof}
            errorId={proofRefused(profile.error) ? 'phone-remove-error' : undefined}
          />
          <Problem id="phone-remove-error" error={profile.error} proof={proof} user={user} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="destructive-outline" disabled={profile.isPending}>
              Confirm removal
            </Button>
            <Button variant="secondary" onClick={toggle}>
              Keep it
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

function PasswordForm({ user }: { user: User }) {
  const password = useChangePassword();
  const [proof, setProof] = useState(() => freshProof(user));
  const [newPassword, setNewPassword] = useState('');

  const change = (event: FormEvent) => {
    event.preventDefault();
    password.mutate(
      { newPassword, ...proofBody(proof) },
      {
        onSuccess: () => {
          setNewPassword('');
          setProof({ ...freshProof(user), method: 'password' });
        },
      },
    );
  };

  return (
    <form onSubmit={change} className={formClass} aria-labelledby="password-title">
      <h2 id="password-title" className="mb-0">
        Password
      </h2>
      <ConfirmIdentity
        id="password"
        user={user}
        proof={proof}
        onChange={setProof}
        errorId={proofRefused(password.error) ? 'password-error' : undefined}
      />
      <TextField
        id="new-password"
        label="New password (at least 8 characters)"
        type="password"
        value={newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
        autoComplete="new-password"
        minLength={8}
        required
      />
      <Problem id="password-error" error={password.error} proof={proof} user={user} />
      <p role="status" className="m-0">
        {password.isSuccess ? `Password changed. ${OTHERS_SIGNED_OUT}` : ''}
      </p>
      <Button type="submit" className="self-start" disabled={password.isPending}>
        Change password
      </Button>
    </form>
  );
}
