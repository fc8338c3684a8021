/**
 * Historic orders for the demo (and for benchmarks): orders spread over past days in every status,
 * written with their whole history (events, stock reservations and returns through the ledger), as
 * if they had been placed and moved at those times.
 */
import { ORDER_STATUSES, type OrderStatus } from '@igniflo/contract';
import type { Db, Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { newId } from '../../lib/ids.ts';
import { newOrderNumber } from '../orders/order-number.ts';
import { insertEvents, insertOrder } from '../orders/orders.repository.ts';
import type { NewOrderEventRow, OrderRow } from '../orders/orders.table.ts';
import { insertLedgerEntries, moveStock, takeStock } from '../products/products.repository.ts';
import type { ProductRow } from '../products/products.table.ts';

/** The shortest path from PENDING to each status, as staff would click it. */
export const PATH_TO: Record<OrderStatus, OrderStatus[]> = {
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
function statusForAge(ageDays: number): OrderStatus {
  const r = Math.random();
  if (ageDays > 7) return r < 0.55 ? 'DELIVERED' : r < 0.8 ? 'COMPLETED' : r < 0.92 ? 'CANCELLED' : 'SHIPPED';
  if (ageDays > 2)
    return pick(['SHIPPED', 'DELIVERED', 'IN_PROGRESS', 'COMPLETED', 'ON_HOLD', 'CANCELLED', 'CONFIRMED']);
  return pick(ORDER_STATUSES.filter((s) => s !== 'DELIVERED'));
}

/** Writes one order placed at `placedAt` that went through `path`; false if stock ran out. */
export async function insertHistoricOrder(
  tx: Tx,
  spec: {
    customerId: string;
    staffId: string | null;
    placedAt: number;
    /** Moves happen between placedAt and this time, never in the future. */
    nowMs: number;
    status: OrderStatus;
    lines: { product: ProductRow; quantity: number }[];
  },
): Promise<boolean> {
  const id = newId();
  const placed = new Date(spec.placedAt).toISOString();
  // The stock rows change now, whatever the order's date: a product is never updated before it was created.
  const changed = new Date(spec.nowMs).toISOString();
  const taken: typeof spec.lines = [];
  for (const line of spec.lines) {
    if (!(await takeStock(tx, line.product.id, line.quantity, changed))) {
      // All or nothing: give back what this order took, so stock still equals the ledger.
      for (const back of taken) await moveStock(tx, back.product.id, back.quantity, changed);
      return false;
    }
    taken.push(line);
  }
  const path = PATH_TO[spec.status];
  const span = Math.min(spec.nowMs - spec.placedAt, path.length * 20 * HOUR);
  const times = path.map((_, i) => Math.floor(spec.placedAt + ((i + 1) / (path.length + 1)) * span));
  const last = new Date(times.at(-1) ?? spec.placedAt).toISOString();
  const order: OrderRow = {
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
  await insertOrder(
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
  const ledger: Parameters<typeof insertLedgerEntries>[1] = spec.lines.map((l) => ({
    product_id: l.product.id,
    delta: -l.quantity,
    reason: 'order placed',
    order_id: id,
    actor_id: spec.customerId,
    at: placed,
  }));
  if (spec.status === 'CANCELLED') {
    for (const l of spec.lines) {
      await moveStock(tx, l.product.id, l.quantity, changed);
      ledger.push({
        product_id: l.product.id,
        delta: l.quantity,
        reason: 'order cancelled',
        order_id: id,
        actor_id: spec.staffId,
        at: last,
      });
    }
  }
  await insertLedgerEntries(tx, ledger);
  const events: NewOrderEventRow[] = [
    {
      order_id: id,
      type: 'created',
      from_status: null,
      to_status: 'PENDING',
      actor_id: spec.customerId,
      note: null,
      visibility: 'customer',
      at: placed,
    },
    ...path.map((to, i) => ({
      order_id: id,
      type: 'status_changed' as const,
      from_status: i === 0 ? ('PENDING' as const) : (path[i - 1] ?? null),
      to_status: to,
      actor_id: spec.staffId,
      note: null,
      visibility: 'customer' as const,
      at: new Date(times[i] ?? spec.placedAt).toISOString(),
    })),
  ];
  await insertEvents(tx, events);
  return true;
}

/** `count` orders spread over the last `days` days, from random customers, of 1–3 random products. */
export async function seedHistoricOrders(
  db: Db,
  {
    customerIds,
    staffId,
    count,
    days,
    nowMs = Date.now(),
  }: { customerIds: string[]; staffId: string | null; count: number; days: number; nowMs?: number },
): Promise<number> {
  const products = await db.selectFrom('products').selectAll().where('active', '=', 1).execute();
  let written = 0;
  for (let start = 0; start < count; start += 500) {
    await transaction(db, async (tx) => {
      for (let i = start; i < Math.min(count, start + 500); i++) {
        const ageDays = Math.random() * days;
        const placedAt = nowMs - ageDays * 24 * HOUR;
        const lines = [
          ...new Set(Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => pick(products))),
        ].map((product) => ({
          product,
          quantity: 1 + Math.floor(Math.random() * 2),
        }));
        const status = statusForAge(ageDays);
        const customerId = pick(customerIds);
        if (await insertHistoricOrder(tx, { customerId, staffId, placedAt, nowMs, status, lines }))
          written += 1;
      }
    });
  }
  return written;
}
