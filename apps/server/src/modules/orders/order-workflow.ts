/** Pure rules of the SPEC §4 workflow: which status may follow which, and who may make the move. */
import { ErrorCode, type OrderStatus, type Role } from '@igniflo/contract';
import { AppError, forbidden } from '../../lib/errors.ts';

const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING: ['CONFIRMED', 'ON_HOLD', 'CANCELLED'],
  CONFIRMED: ['IN_PROGRESS', 'ON_HOLD', 'CANCELLED'],
  IN_PROGRESS: ['SHIPPED', 'COMPLETED', 'ON_HOLD', 'CANCELLED'],
  // Reached through shipments only (SPEC §11); moving on to SHIPPED ships the rest.
  PARTIALLY_SHIPPED: ['SHIPPED', 'ON_HOLD'],
  SHIPPED: ['DELIVERED'],
  ON_HOLD: ['CANCELLED'],
  DELIVERED: [],
  COMPLETED: [],
  CANCELLED: [],
};

export const TERMINAL: readonly OrderStatus[] = ['DELIVERED', 'COMPLETED', 'CANCELLED'];

interface OrderState {
  status: OrderStatus;
  /** The status an ON_HOLD order resumes to. */
  heldFrom: OrderStatus | null;
}

/** Every move the workflow allows from this state, whoever makes it. */
export function workflowMoves({ status, heldFrom }: OrderState): OrderStatus[] {
  const moves = [...NEXT[status]];
  if (status === 'ON_HOLD' && heldFrom) moves.unshift(heldFrom);
  return moves;
}

function roleMay(role: Role, from: OrderStatus, to: OrderStatus): boolean {
  switch (role) {
    case 'ADMIN':
      return true;
    case 'STAFF':
      return !(from === 'IN_PROGRESS' && to === 'CANCELLED');
    case 'CUSTOMER':
      return to === 'CANCELLED' && (from === 'PENDING' || from === 'CONFIRMED');
  }
}

/** The moves this role may make now: what a UI offers as buttons. */
export const allowedMoves = (state: OrderState, role: Role): OrderStatus[] =>
  workflowMoves(state).filter((to) => roleMay(role, state.status, to));

/** Throws 409 INVALID_TRANSITION for a move the workflow forbids, 403 for one this role may not make. */
export function assertMove(state: OrderState, to: OrderStatus, role: Role): void {
  if (!workflowMoves(state).includes(to)) {
    throw new AppError(
      ErrorCode.INVALID_TRANSITION,
      409,
      `An order cannot move from ${state.status} to ${to}`,
      [{ from: state.status, to, allowed: workflowMoves(state) }],
    );
  }
  if (!roleMay(role, state.status, to)) {
    if (role === 'CUSTOMER' && to === 'CANCELLED') {
      throw new AppError(
        ErrorCode.INVALID_TRANSITION,
        409,
        `An order in ${state.status} can no longer be cancelled`,
      );
    }
    throw forbidden(`A ${role.toLowerCase()} may not move an order from ${state.status} to ${to}`);
  }
}
