/**
 * Proof of the account for changes that could hand it to someone else (SPEC §10): the current
 * password, or for an account without one a code texted to its verified phone.
 */
import { useState } from 'react';
import type { Reauthentication, User } from '@igniflo/contract';
import { ErrorCode } from '@igniflo/contract/constants';
import { sendPhoneCode } from '../../hooks/api/account.ts';
import { ApiError } from '../../lib/api.ts';
import { TextField } from '../../components/field.tsx';
import { Button } from '../../components/ui/button.tsx';

export interface Proof {
  method: 'password' | 'code';
  currentPassword: string;
  currentCode: string;
}

/**
 * The API does not say whether an account has a password; one made by a texted code has none and
 * no email until it adds one, so that is where the code is offered first.
 */
export const freshProof = (user: User): Proof => ({
  method: user.email === null && user.phoneVerified ? 'code' : 'password',
  currentPassword: '',
  currentCode: '',
});

export const proofBody = (proof: Proof): Reauthentication =>
  proof.method === 'password'
    ? { currentPassword: proof.currentPassword }
    : { currentCode: proof.currentCode.trim() };

/** Whether the server refused the proof rather than the change. */
export const proofRefused = (error: Error | null) =>
  error instanceof ApiError && error.code === ErrorCode.REAUTH_REQUIRED;

/** What went wrong, in words for the person who typed the proof. */
export function problemOf(error: Error | null, proof: Proof, user: User): string | null {
  if (!error) return null;
  if (proofRefused(error) && proof.method === 'password') {
    return user.phoneVerified
      ? 'The current password is not correct. If your account has no password, confirm with a code sent to your phone instead.'
      : 'The current password is not correct.';
  }
  return error.message;
}

export function ConfirmIdentity({
  id,
  user,
  proof,
  onChange,
  errorId,
}: {
  /** Prefix for the ids of its inputs: one page may hold several. */
  id: string;
  user: User;
  proof: Proof;
  onChange: (next: Proof) => void;
  /** The id of the message saying the proof was refused, while it shows. */
  errorId?: string | undefined;
}) {
  const [sent, setSent] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const phone = user.phoneVerified ? user.phone : null;
  const invalid = errorId ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};

  const send = async () => {
    if (!phone) return;
    setSending(true);
    setSendError(null);
    try {
      await sendPhoneCode(phone);
      setSent(true);
    } catch (failure) {
      setSendError(failure instanceof Error ? failure.message : 'The code could not be sent');
    } finally {
      setSending(false);
    }
  };

  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-border p-3">
      <legend className="px-1 font-medium">Confirm it is you</legend>
      {proof.method === 'password' ? (
        <TextField
          id={`${id}-current-password`}
          label="Current password"
          type="password"
          value={proof.currentPassword}
          onChange={(e) => onChange({ ...proof, currentPassword: e.target.value })}
          autoComplete="current-password"
          required
          {...invalid}
        />
      ) : (
        <>
          <Button
            variant="secondary"
            className="self-start"
            onClick={() => void send()}
            disabled={sending || !phone}
          >
            {sent ? 'Send another code' : 'Send code to my phone'}
          </Button>
          <p role="status" className="m-0">
            {sent ? `We sent a six-digit code to ${phone}. It is valid for 5 minutes.` : ''}
          </p>
          {sendError && (
            <p role="alert" className="m-0">
              {sendError}
            </p>
          )}
          <TextField
            id={`${id}-current-code`}
            label="Code sent to your phone"
            value={proof.currentCode}
            onChange={(e) => onChange({ ...proof, currentCode: e.target.value })}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            required
            {...invalid}
          />
        </>
      )}
      {phone && (
        <Button
          variant="link"
          className="h-auto self-start px-0 text-left whitespace-normal"
          onClick={() => onChange({ ...proof, method: proof.method === 'password' ? 'code' : 'password' })}
        >
          {proof.method === 'password'
            ? 'No password? Confirm with a code sent to your phone'
            : 'Confirm with my password instead'}
        </Button>
      )}
    </fieldset>
  );
}
