import type { Executor } from '../../platform/db/database.ts';
import type { AccountTokenPurpose, AccountTokenRow, AccountTokensTable } from './account-tokens.table.ts';

/** Stores a new token and voids the account's earlier unused ones of the same purpose: the newest link wins. */
export async function replaceAccountToken(db: Executor, row: AccountTokensTable): Promise<void> {
  await db
    .updateTable('account_tokens')
    .set({ used_at: row.created_at })
    .where('user_id', '=', row.user_id)
    .where('purpose', '=', row.purpose)
    .where('used_at', 'is', null)
    .execute();
  await db.insertInto('account_tokens').values(row).execute();
}

/**
 * Uses a token up: one conditional update, so two requests with one token cannot both pass.
 * Answers the row when the token was live (known, of this purpose, unused and unexpired).
 */
export const spendAccountToken = (
  db: Executor,
  tokenHash: string,
  purpose: AccountTokenPurpose,
  at: string,
): Promise<AccountTokenRow | undefined> =>
  db
    .updateTable('account_tokens')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returningAll()
    .executeTakeFirst();

/** Voids every unused token of the account's of these purposes (after a reset, say). */
export const voidAccountTokens = (
  db: Executor,
  userId: string,
  purposes: AccountTokenPurpose[],
  at: string,
) =>
  db
    .updateTable('account_tokens')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('purpose', 'in', purposes)
    .where('used_at', 'is', null)
    .execute();

/** Moves a token's expiry: for tests of expired links, and nothing else. */
export const setAccountTokenExpiry = (db: Executor, tokenHash: string, expiresAt: string) =>
  db
    .updateTable('account_tokens')
    .set({ expires_at: expiresAt })
    .where('token_hash', '=', tokenHash)
    .execute();
