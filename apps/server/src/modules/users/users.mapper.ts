import type { User } from '@igniflo/contract';
import type { UserRow } from './users.table.ts';

export const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  emailVerified: row.email !== null && row.email_verified_at !== null,
  pendingEmail:
    row.pending_email !== null && (row.pending_email_until ?? '') > new Date().toISOString()
      ? row.pending_email
      : null,
  phone: row.phone,
  phoneVerified: row.phone !== null && row.phone_verified_at !== null,
  name: row.name,
  role: row.role,
  active: row.active === 1,
  avatarUrl: row.avatar_id === null ? null : `/api/v1/users/${row.id}/avatar?v=${row.avatar_id}`,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
