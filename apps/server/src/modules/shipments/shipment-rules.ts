/** Pure rules of SPEC §11: what may still ship, what the order's status becomes, which package status may follow. */
import { ErrorCode, FINAL_SHIPMENT_STATUSES, type OrderStatus, type ShipmentStatus } from '@igniflo/contract';
import { AppError, invalid } from '../../lib/errors.ts';

export interface Line {
  productId: string | null;
  quantity: number;
}

/** Units of each product ordered and not yet shipped (lines of one product summed). */
export function unshippedOf(
  ordered: readonly Line[],
  shipped: ReadonlyMap<string, number>,
): Map<string, number> {
  const left = new Map<string, number>();
  for (const line of ordered) {
    if (line.productId === null) continue;
    left.set(line.productId, (left.get(line.productId) ?? 0) + line.quantity);
  }
  for (const [productId, quantity] of shipped) left.set(productId, (left.get(productId) ?? 0) - quantity);
  return left;
}

/** Sums the request's lines by product, in product order. */
export function summed(lines: readonly { productId: string; quantity: number }[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const { productId, quantity } of lines) sums.set(productId, (sums.get(productId) ?? 0) + quantity);
  return new Map([...sums].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Refuses a package holding more than is still unshipped (409 OVER_FULFILLED, each line named), and
 * an empty package unless the order has nothing to ship at all (a custom request without items).
 */
export function assertFits(
  requested: ReadonlyMap<string, number>,
  unshipped: ReadonlyMap<string, number>,
): void {
  if (requested.size === 0) {
    if (unshipped.size > 0) throw invalid('A shipment must hold items', [{ path: '/items' }]);
    return;
  }
  const over = [...requested].flatMap(([productId, quantity]) => {
    const left = Math.max(0, unshipped.get(productId) ?? 0);
    return quantity > left ? [{ productId, requested: quantity, unshipped: left }] : [];
  });
  if (over.length > 0) {
    throw new AppError(ErrorCode.OVER_FULFILLED, 409, 'More than is still unshipped', over);
  }
}

/** The order's status once a package has left: SHIPPED when nothing is left, else PARTIALLY_SHIPPED. */
export function statusAfterShipping(unshipped: ReadonlyMap<string, number>): OrderStatus {
  return [...unshipped.values()].every((quantity) => quantity <= 0) ? 'SHIPPED' : 'PARTIALLY_SHIPPED';
}

/** The order statuses a shipment may be created in. */
export const SHIPPABLE: readonly OrderStatus[] = ['IN_PROGRESS', 'PARTIALLY_SHIPPED'];

export const isFinal = (status: ShipmentStatus): boolean => FINAL_SHIPMENT_STATUSES.includes(status);

/** Any status may follow any other, except after DELIVERED or RETURNED_TO_SENDER (409). */
export function assertEventFollows(current: ShipmentStatus, next: ShipmentStatus): void {
  if (isFinal(current)) {
    throw new AppError(
      ErrorCode.INVALID_TRANSITION,
      409,
      `A package that is ${current} cannot become ${next}`,
      [{ from: current, to: next }],
    );
  }
}

/** Whether every package is delivered: what moves a SHIPPED order to DELIVERED. */
export const allDelivered = (statuses: readonly ShipmentStatus[]): boolean =>
  statuses.length > 0 && statuses.every((status) => status === 'DELIVERED');

const STATUS_WORDS: Record<ShipmentStatus, string> = {
  LABEL_CREATED: 'label created',
  IN_TRANSIT: 'in transit',
  OUT_FOR_DELIVERY: 'out for delivery',
  DELIVERED: 'delivered',
  EXCEPTION: 'delayed or held up',
  RETURNED_TO_SENDER: 'returned to sender',
};

/** The order-history note of a package's new status: "Package 2: out for delivery (Leeds)". */
export const describeStatus = (number: number, status: ShipmentStatus, location: string | null): string =>
  `Package ${number}: ${STATUS_WORDS[status]}${location ? ` (${location})` : ''}`;

/** The order-history note of a package that left: "Package 1 shipped with UPS, 1Z999 (3 items)". */
export function describeShipment(
  number: number,
  carrier: string | null,
  trackingNumber: string | null,
  units: number,
): string {
  const via = [carrier, trackingNumber].filter(Boolean).join(', ');
  const count = units === 0 ? '' : ` (${units} ${units === 1 ? 'item' : 'items'})`;
  return `Package ${number} shipped${via ? ` with ${via}` : ''}${count}`;
}
