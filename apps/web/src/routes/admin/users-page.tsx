import { PageHeading } from '../../components/page-heading.tsx';
import { useState } from 'react';
import type { AdminUser, Role } from '@igniflo/contract';
import { AdminNav } from '../../components/admin-nav.tsx';
import { ListState, ShowMore, Table } from '../../components/list-state.tsx';
import { useAdminUsers, useUpdateUser } from '../../hooks/api/users.ts';
import { formatTime } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';

const ROLES: Role[] = ['CUSTOMER', 'STAFF', 'ADMIN'];

export function UsersPage() {
  const [draft, setDraft] = useState('');
  const [filter, setFilter] = useState<{ q: string; role: Role | '' }>({ q: '', role: '' });
  const users = useAdminUsers(filter);
  const update = useUpdateUser();
  return (
    <section aria-labelledby="users-title">
      <AdminNav />
      <PageHeading id="users-title" title="Users and roles" />
      <form
        role="search"
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...filter, q: draft.trim() });
        }}
      >
        <label htmlFor="user-search">Name, email or phone</label>
        <input id="user-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <label htmlFor="user-role">Role</label>
        <select
          id="user-role"
          value={filter.role}
          onChange={(e) => setFilter({ ...filter, role: e.target.value as Role | '' })}
        >
          <option value="">All roles</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r.toLowerCase()}
            </option>
          ))}
        </select>
        <button type="submit">Search</button>
      </form>
      {update.error && <p role="alert">{update.error.message}</p>}
      <ListState list={users} what="users" empty="No users match." />
      <Table label="Users">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Contact</th>
            <th scope="col">Role</th>
            <th scope="col">Orders</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Access</th>
          </tr>
        </thead>
        <tbody>
          {users.items.map((user) => (
            <UserRow key={user.id} user={user} update={update} />
          ))}
        </tbody>
      </Table>
      <ShowMore list={users} />
    </section>
  );
}

function UserRow({ user, update }: { user: AdminUser; update: ReturnType<typeof useUpdateUser> }) {
  const self = useSession().user?.id === user.id;
  return (
    <tr>
      <td>{user.name}</td>
      <td>{user.email ?? user.phone}</td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${user.id}`}>
          Role of {user.name}
        </label>
        <select
          id={`role-${user.id}`}
          value={user.role}
          disabled={self || update.isPending}
          onChange={(e) => update.mutate({ id: user.id, role: e.target.value as Role })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r.toLowerCase()}
            </option>
          ))}
        </select>
      </td>
      <td>{user.orderCount}</td>
      <td>{user.lastLoginAt ? formatTime(user.lastLoginAt) : 'never'}</td>
      <td>
        {self ? (
          'you'
        ) : (
          <button
            type="button"
            className="secondary"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: user.id, active: !user.active })}
          >
            {user.active ? 'Deactivate' : 'Reactivate'} <span className="visually-hidden">{user.name}</span>
          </button>
        )}
      </td>
    </tr>
  );
}
