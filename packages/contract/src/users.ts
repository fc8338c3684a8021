import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, PageQuery, StringEnum, Text, Timestamp } from './common.ts';

export const Role = { CUSTOMER: 'CUSTOMER', STAFF: 'STAFF', ADMIN: 'ADMIN' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const RoleSchema = StringEnum(['CUSTOMER', 'STAFF', 'ADMIN']);

export const Email = Type.String({ format: 'email', maxLength: 254 });
/** E.164: a plus sign and 8 to 15 digits. */
export const Phone = Type.String({ pattern: '^\\+[1-9][0-9]{7,14}$' });
export const Password = Type.String({ minLength: 8, maxLength: 200 });
export const OneTimeCode = Type.String({ pattern: '^[0-9]{6}$' });

/**
 * Proof of the account for changes that could hand it to someone else (SPEC §10): the current
 * password, or for an account without one a fresh sign-in code sent to its phone
 * (POST /auth/otp/send). Without it: 401 REAUTH_REQUIRED.
 */
const Reauthentication = {
  currentPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  currentCode: Type.Optional(OneTimeCode),
};
export interface Reauthentication {
  currentPassword?: string | undefined;
  currentCode?: string | undefined;
}

export const User = Type.Object(
  {
    id: Id,
    email: Nullable(Type.String()),
    /**
     * Whether a link mailed to the email proved it (SPEC §13). With email off, an address is
     * taken as given and counts as verified.
     */
    emailVerified: Type.Boolean(),
    /** A new email waiting for its confirmation link to be followed; null when none is. */
    pendingEmail: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    /** Whether a code sent to the phone proved it; only a verified phone signs in or gets texts. */
    phoneVerified: Type.Boolean(),
    name: Type.String(),
    role: RoleSchema,
    active: Type.Boolean(),
    /**
     * The profile picture (GET /users/{id}/avatar), or null for none. The `v` query changes with
     * every new picture, so a client may cache what one URL answers.
     */
    avatarUrl: Nullable(Type.String({ description: 'e.g. /api/v1/users/{id}/avatar?v=…; null: no picture' })),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'User' },
);
export type User = Static<typeof User>;

/**
 * A profile change. Changing the email or removing the phone needs reauthentication; a new phone
 * is attached through POST /users/me/phone and its verification instead.
 */
export const UpdateMeBody = Type.Object(
  {
    name: Type.Optional(Text(100, 1)),
    email: Type.Optional(Email),
    phone: Type.Optional(Type.Null({ description: 'null removes the phone' })),
    ...Reauthentication,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMeBody = Static<typeof UpdateMeBody>;

/** PATCH /users/me with a new email while email is on: nothing changes until the link mailed to it is followed. */
export const EmailChangePending = Type.Object({ pendingEmail: Type.String() });
export type EmailChangePending = Static<typeof EmailChangePending>;

export const ChangePasswordBody = Type.Object(
  { newPassword: Password, ...Reauthentication },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

/** Sends a code to a new phone; the phone is attached once the code is verified. */
export const PhoneChangeBody = Type.Object(
  { phone: Phone, ...Reauthentication },
  { additionalProperties: false },
);
export type PhoneChangeBody = Static<typeof PhoneChangeBody>;

export const PhoneVerifyBody = Type.Object(
  { phone: Phone, code: OneTimeCode },
  { additionalProperties: false },
);
export type PhoneVerifyBody = Static<typeof PhoneVerifyBody>;

export const AdminUsersQuery = Type.Object(
  { q: Type.Optional(Text(100)), role: Type.Optional(RoleSchema), ...PageQuery },
  { additionalProperties: false },
);
export type AdminUsersQuery = Static<typeof AdminUsersQuery>;

export const AdminUpdateUserBody = Type.Object(
  { role: Type.Optional(RoleSchema), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export type AdminUpdateUserBody = Static<typeof AdminUpdateUserBody>;

/**
 * An account made by an admin (SPEC §14): with a password, ready to sign in; without one (email
 * on), the person is mailed an invitation link to choose it.
 */
export const AdminCreateUserBody = Type.Object(
  { email: Email, name: Text(100, 1), role: RoleSchema, password: Type.Optional(Password) },
  { additionalProperties: false },
);
export type AdminCreateUserBody = Static<typeof AdminCreateUserBody>;

export const AdminCreatedUser = Type.Object({
  user: User,
  /** Whether an invitation link was mailed (no password was given). */
  invited: Type.Boolean(),
});
export type AdminCreatedUser = Static<typeof AdminCreatedUser>;
