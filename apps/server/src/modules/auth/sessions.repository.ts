import type { Role } from '@igniflo/contract';
import type { Executor } from '../../platform/db/database.ts';
import { prepared } from '../../platform/db/prepared.ts';

/** Why a session ended: kept with it, for support and the audit of an incident. */
export type RevokeReason =
  | 'logout'
  | 'refresh_reuse'
  | 'password_changed'
  | 'email_changed'
  | 'phone_changed'
  | 'role_changed'
  | 'deactivated';

export async function insertSession(db: Executor, row: { id: string; user_id: string; created_at: string }) {
  await db.insertInto('sessions').values(row).execute();
}

/** What every authenticated request checks: the session is live, and its account's role and state. */
const selectSessionAccount = prepared((db, v: { id: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id as userId', 'users.role', 'users.active'])
    .where('sessions.id', '=', v.id)
    .where('sessions.revoked_at', 'is', null),
);

export const findLiveSession = async (
  db: Executor,
  id: string,
): Promise<{ userId: string; role: Role; active: number } | undefined> =>
  (await selectSessionAccount(db, { id })).rows[0];

/** Ends the given session; the ids actually ended (none if it already was). */
export async function revokeSession(db: Executor, id: string, at: string, reason: RevokeReason) {
  const rows = await db
    .updateTable('sessions')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Ends every session of a user, except `keepId` when given; the ids ended. */
export async function revokeUserSessions(
  db: Executor,
  userId: string,
  at: string,
  reason: RevokeReason,
  keepId?: string,
) {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keepId) query = query.where('id', '!=', keepId);
  const rows = await query.returning('id').execute();
  return rows.map((r) => r.id);
}

/** Sessions revoked at or after `since` (by any instance), oldest first. */
export const sessionsRevokedSince = (db: Executor, since: string) =>
  db
    .selectFrom('sessions')
    .select(['id', 'revoked_at'])
    .where('revoked_at', '>=', since)
    .orderBy('revoked_at')
    .limit(10_000)
    .execute();

export const latestRevocation = async (db: Executor): Promise<string | null> =>
  (
    await db
      .selectFrom('sessions')
      .select((eb) => eb.fn.max('revoked_at').as('at'))
      .executeTakeFirst()
  )?.at ?? null;

export const findRefreshToken = (db: Executor, tokenHash: string) =>
  db
    .selectFrom('refresh_tokens')
    .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session_id')
    .select([
      'refresh_tokens.id',
      'refresh_tokens.user_id',
      'refresh_tokens.session_id',
      'refresh_tokens.expires_at',
      'refresh_tokens.used_at',
      'sessions.revoked_at',
    ])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();

export async function insertRefreshToken(
  db: Executor,
  row: { user_id: string; session_id: string; token_hash: string; expires_at: string; created_at: string },
): Promise<void> {
  await db.insertInto('refresh_tokens').values(row).execute();
}

/** Marks a token spent; false when another request spent it first. */
export async function spendRefreshToken(db: Executor, id: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
