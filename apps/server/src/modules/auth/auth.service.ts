import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { ErrorCode, type RegisterBody, type Role, type Session } from '@igniflo/contract';
import { isUniqueViolation, now, type Db, type Executor } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { normalizeEmail } from '../../lib/email.ts';
import { AppError, unauthenticated } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { hashPassword, verifyPassword } from '../../lib/passwords.ts';
import type { AccessClaims } from '../../platform/http/auth.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../platform/http/auth.ts';
import { userDirectory } from '../users/user-directory.ts';
import { toUser } from '../users/users.mapper.ts';
import type { UserRow } from '../users/users.table.ts';
import type { AccountLinks } from './account-links.service.ts';
import type { Sessions } from './sessions.ts';
import {
  findRefreshToken,
  insertRefreshToken,
  insertSession,
  revokeSession,
  revokeUserSessions,
  spendRefreshToken,
  type RevokeReason,
} from './sessions.repository.ts';

const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const BAD_CREDENTIALS = 'Email or password is incorrect';

/** How long after its first use a refresh token may be presented again without ending the session. */
const REFRESH_REUSE_GRACE_MS = 10_000;

export { hashToken } from './token-hash.ts';
import { hashToken } from './token-hash.ts';

/** A session as issued, before the route decides whether the refresh token goes in the body or a cookie. */
export type IssuedSession = Session & { refreshToken: string };

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: {
  db: Db;
  sessions: Sessions;
  /** Derives each refresh token's successor; the server's secret. */
  secret: string;
  signAccessToken: (claims: AccessClaims) => string;
  links: AccountLinks;
}) {
  const { db, sessions } = deps;
  const successorKey = createHmac('sha256', deps.secret).update('refresh-token-successor').digest();
  /**
   * A refresh token's successor is derived from it with a server key, so the same token presented
   * twice within the grace gets the same successor (one session, never two); nobody without the
   * key can derive it.
   */
  const successorOf = (token: string) => createHmac('sha256', successorKey).update(token).digest('base64url');

  function sessionOf(user: UserRow, sessionId: string, refreshToken: string): IssuedSession {
    return {
      user: toUser(user),
      accessToken: deps.signAccessToken({ sub: user.id, role: user.role, sid: sessionId }),
      refreshToken,
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    };
  }

  async function storeRefreshToken(tx: Executor, user: UserRow, sessionId: string, token: string) {
    await insertRefreshToken(tx, {
      user_id: user.id,
      session_id: sessionId,
      token_hash: hashToken(token),
      expires_at: new Date(Date.now() + REFRESH_TOKEN_TTL_MS).toISOString(),
      created_at: now(),
    });
  }

  async function insertAccount(
    tx: Executor,
    input: { email: string; name: string; role?: Role },
    passwordHash: string | null,
    verified: boolean,
  ): Promise<UserRow> {
    const at = now();
    try {
      return await userDirectory.create(tx, {
        id: newId(),
        email: input.email,
        email_verified_at: verified ? at : null,
        name: input.name.trim(),
        role: input.role ?? 'CUSTOMER',
        active: 1,
        password_hash: passwordHash,
        phone: null,
        phone_verified_at: null,
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
  }

  /** Starts a new session for the user. */
  async function startSession(user: UserRow, tx: Executor = db): Promise<IssuedSession> {
    const sessionId = randomUUID();
    const refreshToken = randomBytes(32).toString('base64url');
    await insertSession(tx, { id: sessionId, user_id: user.id, created_at: now() });
    await storeRefreshToken(tx, user, sessionId, refreshToken);
    return sessionOf(user, sessionId, refreshToken);
  }

  return {
    startSession,

    /** Ends every session of the user but `exceptSessionId`; call inside the change's transaction, then `announce`. */
    revokeSessions: (tx: Executor, userId: string, reason: RevokeReason, exceptSessionId?: string) =>
      revokeUserSessions(tx, userId, now(), reason, exceptSessionId),

    /** Tells this instance's checks and streams that sessions ended (after their commit). */
    announce: (sessionIds: readonly string[]) => sessions.revoked(sessionIds),

    /**
     * An account an admin makes in `tx` (SPEC §14): without a password until its invitation is
     * followed; with one, its address is taken as given. 409 when the email has an account.
     */
    createAccount: (
      tx: Executor,
      input: { email: string; name: string; role: Role },
      passwordHash: string | null,
    ): Promise<UserRow> => insertAccount(tx, input, passwordHash, passwordHash !== null),

    /** An account made by the operator (the demo seed, ADMIN_EMAIL): its address is taken as given. */
    createUser: async (input: RegisterBody & { role?: Role }): Promise<UserRow> =>
      insertAccount(db, input, await hashPassword(input.password), true),

    /**
     * A customer signs up: the account, its first session and, with email on, the link that proves
     * its address, in one transaction. With email off the address is taken as given, as before.
     */
    async register(input: RegisterBody): Promise<IssuedSession> {
      const passwordHash = await hashPassword(input.password);
      return transaction(db, async (tx) => {
        const user = await insertAccount(tx, input, passwordHash, !deps.links.verifies);
        await deps.links.sendVerification(tx, user);
        return startSession(user, tx);
      });
    },

    async login(email: string, password: string): Promise<IssuedSession> {
      const user = await userDirectory.byEmail(db, normalizeEmail(email));
      const ok = await verifyPassword(user?.password_hash, password);
      if (!user || !ok || user.active !== 1) throw unauthenticated(BAD_CREDENTIALS);
      return transaction(db, async (tx) => {
        await userDirectory.update(tx, user.id, { last_login_at: now() });
        return startSession(user, tx);
      });
    },

    /**
     * Rotation with reuse detection: each refresh token works once. Presenting a spent one means it
     * was stolen or replayed, so its session is revoked — except within a few seconds of its first
     * use: that is two tabs racing or a response lost on the way, and it gets the same successor.
     */
    async refresh(refreshToken: string): Promise<IssuedSession> {
      const token = await findRefreshToken(db, hashToken(refreshToken));
      if (!token || token.revoked_at !== null) throw unauthenticated('Refresh token is not valid');
      const at = now();
      const successor = successorOf(refreshToken);
      // Spending the old token and storing its successor commit together; a revocation commits
      // even though the request fails, so it is decided inside and thrown after.
      const outcome = await transaction(db, async (tx) => {
        if (token.expires_at < at) return 'Refresh token has expired';
        const user = await userDirectory.byId(tx, token.user_id);
        if (!user || user.active !== 1) {
          return { revoked: await revokeSession(tx, token.session_id, at, 'deactivated') };
        }
        if (await spendRefreshToken(tx, token.id, at)) {
          await storeRefreshToken(tx, user, token.session_id, successor);
          return sessionOf(user, token.session_id, successor);
        }
        const current = await findRefreshToken(tx, hashToken(refreshToken));
        const justSpent =
          current?.revoked_at === null &&
          current.used_at !== null &&
          Date.parse(at) - Date.parse(current.used_at) <= REFRESH_REUSE_GRACE_MS;
        if (justSpent) return sessionOf(user, token.session_id, successor);
        return { revoked: await revokeSession(tx, token.session_id, at, 'refresh_reuse') };
      });
      if (typeof outcome === 'string') throw unauthenticated(outcome);
      if ('revoked' in outcome) {
        sessions.revoked(outcome.revoked);
        throw unauthenticated('This session has ended; please sign in again');
      }
      return outcome;
    },

    /** The session a refresh token belongs to, if the token is known (for signing out by cookie). */
    async sessionOfRefreshToken(refreshToken: string): Promise<string | undefined> {
      return (await findRefreshToken(db, hashToken(refreshToken)))?.session_id;
    },

    async logout(sessionId: string): Promise<void> {
      sessions.revoked(await revokeSession(db, sessionId, now(), 'logout'));
    },
  };
}
