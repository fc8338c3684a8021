import type {
  AdminCreatedUser,
  AdminCreateUserBody,
  AdminUpdateUserBody,
  AdminUser,
  Role,
  User,
} from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useChange } from './mutations.ts';
import { usePagedList } from './paged.ts';
import { keys } from './query-keys.ts';

export const useAdminUsers = (filter: { q: string; role: Role | '' }, limit = 20) =>
  usePagedList<AdminUser>([...keys.users.list(filter), limit], '/admin/users', filter, { limit });

export const useUpdateUser = () =>
  useChange(
    ({ id, ...body }: AdminUpdateUserBody & { id: string }, headers) =>
      api<User>(`/admin/users/${id}`, { method: 'PATCH', headers, body: JSON.stringify(body) }),
    [keys.users.all()],
  );

/** Makes an account with a role: with a password, or (email on) invited to choose one. */
export const useCreateUser = () =>
  useChange(
    (body: AdminCreateUserBody, headers) =>
      api<AdminCreatedUser>('/admin/users', { method: 'POST', headers, body: JSON.stringify(body) }),
    [keys.users.all()],
  );
