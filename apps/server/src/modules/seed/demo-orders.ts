/**
 * Historic orders for the demo (and for benchmarks): orders spread over past days in every status,
 * written with their whole history (events, stock reservations and returns through the ledger), as
 * if they had been placed and moved at those times.
 */
import { ORDER_STATUSES, type OrderStatus } from '@igniflo/contract';
import { ErrorCode } from '@igniflo/contract';
import type { Db, Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Inventory } from '../inventory/inventory.service.ts';
import type { NewEvent, OrderLog } from '../order-log/order-log.ts';
import { newOrderNumber } from '../orders/order-number.ts';
import type { OrdersService } from '../orders/orders.service.ts';
import type { OrderRow } from '../orders/orders.table.ts';
import type { ProductRow } from '../products/products.table.ts';

/** The services an imported order goes through, as a live one does. */
export interface HistoryServices {
  inventory: Inventory;
  orderLog: OrderLog;
  orders: Pick<OrdersService, 'importOrder'>;
}

/** The statuses staff reach by moving an order; PARTIALLY_SHIPPED is reached through shipments. */
export type HandReachable = Exclude<OrderStatus, 'PARTIALLY_SHIPPED'>;

/** The shortest path from PENDING to each status, as staff would click it. */
export const PATH_TO: Record<HandReachable, OrderStatus[]> = {
  PENDING: [],
  CONFIRMED: ['CONFIRMED'],
  IN_PROGRESS: ['CONFIRMED', 'IN_PROGRESS'],
  SHIPPED: ['CONFIRMED', 'IN_PROGRESS', 'SHIPPED'],
  DELIVERED: ['CONFIRMED', 'IN_PROGRESS', 'SHIPPED', 'DELIVERED'],
  COMPLETED: ['CONFIRMED', 'IN_PROGRESS', 'COMPLETED'],
  ON_HOLD: ['CONFIRMED', 'ON_HOLD'],
  CANCELLED: ['CANCELLED'],
};

const HOUR = 3600_000;
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

/** Older orders have mostly reached the end of the workflow; recent ones are still moving. */
function statusForAge(ageDays: number): HandReachable {
  const r = Math.random();
  if (ageDays > 7) return r < 0.55 ? 'DELIVERED' : r < 0.8 ? 'COMPLETED' : r < 0.92 ? 'CANCELLED' : 'SHIPPED';
  if (ageDays > 2)
    return pick(['SHIPPED', 'DELIVERED', 'IN_PROGRESS', 'COMPLETED', 'ON_HOLD', 'CANCELLED', 'CONFIRMED']);
  return pick(
    ORDER_STATUSES.filter((s): s is HandReachable => s !== 'DELIVERED' && s !== 'PARTIALLY_SHIPPED'),
  );
}

/** Writes one order placed at `placedAt` that went through `path`; false if stock ran out. */
export async function insertHistoricOrder(
  services: HistoryServices,
  tx: Tx,
  spec: {
    customerId: string;
    staffId: string | null;
    placedAt: number;
    /** Moves happen between placedAt and this time, never in the future. */
    nowMs: number;
    status: HandReachable;
    lines: { product: ProductRow; quantity: number }[];
  },
): Promise<boolean> {
  const id = newId();
  const placed = new Date(spec.placedAt).toISOString();
  // The stock rows change now, whatever the order's date: a product is never updated before it was created.
  const changed = new Date(spec.nowMs).toISOString();
  const lines = spec.lines.map((l) => ({ productId: l.product.id, quantity: l.quantity }));
  try {
    await services.inventory.reserve(tx, lines, {
      reason: 'order placed',
      orderId: id,
      actorId: spec.customerId,
      at: changed,
      recordedAt: placed,
    });
  } catch (error) {
    // Reserve gives back what it took before refusing: skip the order, stock still equals the ledger.
    if (error instanceof AppError && error.code === ErrorCode.OUT_OF_STOCK) return false;
    throw error;
  }
  const path = PATH_TO[spec.status];
  const span = Math.min(spec.nowMs - spec.placedAt, path.length * 20 * HOUR);
  const times = path.map((_, i) => Math.floor(spec.placedAt + ((i + 1) / (path.length + 1)) * span));
  const last = new Date(times.at(-1) ?? spec.placedAt).toISOString();
  const order: Omit<OrderRow, 'customer_name'> = {
    id,
    order_number: newOrderNumber(),
    customer_id: spec.customerId,
    title: null,
    description: null,
    special_instructions: null,
    total_cents: spec.lines.reduce((sum, l) => sum + l.product.price_cents * l.quantity, 0),
    currency: spec.lines[0]?.product.currency ?? 'USD',
    status: spec.status,
    held_from_status: spec.status === 'ON_HOLD' ? 'CONFIRMED' : null,
    payment_received: ['DELIVERED', 'COMPLETED', 'SHIPPED'].includes(spec.status) ? 1 : 0,
    refunded_cents: 0,
    shipping_address: null,
    carrier: ['SHIPPED', 'DELIVERED'].includes(spec.status) ? 'DHL' : null,
    tracking_number: ['SHIPPED', 'DELIVERED'].includes(spec.status)
      ? `JD${String(spec.placedAt).slice(-9)}`
      : null,
    estimated_delivery: null,
    assigned_staff_id: spec.staffId,
    created_at: placed,
    updated_at: last,
    status_updated_at: last,
    completed_at: spec.status === 'DELIVERED' || spec.status === 'COMPLETED' ? last : null,
    cancelled_at: spec.status === 'CANCELLED' ? last : null,
    version: 1 + path.length,
  };
  await services.orders.importOrder(
    tx,
    order,
    spec.lines.map((l, i) => ({
      line: i + 1,
      product_id: l.product.id,
      sku: l.product.sku,
      name: l.product.name,
      unit_price_cents: l.product.price_cents,
      quantity: l.quantity,
      options: '{}',
    })),
  );
  if (spec.status === 'CANCELLED') {
    await services.inventory.release(tx, lines, {
      reason: 'order cancelled',
      orderId: id,
      actorId: spec.staffId,
      at: changed,
      recordedAt: last,
    });
  }
  const events: NewEvent[] = [
    {
      type: 'created',
      from_status: null,
      to_status: 'PENDING',
      actor_id: spec.customerId,
      note: null,
      visibility: 'customer',
      at: placed,
    },
    ...path.map((to, i) => ({
      type: 'status_changed' as const,
      from_status: i === 0 ? ('PENDING' as const) : (path[i - 1] ?? null),
      to_status: to,
      actor_id: spec.staffId,
      note: null,
      visibility: 'customer' as const,
      at: new Date(times[i] ?? spec.placedAt).toISOString(),
    })),
  ];
  await services.orderLog.append(tx, order, events);
  return true;
}

/**
 * `count` orders spread over the last `days` days, from random customers, of 1–3 random products.
 * History leaves each product at least a quarter of its stock: a line that would take more is
 * dropped (an order left with none is not written), so whoever tries the shop finds it stocked.
 */
export async function seedHistoricOrders(
  db: Db,
  services: HistoryServices,
  {
    customerIds,
    staffId,
    count,
    days,
    nowMs = Date.now(),
  }: { customerIds: string[]; staffId: string | null; count: number; days: number; nowMs?: number },
): Promise<number> {
  const products = await db.selectFrom('products').selectAll().where('active', '=', 1).execute();
  const spare = new Map(products.map((p) => [p.id, p.stock - Math.ceil(p.stock / 4)]));
  let written = 0;
  for (let start = 0; start < count; start += 500) {
    await transaction(db, async (tx) => {
      for (let i = start; i < Math.min(count, start + 500); i++) {
        const ageDays = Math.random() * days;
        const placedAt = nowMs - ageDays * 24 * HOUR;
        const lines = [
          ...new Set(Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => pick(products))),
        ]
          .map((product) => ({ product, quantity: 1 + Math.floor(Math.random() * 2) }))
          .filter(({ product, quantity }) => quantity <= (spare.get(product.id) ?? 0));
        if (lines.length === 0) continue;
        const status = statusForAge(ageDays);
        const customerId = pick(customerIds);
        if (
          await insertHistoricOrder(services, tx, { customerId, staffId, placedAt, nowMs, status, lines })
        ) {
          written += 1;
          for (const { product, quantity } of lines)
            spare.set(product.id, (spare.get(product.id) ?? 0) - quantity);
        }
      }
    });
  }
  return written;
}
