/**
 * The orders list, as JSON. Orders are kept rendered between requests (RenderedOrders): the page's
 * ids and versions come from the database on every call, and only orders not rendered at their
 * current version are read in full and rendered. Correct because every write to an order or its
 * items raises its version (updateOrderAtVersion, the only update of orders) — see
 * rendered-orders.test.ts.
 */
import type { Order, OrdersQuery } from '@igniflo/contract';
import type { Db } from '../../platform/db/database.ts';
import { asJsonBytes, type JsonBytes } from '../../platform/http/json-bytes.ts';
import { decodeCursor, DEFAULT_LIMIT, encodeCursor } from '../../lib/pagination.ts';
import { seesCustomers, type Actor } from './order-access.ts';
import { renderOrder, toOrder } from './orders.mapper.ts';
import { findMatchingOrders, itemsOf, listOrderVersions, type OrderFilter } from './orders.repository.ts';
import { RenderedOrders } from './rendered-orders.ts';
import { shipmentDirectory } from '../shipments/shipment-directory.ts';
import { userDirectory } from '../users/user-directory.ts';

/** Orders kept rendered for lists: about 1 KB for each role that read one (mostly one or two). */
const RENDERED_ORDERS_MAX = 20_000;
const PAGE_START = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');

export interface OrderPage {
  items: Order[];
  nextCursor: string | null;
}

export function createOrderList({ db }: { db: Db }) {
  const rendered = new RenderedOrders(RENDERED_ORDERS_MAX);

  /** Renders the orders among `ids` that still match, into `json`, and keeps them. */
  async function renderMissing(actor: Actor, filter: OrderFilter, ids: string[], json: Map<string, Buffer>) {
    // Read after the versions, through the same filter: an order changed meanwhile is shown as
    // it is now, or left out if it no longer matches.
    const [rows, items, shipments] = await Promise.all([
      findMatchingOrders(db, filter, ids),
      itemsOf(db, ids),
      shipmentDirectory.ofOrders(db, ids),
    ]);
    for (const row of rows) {
      const text = renderOrder(
        toOrder(row, items.get(row.id) ?? [], shipments.get(row.id) ?? [], actor.role),
      );
      // A buffer of its own: one carved from Node's shared pool would keep its neighbours'
      // memory alive as long as it is kept.
      const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
      bytes.write(text);
      rendered.set(row.id, actor.role, row.version, bytes);
      json.set(row.id, bytes);
    }
  }

  return {
    /** A page of the orders the actor may see (a customer: their own), newest first. */
    page: async (actor: Actor, query: OrdersQuery): Promise<JsonBytes<OrderPage>> => {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const filter: OrderFilter = {
        customerId: actor.role === 'CUSTOMER' ? actor.id : query.customerId,
        status: query.status,
        q: query.q,
        from: query.from,
        to: query.to,
        assignedTo: query.assignedTo,
        beforeId: decodeCursor(query.cursor),
        limit,
      };
      const heads = await listOrderVersions(db, filter);
      const page = heads.slice(0, limit);
      const json = new Map<string, Buffer>();
      const missing: string[] = [];
      for (const { id, version } of page) {
        const hit = rendered.get(id, actor.role, version);
        if (hit === undefined) missing.push(id);
        else json.set(id, hit);
      }
      if (missing.length > 0) await renderMissing(actor, filter, missing, json);
      const last = page.at(-1);
      const nextCursor = heads.length > limit && last ? encodeCursor(last.id) : null;
      const contacts = seesCustomers(actor.role)
        ? await userDirectory.contacts(
            db,
            page.map((head) => head.customer_id),
          )
        : undefined;
      const parts: Buffer[] = [PAGE_START];
      for (const { id, customer_id } of page) {
        const bytes = json.get(id);
        if (bytes === undefined) continue;
        if (parts.length > 1) parts.push(COMMA);
        const customer = contacts?.get(customer_id);
        // The customer as their account is now, never kept with the rendered order: put first.
        if (customer) parts.push(Buffer.from(`{"customer":${JSON.stringify(customer)},`), bytes.subarray(1));
        else parts.push(bytes);
      }
      parts.push(Buffer.from(`],"nextCursor":${JSON.stringify(nextCursor)}}`));
      return asJsonBytes<OrderPage>(Buffer.concat(parts));
    },
  };
}
