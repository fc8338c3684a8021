import type { Generated } from 'kysely';

export type OtpPurpose = 'sign_in' | 'attach_phone';

export interface OtpCodesTable {
  id: Generated<number>;
  phone: string;
  /** HMAC of the code with a server key: a leaked table does not reveal codes. */
  code_hash: string;
  attempts: number;
  expires_at: string;
  consumed_at: string | null;
  client: string;
  /** `sign_in`, or `attach_phone` for the account in user_id. */
  purpose: Generated<OtpPurpose>;
  user_id: string | null;
  created_at: string;
}
