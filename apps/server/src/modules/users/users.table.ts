import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '@igniflo/contract';

export interface UsersTable {
  id: string;
  /** Stored lowercased; unique. Null for accounts created by phone sign-in. */
  email: string | null;
  phone: string | null;
  name: string;
  role: Role;
  /** 0 or 1: SQLite has no boolean type. */
  active: number;
  password_hash: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

export interface RefreshTokensTable {
  id: Generated<number>;
  user_id: string;
  family_id: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}
