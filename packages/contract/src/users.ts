import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, PageQuery, StringEnum, Text, Timestamp } from './common.ts';

export const Role = { CUSTOMER: 'CUSTOMER', STAFF: 'STAFF', ADMIN: 'ADMIN' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const RoleSchema = StringEnum(['CUSTOMER', 'STAFF', 'ADMIN']);

export const Email = Type.String({ format: 'email', maxLength: 254 });
/** E.164: a plus sign and 8 to 15 digits. */
export const Phone = Type.String({ pattern: '^\\+[1-9][0-9]{7,14}$' });
export const Password = Type.String({ minLength: 8, maxLength: 200 });

export const User = Type.Object(
  {
    id: Id,
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    name: Type.String(),
    role: RoleSchema,
    active: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'User' },
);
export type User = Static<typeof User>;

export const UpdateMeBody = Type.Object(
  {
    name: Type.Optional(Text(100, 1)),
    email: Type.Optional(Email),
    phone: Type.Optional(Nullable(Phone)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMeBody = Static<typeof UpdateMeBody>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

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
