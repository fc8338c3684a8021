import type { Executor } from '../../db/database.ts';

export const findRefreshToken = (db: Executor, tokenHash: string) =>
  db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();

export async function insertRefreshToken(
  db: Executor,
  row: { user_id: string; family_id: string; token_hash: string; expires_at: string; created_at: string },
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
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function revokeFamily(db: Executor, familyId: string, at: string): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: at })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every session of a user, except `keepFamilyId` when given. */
export async function revokeUserSessions(db: Executor, userId: string, at: string, keepFamilyId?: string) {
  let query = db
    .updateTable('refresh_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keepFamilyId) query = query.where('family_id', '!=', keepFamilyId);
  await query.execute();
}
