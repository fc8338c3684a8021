import {
  ErrorCode,
  type AdminUpdateUserBody,
  type AdminUsersQuery,
  type UpdateMeBody,
  type User,
} from '@igniflo/contract';
import { isUniqueViolation, now, type Db } from '../../db/database.ts';
import { transaction } from '../../db/transaction.ts';
import { AppError, conflict, notFound, unauthenticated } from '../../lib/errors.ts';
import { decodeCursor, DEFAULT_LIMIT, toPage } from '../../lib/pagination.ts';
import { hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { revokeUserSessions } from '../auth/refresh-tokens.repository.ts';
import { countActiveAdmins, findUserById, listUsers, updateUser } from './users.repository.ts';
import { toUser } from './users.mapper.ts';
import { recordAudit } from '../audit/audit.repository.ts';

export type UsersService = ReturnType<typeof createUsersService>;

export function createUsersService({ db }: { db: Db }) {
  async function getUser(id: string): Promise<User> {
    const row = await findUserById(db, id);
    if (!row) throw notFound('User');
    return toUser(row);
  }

  return {
    getUser,

    async updateMe(id: string, patch: UpdateMeBody): Promise<User> {
      try {
        const row = await updateUser(db, id, {
          ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
          ...(patch.email !== undefined ? { email: patch.email } : {}),
          ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
          updated_at: now(),
        });
        if (!row) throw notFound('User');
        return toUser(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict('That email or phone number belongs to another account');
        throw error;
      }
    },

    /** Changing the password signs out every other session; the current one stays signed in. */
    async changePassword(id: string, sessionId: string, currentPassword: string, newPassword: string) {
      const row = await findUserById(db, id);
      if (!row || !(await verifyPassword(row.password_hash, currentPassword))) {
        throw unauthenticated('Current password is incorrect');
      }
      const passwordHash = await hashPassword(newPassword);
      await transaction(db, async (tx) => {
        const at = now();
        await updateUser(tx, id, { password_hash: passwordHash, updated_at: at });
        await revokeUserSessions(tx, id, at, sessionId);
      });
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

    /** Role changes and deactivation; the last active admin can be neither demoted nor deactivated. */
    async adminUpdate(actorId: string, id: string, patch: AdminUpdateUserBody): Promise<User> {
      return transaction(db, async (tx) => {
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
        if (patch.active === false) await revokeUserSessions(tx, id, at);
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
        return after;
      });
    },
  };
}
