/**
 * Account links (SPEC §13, with email on): a link mailed at registration proves the address, a
 * forgotten password is reset through a link, and a new email takes effect only when the link
 * mailed to it is followed. Each link carries a single-use token (32 random bytes) of which only
 * the SHA-256 hash is stored, with its purpose, the address it went to and its expiry; a newer
 * link of the same purpose voids the older. The security notices of §10 are queued here too.
 */
import { randomBytes } from 'node:crypto';
import { isUniqueViolation, now, type Db, type Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { normalizeEmail } from '../../lib/email.ts';
import { AppError, conflict, invalid } from '../../lib/errors.ts';
import { ErrorCode } from '@igniflo/contract';
import { hashPassword } from '../../lib/passwords.ts';
import type { AccountMail } from '../messages/account-mail.ts';
import { maskRecipient } from '../messages/messages.service.ts';
import { userDirectory } from '../users/user-directory.ts';
import type { UserRow } from '../users/users.table.ts';
import { replaceAccountToken, spendAccountToken, voidAccountTokens } from './account-tokens.repository.ts';
import type { AccountTokenPurpose } from './account-tokens.table.ts';
import { hashToken } from './token-hash.ts';
import type { Sessions } from './sessions.ts';
import { revokeUserSessions } from './sessions.repository.ts';

const HOUR_MS = 60 * 60 * 1000;
/** How long each link works. */
export const LINK_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  verify_email: 24 * HOUR_MS,
  reset_password: 30 * 60 * 1000,
  change_email: 24 * HOUR_MS,
};
/** Where each link leads in the web app, which posts its token to the API. */
const PAGE: Record<AccountTokenPurpose, string> = {
  verify_email: '/verify-email',
  reset_password: '/reset-password',
  change_email: '/confirm-email',
};
/** An invitation is a password link that waits longer: the invited person may be away for days. */
export const INVITATION_LIFETIME_MS = 7 * 24 * HOUR_MS;
const DEAD_LINK = 'This link is not valid any more: it was used, replaced by a newer one, or has expired';
export const EMAIL_TAKEN = 'That email or phone number belongs to another account';

export type AccountLinks = ReturnType<typeof createAccountLinks>;

export function createAccountLinks({
  db,
  sessions,
  mail,
}: {
  db: Db;
  sessions: Sessions;
  mail: AccountMail;
}) {
  const forgotPage = `${mail.publicUrl}/forgot-password`;

  function requireMail(): void {
    if (!mail.enabled) throw new AppError(ErrorCode.NOT_FOUND, 404, 'Email is not set up on this server');
  }

  /** A new link of `purpose` for `to`, stored in `tx`; answers its URL. */
  async function issue(
    tx: Tx,
    user: UserRow,
    purpose: AccountTokenPurpose,
    to: string,
    lifetimeMs = LINK_LIFETIME_MS[purpose],
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const at = now();
    await replaceAccountToken(tx, {
      token_hash: hashToken(token),
      user_id: user.id,
      purpose,
      email: to,
      expires_at: new Date(Date.parse(at) + lifetimeMs).toISOString(),
      used_at: null,
      created_at: at,
    });
    return `${mail.publicUrl}${PAGE[purpose]}?token=${token}`;
  }

  /**
   * Uses up a live token of `purpose` and answers its account, still active and, unless the link
   * is for a new address, still at the address the link went to; 400 for anything else.
   */
  async function spend(tx: Tx, token: string, purpose: AccountTokenPurpose) {
    const row = await spendAccountToken(tx, hashToken(token), purpose, now());
    const user = row && (await userDirectory.byId(tx, row.user_id));
    const stillThere = purpose === 'change_email' || user?.email === row?.email;
    if (!row || !user || user.active !== 1 || !stillThere) throw invalid(DEAD_LINK, [{ path: '/token' }]);
    return { row, user };
  }

  async function sendVerification(tx: Tx, user: UserRow): Promise<void> {
    if (!mail.enabled || user.email === null) return;
    const link = await issue(tx, user, 'verify_email', user.email);
    await mail.queue(tx, {
      userId: user.id,
      to: user.email,
      template: 'verify_email',
      input: { name: user.name, link },
    });
  }

  /** A security notice to the account's address (§10): its password or phone changed. */
  async function notice(
    tx: Tx,
    user: UserRow,
    template: 'password_changed' | 'phone_changed',
    phone?: string | null,
  ) {
    if (!user.email) return;
    await mail.queue(tx, {
      userId: user.id,
      to: user.email,
      template,
      input: { name: user.name, link: forgotPage, detail: phone ? maskRecipient(phone) : null },
    });
  }

  /** Ends every session of the account but `keep`, inside `tx`; announce the answer after the commit. */
  const revoke = (tx: Tx, userId: string, reason: 'password_changed' | 'email_changed', keep?: string) =>
    revokeUserSessions(tx, userId, now(), reason, keep);

  return {
    /** Whether registration leaves an address to be proven: only with email on. */
    get verifies(): boolean {
      return mail.enabled;
    },

    /** Queues the verification link of a new account, in its registration's transaction. */
    sendVerification,

    async resendVerification(userId: string): Promise<void> {
      requireMail();
      const user = await userDirectory.byId(db, userId);
      if (!user?.email) throw conflict('There is no email address on this account to confirm');
      if (user.email_verified_at !== null) throw conflict('Your email address is already confirmed');
      await transaction(db, (tx) => sendVerification(tx, user));
    },

    async verifyEmail(token: string): Promise<void> {
      requireMail();
      await transaction(db, async (tx) => {
        const { user } = await spend(tx, token, 'verify_email');
        await userDirectory.update(tx, user.id, { email_verified_at: now(), updated_at: now() });
      });
    },

    /**
     * Mails an account an admin made (without a password) the link that sets its password: a
     * password link, valid for 7 days. False with email off: nothing can be sent.
     */
    async invite(tx: Tx, user: UserRow): Promise<boolean> {
      if (!mail.enabled || user.email === null) return false;
      const link = await issue(tx, user, 'reset_password', user.email, INVITATION_LIFETIME_MS);
      await mail.queue(tx, {
        userId: user.id,
        to: user.email,
        template: 'invitation',
        input: { name: user.name, link },
      });
      return true;
    },

    /** Mails a reset link if an active account has this address; the caller learns nothing either way. */
    async forgotPassword(email: string): Promise<void> {
      requireMail();
      const user = await userDirectory.byEmail(db, normalizeEmail(email));
      if (!user?.email || user.active !== 1) return;
      const to = user.email;
      await transaction(db, async (tx) => {
        const link = await issue(tx, user, 'reset_password', to);
        await mail.queue(tx, {
          userId: user.id,
          to,
          template: 'password_reset',
          input: { name: user.name, link },
        });
      });
    },

    /**
     * Sets the password the link was for and ends every session of the account (streams too). The
     * link proves the mailbox, so the address counts as verified from now on.
     */
    async resetPassword(token: string, newPassword: string): Promise<void> {
      requireMail();
      const passwordHash = await hashPassword(newPassword);
      const revoked = await transaction(db, async (tx) => {
        const { user } = await spend(tx, token, 'reset_password');
        const at = now();
        await userDirectory.update(tx, user.id, {
          password_hash: passwordHash,
          email_verified_at: user.email_verified_at ?? at,
          updated_at: at,
        });
        await voidAccountTokens(tx, user.id, ['reset_password'], at);
        await notice(tx, user, 'password_changed');
        return revoke(tx, user.id, 'password_changed');
      });
      sessions.revoked(revoked);
    },

    /**
     * Starts a change of email (the caller has re-authenticated): the new address gets a link, the
     * current one a notice at once; nothing else changes until the link is followed.
     */
    async requestEmailChange(tx: Tx, user: UserRow, email: string): Promise<{ pendingEmail: string }> {
      const holder = await userDirectory.byEmail(tx, email);
      if (holder && holder.id !== user.id) throw conflict(EMAIL_TAKEN);
      const link = await issue(tx, user, 'change_email', email);
      await userDirectory.update(tx, user.id, {
        pending_email: email,
        pending_email_until: new Date(Date.now() + LINK_LIFETIME_MS.change_email).toISOString(),
      });
      const name = user.name;
      await mail.queue(tx, {
        userId: user.id,
        to: email,
        template: 'email_change_confirm',
        input: { name, link },
      });
      if (user.email) {
        await mail.queue(tx, {
          userId: user.id,
          to: user.email,
          template: 'email_change_notice',
          input: { name, link: forgotPage, detail: maskRecipient(email) },
        });
      }
      return { pendingEmail: email };
    },

    /**
     * Applies the email the link was sent to (409 if another account took it meanwhile), proven, and
     * ends the account's other sessions: all of them, unless `asker` is a session of this account.
     */
    async confirmEmailChange(token: string, asker?: { userId: string; sessionId: string }): Promise<void> {
      requireMail();
      try {
        const revoked = await transaction(db, async (tx) => {
          const { row, user } = await spend(tx, token, 'change_email');
          const at = now();
          await userDirectory.update(tx, user.id, {
            email: row.email,
            email_verified_at: at,
            ...(user.pending_email === row.email ? { pending_email: null, pending_email_until: null } : {}),
            updated_at: at,
          });
          await voidAccountTokens(tx, user.id, ['verify_email', 'reset_password'], at);
          return revoke(
            tx,
            user.id,
            'email_changed',
            asker?.userId === user.id ? asker.sessionId : undefined,
          );
        });
        sessions.revoked(revoked);
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict(EMAIL_TAKEN);
        throw error;
      }
    },

    notice,
  };
}
