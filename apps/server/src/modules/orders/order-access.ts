import type { Order, Role } from '@igniflo/contract';
import type { Executor } from '../../platform/db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { isOrderNumber } from './order-number.ts';
import { toOrder } from './orders.mapper.ts';
import { findOrderById, findOrderByNumber, itemsOf } from './orders.repository.ts';
import { shipmentDirectory } from '../shipments/shipment-directory.ts';
import { userDirectory } from '../users/user-directory.ts';
import type { OrderRow } from './orders.table.ts';

/** Who is asking: a signed-in user and their role. */
export interface Actor {
  id: string;
  role: Role;
}

/** The order behind a public order number, if there is one. */
export const orderOfNumber = async (db: Executor, orderNumber: string): Promise<OrderRow | undefined> =>
  isOrderNumber(orderNumber) ? findOrderByNumber(db, orderNumber) : undefined;

/** Loads an order the actor may see; another customer's order is "not found", never "forbidden". */
export async function visibleOrder(db: Executor, actor: Actor, idOrNumber: string): Promise<OrderRow> {
  const row = isOrderNumber(idOrNumber)
    ? await findOrderByNumber(db, idOrNumber)
    : await findOrderById(db, idOrNumber);
  if (!row || (actor.role === 'CUSTOMER' && row.customer_id !== actor.id)) throw notFound('Order');
  return row;
}

/** Whether the role sees who the customer is (SPEC §14): staff and admins; a customer knows. */
export const seesCustomers = (role: Role): boolean => role !== 'CUSTOMER';

/** The order with its items and packages, as the role may see it. */
export const presentOrder = async (db: Executor, row: OrderRow, role: Role): Promise<Order> =>
  (await presentOrders(db, [row], role))[0]!;

/** Orders with their items and packages, as the role may see them: one read of each for all. */
export async function presentOrders(db: Executor, rows: OrderRow[], role: Role): Promise<Order[]> {
  const ids = rows.map((row) => row.id);
  const [items, shipments, contacts] = await Promise.all([
    itemsOf(db, ids),
    shipmentDirectory.ofOrders(db, ids),
    seesCustomers(role)
      ? userDirectory.contacts(
          db,
          rows.map((row) => row.customer_id),
        )
      : undefined,
  ]);
  return rows.map((row) => {
    const order = toOrder(row, items.get(row.id) ?? [], shipments.get(row.id) ?? [], role);
    const customer = contacts?.get(row.customer_id);
    return customer ? { ...order, customer } : order;
  });
}
