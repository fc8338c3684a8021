import { PageHeading } from '../../components/page-heading.tsx';
import { useMemo, useState, type FormEvent } from 'react';
import type { AdminUser, Role } from '@igniflo/contract';
import { AdminNav } from '../../components/admin-nav.tsx';
import { columnsOf, PagedTable } from '../../components/data-table.tsx';
import { FilterForm, FilterInput, FilterSelect } from '../../components/filter-form.tsx';
import { TextField } from '../../components/field.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { notify } from '../../components/ui/toaster.tsx';
import { Field, inputClass } from '../../components/ui/field.tsx';
import { useAdminUsers, useCreateUser, useUpdateUser } from '../../hooks/api/users.ts';
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
      <AddUser />
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

const EMPTY = { email: '', name: '', role: 'STAFF' as Role, password: '' };

/**
 * "Add user": an account with a role. With a password it signs in at once; without one the
 * person is mailed an invitation to choose it (the server says so when email is not set up).
 */
function AddUser() {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(EMPTY);
  const create = useCreateUser();
  const close = () => {
    setOpen(false);
    setForm(EMPTY);
    create.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        email: form.email.trim(),
        name: form.name.trim(),
        role: form.role,
        ...(form.password ? { password: form.password } : {}),
      },
      {
        onSuccess: ({ user, invited }) => {
          notify(
            'success',
            invited
              ? `Invited ${user.name}: a link to choose a password went to ${user.email ?? 'them'}.`
              : `Added ${user.name} (${user.role.toLowerCase()}); they can sign in now.`,
          );
          close();
        },
      },
    );
  };
  return (
    <>
      <Button className="mb-3" onClick={() => setOpen(true)}>
        Add user
      </Button>
      <Dialog
        open={open}
        onOpenChange={(next) => (next ? setOpen(true) : close())}
        title="Add user"
        description="Leave the password empty to email an invitation instead (needs email set up)."
      >
        <form onSubmit={submit} className="flex flex-col gap-3">
          <TextField
            id="new-user-email"
            label="Email"
            type="email"
            autoComplete="off"
            required
            maxLength={254}
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
          <TextField
            id="new-user-name"
            label="Name"
            required
            maxLength={100}
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
          <Field id="new-user-role" label="Role">
            <select
              id="new-user-role"
              className={inputClass}
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r.toLowerCase()}
                </option>
              ))}
            </select>
          </Field>
          <TextField
            id="new-user-password"
            label="Password (optional, 8 characters or more)"
            type="password"
            autoComplete="new-password"
            minLength={8}
            maxLength={200}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
          {create.error && <p role="alert">{create.error.message}</p>}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? 'Adding…' : form.password ? 'Add user' : 'Send invitation'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
