import type { Generated } from 'kysely';

export interface OtpCodesTable {
  id: Generated<number>;
  phone: string;
  /** HMAC of the code with a server key: a leaked table does not reveal codes. */
  code_hash: string;
  attempts: number;
  expires_at: string;
  consumed_at: string | null;
  client: string;
  created_at: string;
}
