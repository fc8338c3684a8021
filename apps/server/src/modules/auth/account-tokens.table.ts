import type { Selectable } from 'kysely';

export type AccountTokenPurpose = 'verify_email' | 'reset_password' | 'change_email';

/** The single-use token of an account link; only its SHA-256 hash is kept. */
export interface AccountTokensTable {
  token_hash: string;
  user_id: string;
  purpose: AccountTokenPurpose;
  /** The address the link went to: for a change of email, the new one. */
  email: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}
export type AccountTokenRow = Selectable<AccountTokensTable>;
