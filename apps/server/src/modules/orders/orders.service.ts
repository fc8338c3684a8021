/**
 * The orders module's public face: placing, reading, listing, changing and editing orders, each use case in
 * its own file. Stock moves only through inventory, events only through the order log.
 */
import type { Db, Tx } from '../../platform/db/database.ts';
import type { Inventory } from '../inventory/inventory.service.ts';
import type { OrderLog } from '../order-log/order-log.ts';
import { createOrderChanges, type StaffCheck } from './order-changes.ts';
import { createBulkMoves } from './order-bulk.ts';
import { createOrderEdits } from './order-edits.ts';
import { createOrderExport } from './order-export.ts';
import { createOrderFulfilment } from './order-fulfilment.ts';
import { createOrderList } from './order-list.ts';
import { createOrderReading } from './order-reading.ts';
import { createPlacing, type CheckoutCart } from './place-order.ts';
import { insertOrder, type OrderToInsert } from './orders.repository.ts';
import type { OrderItemRow } from './orders.table.ts';

export type { Actor } from './order-access.ts';
export type { PlaceOrderResult } from './place-order.ts';
export type { FulfilmentOutcome, FulfilmentWork } from './order-fulfilment.ts';

export type OrdersService = ReturnType<typeof createOrdersService>;

export function createOrdersService(deps: {
  db: Db;
  inventory: Inventory;
  orderLog: OrderLog;
  cart: CheckoutCart;
  isActiveStaff: StaffCheck;
}) {
  const changes = createOrderChanges(deps);
  return {
    ...createPlacing(deps),
    ...createOrderReading(deps),
    ...changes,
    ...createBulkMoves(changes),
    ...createOrderFulfilment(deps),
    ...createOrderEdits(deps),
    ...createOrderExport(deps),
    list: createOrderList(deps).page,
    /**
     * Writes an order as it already is, for imports of history (the demo seed): the caller
     * reserves its stock through inventory and appends its events to the order log in `tx`.
     */
    importOrder: (tx: Tx, row: OrderToInsert, items: Omit<OrderItemRow, 'id' | 'order_id'>[]) =>
      insertOrder(tx, row, items),
  };
}
