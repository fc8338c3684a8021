import {
  ErrorCode,
  type AdminCreatedUser,
  type AdminCreateUserBody,
  type AdminUpdateUserBody,
  type AdminUsersQuery,
  type ChangePasswordBody,
  type EmailChangePending,
  type PhoneChangeBody,
  type PhoneVerifyBody,
  type Reauthentication,
  type UpdateMeBody,
  type User,
} from '@igniflo/contract';
import { isUniqueViolation, now, type Db, type Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { normalizeEmail } from '../../lib/email.ts';
import { AppError, conflict, invalid, notFound, reauthRequired } from '../../lib/errors.ts';
import { decodeCursor, DEFAULT_LIMIT, toPage } from '../../lib/pagination.ts';
import { hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { EMAIL_TAKEN, type AccountLinks } from '../auth/account-links.service.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { OtpService } from '../auth/otp.service.ts';
import type { RevokeReason } from '../auth/sessions.ts';
import {
  countActiveAdmins,
  findUserById,
  listUsers,
  releaseUnverifiedPhone,
  updateUser,
} from './users.repository.ts';
import { toUser } from './users.mapper.ts';
import type { UserRow, UserUpdate } from './users.table.ts';
import { recordAudit } from '../audit/audit.service.ts';

export type UsersService = ReturnType<typeof createUsersService>;

const TAKEN = EMAIL_TAKEN;

export function createUsersService({
  db,
  auth,
  otp,
  links,
}: {
  db: Db;
  auth: AuthService;
  otp: OtpService;
  links: AccountLinks;
}) {
  async function findUser(id: string): Promise<UserRow> {
    const row = await findUserById(db, id);
    if (!row) throw notFound('User');
    return row;
  }

  /**
   * Proof that the account's owner is asking: the current password, or for an account without
   * one a fresh sign-in code sent to its (verified) phone.
   */
  async function reauthenticate(user: UserRow, proof: Reauthentication): Promise<void> {
    if (user.password_hash !== null) {
      if (proof.currentPassword === undefined) {
        throw reauthRequired('Confirm this change with your current password (currentPassword)');
      }
      if (!(await verifyPassword(user.password_hash, proof.currentPassword))) {
        throw reauthRequired('Current password is incorrect');
      }
      return;
    }
    if (user.phone === null || user.phone_verified_at === null || proof.currentCode === undefined) {
      throw reauthRequired(
        'Confirm this change with a code sent to your phone: POST /auth/otp/send, then currentCode',
      );
    }
    const refused = await otp.consume(user.phone, proof.currentCode, { purpose: 'sign_in' });
    if (refused) throw reauthRequired(refused);
  }

  /**
   * Applies a change to the account and, for a change of credentials, ends its sessions but the
   * one asking (`sessionId`; undefined ends them all).
   */
  async function change(
    user: UserRow,
    sessionId: string | undefined,
    patch: UserUpdate,
    reason?: RevokeReason,
    first?: (tx: Tx) => Promise<void>,
  ) {
    try {
      const { row, revoked } = await transaction(db, async (tx) => {
        await first?.(tx);
        const at = now();
        const row = await updateUser(tx, user.id, { ...patch, updated_at: at });
        if (!row) throw notFound('User');
        const revoked = reason ? await auth.revokeSessions(tx, user.id, reason, sessionId) : [];
        return { row, revoked };
      });
      auth.announce(revoked);
      return toUser(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(TAKEN);
      throw error;
    }
  }

  return {
    getUser: async (id: string): Promise<User> => toUser(await findUser(id)),

    /** Whether the user may be assigned orders: an active staff member or admin. */
    async isActiveStaff(id: string): Promise<boolean> {
      const user = await findUserById(db, id);
      return user !== undefined && user.active === 1 && user.role !== 'CUSTOMER';
    },

    /**
     * A profile change. With email on, a new email waits for the link mailed to it (`pending`) and
     * the current address is told at once; with email off it applies now, taken as given.
     */
    async updateMe(
      id: string,
      sessionId: string,
      body: UpdateMeBody,
    ): Promise<{ user: User } | { pending: EmailChangePending }> {
      const user = await findUser(id);
      const email = body.email === undefined ? undefined : normalizeEmail(body.email);
      const changesEmail = email !== undefined && email !== user.email;
      const viaLink = changesEmail && links.verifies;
      const removesPhone = body.phone === null && user.phone !== null;
      if (body.name === undefined && body.email === undefined && body.phone === undefined) {
        throw invalid('Name at least one of name, email or phone to change');
      }
      if (removesPhone && user.password_hash === null) {
        throw conflict('Set a password before removing the phone: it is how this account signs in');
      }
      if (changesEmail || removesPhone) await reauthenticate(user, body);
      const patch: UserUpdate = {
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(changesEmail && !viaLink ? { email, email_verified_at: now() } : {}),
        ...(removesPhone ? { phone: null, phone_verified_at: null } : {}),
      };
      const reason = changesEmail && !viaLink ? 'email_changed' : removesPhone ? 'phone_changed' : undefined;
      let pending: EmailChangePending | undefined;
      const updated = await change(user, sessionId, patch, reason, async (tx) => {
        if (viaLink) pending = await links.requestEmailChange(tx, user, email);
        if (removesPhone) await links.notice(tx, user, 'phone_changed', null);
      });
      return pending ? { pending } : { user: updated };
    },

    /** Every other session of the user ends; the current one stays signed in. */
    async changePassword(id: string, sessionId: string, body: ChangePasswordBody): Promise<void> {
      const user = await findUser(id);
      await reauthenticate(user, body);
      await change(
        user,
        sessionId,
        { password_hash: await hashPassword(body.newPassword) },
        'password_changed',
        (tx) => links.notice(tx, user, 'password_changed'),
      );
    },

    /**
     * A password set by the operator, with no proof from the owner: the demo accounts' reset at
     * start (RESET_DEMO_PASSWORDS), never reachable over HTTP. Every session of the account ends.
     */
    async setPassword(id: string, newPassword: string): Promise<void> {
      const user = await findUser(id);
      await change(user, undefined, { password_hash: await hashPassword(newPassword) }, 'password_changed');
    },

    /** Sends a code to the new phone; it is attached by verifyPhone. */
    async requestPhoneChange(id: string, body: PhoneChangeBody, client: string) {
      const user = await findUser(id);
      await reauthenticate(user, body);
      if (user.phone === body.phone && user.phone_verified_at !== null) {
        throw conflict('This phone is already verified on your account');
      }
      const holder = await db
        .selectFrom('users')
        .select('id')
        .where('phone', '=', body.phone)
        .where('phone_verified_at', 'is not', null)
        .executeTakeFirst();
      if (holder && holder.id !== id) throw conflict(TAKEN);
      return otp.send(body.phone, client, { purpose: 'attach_phone', userId: id });
    },

    /** Attaches the phone the code was sent to; an account that only typed it in loses it. */
    async verifyPhone(id: string, sessionId: string, body: PhoneVerifyBody): Promise<User> {
      const user = await findUser(id);
      const refused = await otp.consume(body.phone, body.code, { purpose: 'attach_phone', userId: id });
      if (refused) throw invalid(refused, [{ path: '/code' }]);
      const at = now();
      return change(
        user,
        sessionId,
        { phone: body.phone, phone_verified_at: at },
        'phone_changed',
        async (tx) => {
          await releaseUnverifiedPhone(tx, body.phone, at);
          await links.notice(tx, user, 'phone_changed', body.phone);
        },
      );
    },

    async list(query: AdminUsersQuery) {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await listUsers(db, {
        q: query.q,
        role: query.role,
        beforeId: decodeCursor(query.cursor),
        limit,
      });
      return toPage(rows, limit, (row) => ({
        ...toUser(row),
        orderCount: Number(row.order_count),
        lastLoginAt: row.last_login_at,
      }));
    },

    /**
     * An account with a role, made by an admin (SPEC §14): with a password it can sign in now and
     * its address is taken as given; without one, the person is mailed an invitation to choose it
     * (400 with email off: there would be no way in). 409 when the email has an account.
     */
    async adminCreate(actorId: string, body: AdminCreateUserBody): Promise<AdminCreatedUser> {
      if (body.password === undefined && !links.verifies) {
        throw invalid('Email is not set up on this server: give the account a password', [
          { path: '/password' },
        ]);
      }
      const passwordHash = body.password === undefined ? null : await hashPassword(body.password);
      return transaction(db, async (tx) => {
        const row = await auth.createAccount(tx, body, passwordHash);
        const invited = passwordHash === null && (await links.invite(tx, row));
        const user = toUser(row);
        await recordAudit(tx, {
          actorId,
          action: 'user.create',
          entityType: 'user',
          entityId: row.id,
          before: null,
          after: user,
          at: row.created_at,
        });
        return { user, invited };
      });
    },

    /**
     * Role changes and deactivation, each of which ends the user's sessions (they sign in again with
     * the new role); the last active admin can be neither demoted nor deactivated.
     */
    async adminUpdate(actorId: string, id: string, patch: AdminUpdateUserBody): Promise<User> {
      const { after, revoked } = await transaction(db, async (tx) => {
        const row = await findUserById(tx, id);
        if (!row) throw notFound('User');
        const losesAdmin =
          row.role === 'ADMIN' &&
          row.active === 1 &&
          ((patch.role && patch.role !== 'ADMIN') || patch.active === false);
        if (losesAdmin && (await countActiveAdmins(tx)) <= 1) {
          throw new AppError(ErrorCode.CONFLICT, 409, 'The last admin cannot be demoted or deactivated');
        }
        const at = now();
        const updated = await updateUser(tx, id, {
          ...(patch.role !== undefined ? { role: patch.role } : {}),
          ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
          updated_at: at,
        });
        const reason =
          patch.active === false
            ? 'deactivated'
            : patch.role && patch.role !== row.role
              ? 'role_changed'
              : null;
        const revoked = reason ? await auth.revokeSessions(tx, id, reason) : [];
        const after = toUser(updated ?? row);
        await recordAudit(tx, {
          actorId,
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          before: toUser(row),
          after,
          at,
        });
        return { after, revoked };
      });
      auth.announce(revoked);
      return after;
    },
  };
}
