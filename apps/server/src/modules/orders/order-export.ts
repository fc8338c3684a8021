/**
 * The orders as CSV (SPEC §14): one row per order line, for the orders the list's filters let
 * through, newest first. Read a page of orders (and their lines) at a time as the client takes the
 * file, so memory stays flat however many orders match. Not a snapshot: an order changed while the
 * file is being written appears as it is when its page is read.
 */
import type { OrdersExportQuery } from '@igniflo/contract';
import type { Readable } from 'node:stream';
import type { Db } from '../../platform/db/database.ts';
import { csvStream, keysetPages, type Cell } from '../../lib/csv.ts';
import type { Actor } from './order-access.ts';
import { paymentStatusOf } from './orders.mapper.ts';
import { findOrdersBefore, itemsOf } from './orders.repository.ts';
import type { OrderItemRow, OrderRow } from './orders.table.ts';

export const ORDER_CSV_COLUMNS = [
  'orderNumber',
  'createdAt',
  'status',
  'paymentStatus',
  'customerName',
  'currency',
  'orderTotalCents',
  'line',
  'sku',
  'name',
  'options',
  'quantity',
  'unitPriceCents',
  'lineTotalCents',
  'carrier',
  'trackingNumber',
] as const;

const optionsText = (options: string): string =>
  Object.entries(JSON.parse(options) as Record<string, string>)
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');

function orderCells(order: OrderRow): Cell[] {
  return [
    order.order_number,
    order.created_at,
    order.status,
    paymentStatusOf({
      paymentReceived: order.payment_received === 1,
      totalCents: order.total_cents,
      refundedCents: order.refunded_cents,
    }),
    order.customer_name,
    order.currency,
    order.total_cents,
  ];
}

/** One record per line; an order without lines (a custom request not yet priced) gets one of its own. */
function records(order: OrderRow, items: OrderItemRow[]): Cell[][] {
  const head = orderCells(order);
  const tail = [order.carrier, order.tracking_number];
  if (items.length === 0) return [[...head, null, null, null, null, null, null, null, ...tail]];
  return items.map((item) => [
    ...head,
    item.line,
    item.sku,
    item.name,
    optionsText(item.options),
    item.quantity,
    item.unit_price_cents,
    item.unit_price_cents * item.quantity,
    ...tail,
  ]);
}

export function createOrderExport({ db }: { db: Db }) {
  return {
    exportCsv(actor: Actor, query: OrdersExportQuery): Readable {
      const filter = { ...query, customerId: actor.role === 'CUSTOMER' ? actor.id : query.customerId };
      async function* rows(): AsyncGenerator<Cell[]> {
        for await (const orders of keysetPages((beforeId, limit) =>
          findOrdersBefore(db, filter, beforeId, limit),
        )) {
          const items = await itemsOf(
            db,
            orders.map((order) => order.id),
          );
          for (const order of orders) yield* records(order, items.get(order.id) ?? []);
        }
      }
      return csvStream(ORDER_CSV_COLUMNS, rows());
    },
  };
}
