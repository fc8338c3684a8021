/**
 * Pure rules of SPEC §12: which return status may follow which, the return window, what may still
 * be returned or restocked, and the notes the order's history shows.
 */
import { ErrorCode, type OrderStatus, type ReturnStatus } from '@igniflo/contract';
import { AppError, conflict, invalid } from '../../lib/errors.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What staff (or a refund) do to a return. */
export type ReturnAction = 'approve' | 'reject' | 'receive' | 'close' | 'refund';

/** Where each action may start and where it leads. Closing a return never sent back is allowed. */
export const RETURN_MOVES: Record<ReturnAction, { from: readonly ReturnStatus[]; to: ReturnStatus }> = {
  approve: { from: ['REQUESTED'], to: 'APPROVED' },
  reject: { from: ['REQUESTED'], to: 'REJECTED' },
  receive: { from: ['APPROVED'], to: 'RECEIVED' },
  close: { from: ['APPROVED', 'RECEIVED'], to: 'CLOSED' },
  refund: { from: ['RECEIVED'], to: 'REFUNDED' },
};

/** The status `action` leads to from `current`; 409 INVALID_TRANSITION when it may not start there. */
export function assertReturnMove(number: number, current: ReturnStatus, action: ReturnAction): ReturnStatus {
  const { from, to } = RETURN_MOVES[action];
  if (!from.includes(current)) {
    throw new AppError(
      ErrorCode.INVALID_TRANSITION,
      409,
      `Return ${number} is ${current}: it cannot become ${to} (only from ${from.join(' or ')})`,
      [{ from: current, to }],
    );
  }
  return to;
}

/** The order statuses items may be returned from: delivered, or completed without shipping. */
export const RETURNABLE_FROM: readonly OrderStatus[] = ['DELIVERED', 'COMPLETED'];

/** When the window to ask for a return ends: `days` after delivery or completion; null before. */
export function returnWindowEnd(
  order: { status: OrderStatus; completedAt: string | null },
  days: number,
): string | null {
  if (!RETURNABLE_FROM.includes(order.status) || order.completedAt === null) return null;
  return new Date(Date.parse(order.completedAt) + days * DAY_MS).toISOString();
}

/** Refuses a return of an order not yet delivered, or after its window has closed (409). */
export function assertWithinWindow(
  order: { status: OrderStatus; completedAt: string | null },
  days: number,
  nowMs: number,
): void {
  const end = returnWindowEnd(order, days);
  if (end === null) {
    throw conflict(`An order that is ${order.status} cannot be returned: only once delivered or completed`);
  }
  if (nowMs > Date.parse(end)) {
    throw conflict(`The return window closed on ${end.slice(0, 10)} (${days} days after delivery)`, [
      { returnWindowEndsAt: end },
    ]);
  }
}

export interface Line {
  productId: string | null;
  quantity: number;
}

/**
 * Units of each product that may still be returned: ordered (lines of one product summed) minus
 * those in returns not rejected. Lines without a product (custom work) cannot be returned.
 */
export function returnableUnits(ordered: readonly Line[], inReturns: ReadonlyMap<string, number>) {
  const left = new Map<string, number>();
  for (const line of ordered) {
    if (line.productId === null) continue;
    left.set(line.productId, (left.get(line.productId) ?? 0) + line.quantity);
  }
  for (const [productId, quantity] of inReturns) left.set(productId, (left.get(productId) ?? 0) - quantity);
  return new Map([...left].filter(([, quantity]) => quantity > 0));
}

/** The request's lines by product, each product once (400 for a second line of one product). */
export function oneLinePerProduct<T extends { productId: string }>(lines: readonly T[], path: string) {
  const byProduct = new Map<string, T>();
  lines.forEach((line, index) => {
    if (byProduct.has(line.productId)) {
      throw invalid('Name each product once', [{ path: `${path}/${index}/productId` }]);
    }
    byProduct.set(line.productId, line);
  });
  return byProduct;
}

/** Refuses more of a product than may still be returned: 409, each line named. */
export function assertReturnable(
  requested: ReadonlyMap<string, number>,
  returnable: ReadonlyMap<string, number>,
): void {
  const over = [...requested].flatMap(([productId, quantity]) => {
    const left = returnable.get(productId) ?? 0;
    return quantity > left ? [{ productId, requested: quantity, returnable: left }] : [];
  });
  if (over.length > 0) throw conflict('More than may still be returned', over);
}

/** Refuses restocking a product the return does not hold, or more of it than came back (400). */
export function assertRestockFits(
  restock: ReadonlyMap<string, number>,
  returned: ReadonlyMap<string, number>,
): void {
  const wrong = [...restock].flatMap(([productId, quantity]): object[] => {
    const back = returned.get(productId);
    if (back === undefined) return [{ productId, reason: 'not in this return' }];
    return quantity > back ? [{ productId, requested: quantity, returned: back }] : [];
  });
  if (wrong.length > 0) throw invalid('Restock at most the units returned of each product', wrong);
}

const MOVE_WORDS: Record<ReturnStatus, string> = {
  REQUESTED: 'requested',
  APPROVED: 'approved',
  REJECTED: 'rejected',
  RECEIVED: 'received',
  REFUNDED: 'refunded',
  CLOSED: 'closed',
};

const units = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;

/**
 * The order-history note of a return's step: "Return 1: requested (2 items)", "Return 1: rejected
 * — worn". Notifications take their title from the word after the colon (notification-text.ts).
 */
export function describeReturn(
  number: number,
  status: ReturnStatus,
  { units: count, note }: { units?: number; note?: string | null } = {},
): string {
  const counted = count === undefined ? '' : ` (${units(count)})`;
  return `Return ${number}: ${MOVE_WORDS[status]}${counted}${note ? ` — ${note}` : ''}`;
}

/** "€12.50": amounts in a currency's minor units, as the customer reads them. */
export function formatMoney(cents: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(cents / 10 ** digits);
}

/** The order-history note of a refund: "Refunded €12.50 for return 1: damaged". */
export function describeRefund(
  amountCents: number,
  currency: string,
  reason: string,
  returnNumber: number | null,
): string {
  const forReturn = returnNumber === null ? '' : ` for return ${returnNumber}`;
  return `Refunded ${formatMoney(amountCents, currency)}${forReturn}: ${reason}`;
}
