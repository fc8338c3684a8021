import type { Order, UpdateOrderBody } from '@igniflo/contract';
import { useAdminUsers } from '../hooks/api/users.ts';
import { cn } from '../lib/cn.ts';
import { useSession } from '../lib/session.tsx';
import { Button } from './ui/button.tsx';
import { inputClass } from './ui/field.tsx';

interface Props {
  order: Order;
  assign: (patch: UpdateOrderBody) => void;
  busy: boolean;
}

/** Who works on the order. Staff take it or let it go; admins, who can list the team, pick anyone. */
export function Assignment(props: Props) {
  const { user } = useSession();
  return user?.role === 'ADMIN' ? (
    <TeamPicker {...props} />
  ) : (
    <TakeOrRelease {...props} me={user?.id ?? null} />
  );
}

function TakeOrRelease({ order, assign, busy, me }: Props & { me: string | null }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p className="m-0">
        {order.assignedStaffId === null
          ? 'Nobody is assigned.'
          : order.assignedStaffId === me
            ? 'Assigned to you.'
            : 'Assigned to another staff member.'}
      </p>
      {order.assignedStaffId !== me && (
        <Button variant="secondary" size="sm" disabled={busy} onClick={() => assign({ assignedStaffId: me })}>
          Assign to me
        </Button>
      )}
      {order.assignedStaffId !== null && (
        <Button
          variant="secondary"
          size="sm"
          disabled={busy}
          onClick={() => assign({ assignedStaffId: null })}
        >
          Unassign
        </Button>
      )}
    </div>
  );
}

function TeamPicker({ order, assign, busy }: Props) {
  const staff = useAdminUsers({ q: '', role: 'STAFF' }, 100);
  const admins = useAdminUsers({ q: '', role: 'ADMIN' }, 100);
  const team = [...staff.items, ...admins.items].filter((u) => u.active || u.id === order.assignedStaffId);
  const known = order.assignedStaffId === null || team.some((u) => u.id === order.assignedStaffId);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor="assignee" className="font-medium">
        Assigned to
      </label>
      <select
        id="assignee"
        className={cn(inputClass, 'w-auto')}
        value={order.assignedStaffId ?? ''}
        disabled={busy || staff.isPending || admins.isPending}
        onChange={(e) => assign({ assignedStaffId: e.target.value || null })}
      >
        <option value="">Nobody</option>
        {!known && <option value={order.assignedStaffId ?? ''}>Someone not listed</option>}
        {team.map((member) => (
          <option key={member.id} value={member.id}>
            {member.name} ({member.role.toLowerCase()})
          </option>
        ))}
      </select>
    </div>
  );
}
