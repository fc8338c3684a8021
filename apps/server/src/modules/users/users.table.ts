import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '@igniflo/contract';

export interface UsersTable {
  id: string;
  /** Stored lowercased; unique. Null for accounts created by phone sign-in. */
  email: string | null;
  /** When a link mailed to the email proved it (or, with email off, when it was given). */
  email_verified_at: string | null;
  /** A new email waiting for its confirmation link, until pending_email_until. */
  pending_email: string | null;
  pending_email_until: string | null;
  phone: string | null;
  name: string;
  role: Role;
  /** 0 or 1: SQLite has no boolean type. */
  active: number;
  password_hash: string | null;
  /** When a one-time code proved the phone; a phone without it never signs in or gets texts. */
  phone_verified_at: string | null;
  /** The current profile picture's id (its file is avatars/<user id>/<avatar id>.webp); null: none. */
  avatar_id: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  /** 0 or 1: order updates by email (on unless the customer turned them off or unsubscribed). */
  email_order_updates: Generated<number>;
  /** 0 or 1: order updates by text, to a verified phone only. */
  sms_order_updates: Generated<number>;
}
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

/** A signed-in session: what every access token names, and what revocation ends. */
export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}
export type SessionRow = Selectable<SessionsTable>;

/** Each refresh token works once; its successor continues the same session. */
export interface RefreshTokensTable {
  id: Generated<number>;
  user_id: string;
  session_id: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}
