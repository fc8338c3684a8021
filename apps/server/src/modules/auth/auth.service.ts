import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ErrorCode, type RegisterBody, type Role, type Session } from '@igniflo/contract';
import { isUniqueViolation, now, type Db, type Executor } from '../../db/database.ts';
import { transaction } from '../../db/transaction.ts';
import { AppError, unauthenticated } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { hashPassword, verifyPassword } from '../../lib/passwords.ts';
import type { AccessClaims } from '../../plugins/auth.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../plugins/auth.ts';
import { findUserByEmail, findUserById, insertUser, updateUser } from '../users/users.repository.ts';
import { toUser } from '../users/users.mapper.ts';
import type { UserRow } from '../users/users.table.ts';
import {
  findRefreshToken,
  insertRefreshToken,
  revokeFamily,
  spendRefreshToken,
} from './refresh-tokens.repository.ts';

const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const BAD_CREDENTIALS = 'Email or password is incorrect';

/** How long after its first use a refresh token may be presented again without ending the session. */
const REFRESH_REUSE_GRACE_MS = 10_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: { db: Db; signAccessToken: (claims: AccessClaims) => string }) {
  const { db } = deps;

  /** Starts a session, or continues `familyId` when rotating a refresh token. */
  async function issueSession(
    user: UserRow,
    familyId: string = randomUUID(),
    tx: Executor = db,
  ): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    const at = now();
    await insertRefreshToken(tx, {
      user_id: user.id,
      family_id: familyId,
      token_hash: hashToken(refreshToken),
      expires_at: new Date(Date.now() + REFRESH_TOKEN_TTL_MS).toISOString(),
      created_at: at,
    });
    return {
      user: toUser(user),
      accessToken: deps.signAccessToken({ sub: user.id, role: user.role, sid: familyId }),
      refreshToken,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    };
  }

  return {
    issueSession,

    async createUser(input: RegisterBody & { role?: Role }): Promise<UserRow> {
      const at = now();
      try {
        return await insertUser(db, {
          id: newId(),
          email: input.email,
          name: input.name.trim(),
          role: input.role ?? 'CUSTOMER',
          active: 1,
          password_hash: await hashPassword(input.password),
          phone: null,
          created_at: at,
          updated_at: at,
          last_login_at: null,
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new AppError(ErrorCode.CONFLICT, 409, 'An account with this email already exists');
        }
        throw error;
      }
    },

    async register(input: RegisterBody): Promise<Session> {
      return issueSession(await this.createUser(input));
    },

    async login(email: string, password: string): Promise<Session> {
      const user = await findUserByEmail(db, email.trim());
      const ok = await verifyPassword(user?.password_hash, password);
      if (!user || !ok || user.active !== 1) throw unauthenticated(BAD_CREDENTIALS);
      return transaction(db, async (tx) => {
        await updateUser(tx, user.id, { last_login_at: now() });
        return issueSession(user, randomUUID(), tx);
      });
    },

    /**
     * Rotation with reuse detection: each refresh token works once. Presenting a spent one means it
     * was stolen or replayed, so the whole family (every token descended from that login) is revoked
     * — except within a few seconds of its first use: that is two tabs of one browser racing (their
     * storage reaches each other asynchronously) or a response lost on the way, and it gets a new
     * token of the same family instead.
     */
    async refresh(refreshToken: string): Promise<Session> {
      const tokenHash = hashToken(refreshToken);
      const token = await findRefreshToken(db, tokenHash);
      if (!token) throw unauthenticated('Refresh token is not valid');
      const at = now();
      // Spending the old token and issuing the new one commit together; a revocation commits
      // even though the request fails, so it is decided inside and thrown after.
      const outcome = await transaction(db, async (tx) => {
        const spent = token.revoked_at === null && (await spendRefreshToken(tx, token.id, at));
        if (!spent) {
          const current = await findRefreshToken(tx, tokenHash);
          const justSpent =
            current?.revoked_at === null &&
            current.used_at !== null &&
            Date.parse(at) - Date.parse(current.used_at) <= REFRESH_REUSE_GRACE_MS;
          if (!justSpent) {
            await revokeFamily(tx, token.family_id, at);
            return 'Refresh token was already used; please sign in again';
          }
        }
        if (token.expires_at < at) return 'Refresh token has expired';
        const user = await findUserById(tx, token.user_id);
        if (!user || user.active !== 1) {
          await revokeFamily(tx, token.family_id, at);
          return 'Account is not active';
        }
        return issueSession(user, token.family_id, tx);
      });
      if (typeof outcome === 'string') throw unauthenticated(outcome);
      return outcome;
    },

    async logout(familyId: string): Promise<void> {
      await revokeFamily(db, familyId, now());
    },
  };
}
