import { PageHeading } from '../../components/page-heading.tsx';
import { useMemo } from 'react';
import type { AdminUser, Role } from '@igniflo/contract';
import { AdminNav } from '../../components/admin-nav.tsx';
import { columnsOf, PagedTable } from '../../components/data-table.tsx';
import { FilterForm, FilterInput, FilterSelect } from '../../components/filter-form.tsx';
import { Button } from '../../components/ui/button.tsx';
import { inputClass } from '../../components/ui/field.tsx';
import { useAdminUsers, useUpdateUser } from '../../hooks/api/users.ts';
import { formatTime } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';
import { useUrlFilter } from '../../lib/url-state.ts';

const ROLES: Role[] = ['CUSTOMER', 'STAFF', 'ADMIN'];
const ROLE_OPTIONS = [
  { value: '', label: 'All roles' },
  ...ROLES.map((r) => ({ value: r, label: r.toLowerCase() })),
];

const col = columnsOf<AdminUser>();

export function UsersPage() {
  const [filter, setFilter] = useUrlFilter(['q', 'role']);
  // A role the address names but that does not exist lists everyone rather than failing.
  const role = ROLES.find((r) => r === filter.role) ?? '';
  const users = useAdminUsers({ q: filter.q, role });
  const update = useUpdateUser();
  const { mutate, isPending } = update;
  const me = useSession().user?.id;
  const columns = useMemo(
    () =>
      col.columns([
        col.accessor('name', { header: 'Name', meta: { alwaysShown: true } }),
        col.accessor((user) => user.email ?? user.phone ?? '', { id: 'contact', header: 'Contact' }),
        col.accessor('role', {
          header: 'Role',
          cell: ({ row: { original: user } }) => (
            <select
              aria-label={`Role of ${user.name}`}
              value={user.role}
              disabled={user.id === me || isPending}
              className={`${inputClass} min-w-28`}
              onChange={(e) => mutate({ id: user.id, role: e.target.value as Role })}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r.toLowerCase()}
                </option>
              ))}
            </select>
          ),
        }),
        col.accessor('orderCount', { header: 'Orders' }),
        col.accessor((user) => user.lastLoginAt ?? '', {
          id: 'lastLoginAt',
          header: 'Last sign-in',
          cell: ({ getValue }) => (getValue() ? formatTime(getValue()) : 'never'),
        }),
        col.display({
          id: 'access',
          header: 'Access',
          meta: { alwaysShown: true },
          cell: ({ row: { original: user } }) =>
            user.id === me ? (
              'you'
            ) : (
              <Button
                variant="secondary"
                size="sm"
                disabled={isPending}
                onClick={() => mutate({ id: user.id, active: !user.active })}
              >
                {user.active ? 'Deactivate' : 'Reactivate'} <span className="sr-only">{user.name}</span>
              </Button>
            ),
        }),
      ]),
    [me, mutate, isPending],
  );
  return (
    <section aria-labelledby="users-title">
      <AdminNav />
      <PageHeading id="users-title" title="Users and roles" />
      <FilterForm filter={filter} onApply={setFilter} submitLabel="Search">
        <FilterInput id="user-search" label="Name, email or phone" type="search" name="q" filter={filter} />
        <FilterSelect id="user-role" label="Role" name="role" filter={filter} options={ROLE_OPTIONS} />
      </FilterForm>
      {update.error && <p role="alert">{update.error.message}</p>}
      <PagedTable
        list={users}
        what="users"
        empty="No users match."
        columns={columns}
        caption="Users"
        captionHidden
        getRowId={(u) => u.id}
      />
    </section>
  );
}
