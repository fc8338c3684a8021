import { createHash } from 'node:crypto';
import {
  ErrorCode,
  type AddNoteBody,
  type Order,
  type OrderEvent,
  type OrderStatus,
  type OrdersQuery,
  type PlaceOrderBody,
  type Role,
  type Tracking,
  type UpdateOrderBody,
  CUSTOMER_EDITABLE,
  STAFF_EDITABLE,
} from '@igniflo/contract';
import { isUniqueViolation, now, type Db, type Executor, type Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import type { DomainEvents } from '../../lib/domain-events.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { decodeCursor, DEFAULT_LIMIT, encodeCursor } from '../../lib/pagination.ts';
import { findProducts, insertLedgerEntries, moveStock, takeStock } from '../products/products.repository.ts';
import type { ProductRow } from '../products/products.table.ts';
import { findUserById } from '../users/users.repository.ts';
import { lockEventOrder } from '../../platform/db/event-order.ts';
import { cartLines, clearCart } from '../cart/cart.repository.ts';
import { describeEvent } from '../notifications/notification-text.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { newOrderNumber, isOrderNumber } from './order-number.ts';
import { assertMove } from './order-workflow.ts';
import { renderOrder, toOrder, toOrderEvent } from './orders.mapper.ts';
import { RenderedOrders } from './rendered-orders.ts';
import {
  claimIdempotencyKey,
  eventsOf,
  findIdempotencyKey,
  findOrderById,
  findOrderByNumber,
  findMatchingOrders,
  insertEvents,
  insertOrder,
  itemsOf,
  listOrderVersions,
  lockOrder,
  storeIdempotentResponse,
  updateOrderAtVersion,
} from './orders.repository.ts';
import type { NewOrderEventRow, OrderEventRow, OrderRow, OrdersTable } from './orders.table.ts';

export interface Actor {
  id: string;
  role: Role;
}

type OrderLine = NonNullable<PlaceOrderBody['items']>[number];

export interface PlaceOrderResult {
  order: Order;
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

/** Units wanted per product, lines of one product summed, in product id order. */
function demand(lines: OrderLine[]): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const line of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
    wanted.set(line.productId, (wanted.get(line.productId) ?? 0) + line.quantity);
  }
  return wanted;
}

/** Refuses products that do not exist or are archived, and a mix of currencies. */
function refuseUnsellable(ids: string[], products: Map<string, ProductRow>): void {
  const unavailable = ids.filter((id) => products.get(id)?.active !== 1);
  if (unavailable.length > 0) {
    throw invalid(
      'Some products do not exist or are no longer sold',
      unavailable.map((productId) => ({ productId, reason: 'unavailable' })),
    );
  }
  if (new Set([...products.values()].map((p) => p.currency)).size > 1) {
    throw invalid('All items of an order must share one currency');
  }
}

function outOfStock(
  short: string[],
  products: Map<string, ProductRow>,
  wanted: Map<string, number>,
  available: Map<string, number>,
): AppError {
  return new AppError(
    ErrorCode.OUT_OF_STOCK,
    409,
    `Not enough stock for ${short.map((id) => products.get(id)?.sku).join(', ')}`,
    short.map((productId) => ({
      productId,
      sku: products.get(productId)?.sku,
      requested: wanted.get(productId),
      available: available.get(productId) ?? 0,
    })),
  );
}

const changedMeanwhile = () => conflict('The order was changed by someone else; reload and try again');

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Orders kept rendered for lists: about 1 KB each. */
const RENDERED_ORDERS_MAX = 20_000;
const PAGE_START = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');
const DEFAULT_CURRENCY = 'USD';

/** Key order does not matter to JSON equality, so the fingerprint sorts keys. */
function fingerprint(value: unknown): string {
  const canonical = JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

const statusEvent = (
  order: OrderRow,
  to: OrderStatus,
  actorId: string,
  at: string,
  note: string | null,
): NewOrderEventRow => ({
  order_id: order.id,
  type: 'status_changed',
  from_status: order.status,
  to_status: to,
  actor_id: actorId,
  note,
  visibility: 'customer',
  at,
});

export type OrdersService = ReturnType<typeof createOrdersService>;

export function createOrdersService({ db, events }: { db: Db; events: DomainEvents }) {
  /**
   * Products this process recently refused for lack of stock. Orders for them are checked with
   * plain reads before any transaction (refuseEarly); orders of other products go straight to their
   * transaction (a cart checkout reads its cart once more while any product is marked). A hint
   * only: it decides where stock is checked first, never the answer.
   */
  const shortOfStock = new Set<string>();
  const SHORT_OF_STOCK_MAX = 10_000;
  const markShort = (ids: string[]) => {
    if (shortOfStock.size + ids.length > SHORT_OF_STOCK_MAX) shortOfStock.clear();
    for (const id of ids) shortOfStock.add(id);
  };
  const rendered = new RenderedOrders(RENDERED_ORDERS_MAX);

  /** Loads an order the actor may see; another customer's order is "not found", never "forbidden". */
  async function visibleOrder(tx: Db | Tx, actor: Actor, idOrNumber: string): Promise<OrderRow> {
    const row = isOrderNumber(idOrNumber)
      ? await findOrderByNumber(tx, idOrNumber)
      : await findOrderById(tx, idOrNumber);
    if (!row || (actor.role === 'CUSTOMER' && row.customer_id !== actor.id)) throw notFound('Order');
    return row;
  }

  async function present(tx: Db | Tx, row: OrderRow, role: Role): Promise<Order> {
    const items = await itemsOf(tx, [row.id]);
    return toOrder(row, items.get(row.id) ?? [], role);
  }

  /** Runs a change in one transaction and announces its events only after the commit. */
  async function change<T>(work: (tx: Tx, emitted: OrderEventRow[]) => Promise<T>): Promise<T> {
    const emitted: OrderEventRow[] = [];
    const result = await transaction(db, (tx) => work(tx, emitted));
    events.publish(emitted);
    return result;
  }

  /**
   * Writes an order's events (the history and the outbox) and the customer's notifications for the
   * customer-visible ones, in the caller's transaction; they are announced after the commit.
   */
  async function record(
    tx: Tx,
    emitted: OrderEventRow[],
    order: Pick<OrderRow, 'id' | 'customer_id' | 'order_number'>,
    newEvents: NewOrderEventRow[],
  ): Promise<OrderEventRow[]> {
    if (newEvents.length === 0) return [];
    await lockEventOrder(tx);
    const rows = await insertEvents(tx, newEvents);
    await insertNotifications(
      tx,
      rows
        .filter((e) => e.visibility === 'customer')
        .map((e) => ({
          id: newId(),
          user_id: order.customer_id,
          order_id: order.id,
          event_id: e.id,
          ...describeEvent(e, order.order_number),
          read_at: null,
          created_at: e.at,
        })),
    );
    emitted.push(...rows);
    return rows;
  }

  /**
   * Reserves stock for every line, all or nothing: each product's take is one statement that also
   * reads the product. Lines of the same product are summed first and rows are touched in id
   * order, so concurrent orders cannot deadlock on PostgreSQL.
   */
  async function reserveStock(tx: Tx, lines: OrderLine[], orderId: string, actorId: string, at: string) {
    const wanted = demand(lines);
    const ids = [...wanted.keys()];
    const products = new Map<string, ProductRow>();
    for (const id of ids) {
      const taken = await takeStock(tx, id, wanted.get(id) ?? 0, at);
      if (taken) products.set(id, taken);
    }
    if (products.size < ids.length) {
      // Refused: the products as they are say why (not sold, or short), and the transaction's
      // rollback returns what was taken.
      const current = new Map((await findProducts(tx, ids)).map((p) => [p.id, p]));
      refuseUnsellable(ids, current);
      const short = ids.filter((id) => !products.has(id));
      markShort(short);
      const stock = new Map(short.map((id) => [id, current.get(id)?.stock ?? 0]));
      throw outOfStock(short, current, wanted, stock);
    }
    refuseUnsellable(ids, products);
    await insertLedgerEntries(
      tx,
      ids.map((id) => ({
        product_id: id,
        delta: -(wanted.get(id) ?? 0),
        reason: 'order placed',
        order_id: orderId,
        actor_id: actorId,
        at,
      })),
    );

    const items = lines.map((line, index) => {
      const product = products.get(line.productId);
      if (!product) throw notFound('Product');
      return {
        line: index + 1,
        product_id: product.id,
        sku: product.sku,
        name: product.name,
        unit_price_cents: product.price_cents,
        quantity: line.quantity,
        options: JSON.stringify(line.options ?? {}),
      };
    });
    const currency = products.values().next().value?.currency ?? DEFAULT_CURRENCY;
    return { items, currency };
  }

  /** The lines to order: the body's items, or the customer's cart for a checkout. */
  async function orderLines(db: Executor, customer: Actor, body: PlaceOrderBody): Promise<OrderLine[]> {
    if (!body.fromCart) return body.items ?? [];
    if (body.items !== undefined)
      throw invalid('Send either items or fromCart, not both', [{ path: '/items' }]);
    const lines = await cartLines(db, customer.id);
    if (lines.length === 0) throw invalid('The cart is empty', [{ path: '/fromCart' }]);
    return lines.map((line) => ({
      productId: line.product_id,
      quantity: line.quantity,
      options: JSON.parse(line.options) as Record<string, string>,
    }));
  }

  async function createOrder(
    tx: Tx,
    emitted: OrderEventRow[],
    customer: Actor,
    body: PlaceOrderBody,
    beforeEvents?: (order: Order) => Promise<void>,
  ) {
    const lines = await orderLines(tx, customer, body);
    if (lines.length === 0 && !body.title && !body.description) {
      throw invalid('An order needs items, or a title or description for a custom request', [
        { path: '/items' },
      ]);
    }
    const at = now();
    const id = newId();
    const { items, currency } = await reserveStock(tx, lines, id, customer.id, at);
    // The cart empties only together with the order it became.
    if (body.fromCart) await clearCart(tx, customer.id);
    const row: OrderRow = {
      id,
      order_number: newOrderNumber(),
      customer_id: customer.id,
      title: body.title?.trim() ?? null,
      description: body.description ?? null,
      special_instructions: body.specialInstructions ?? null,
      total_cents: items.reduce((sum, item) => sum + item.unit_price_cents * item.quantity, 0),
      currency,
      status: 'PENDING',
      held_from_status: null,
      payment_received: 0,
      shipping_address: body.shippingAddress ? JSON.stringify(body.shippingAddress) : null,
      carrier: null,
      tracking_number: null,
      estimated_delivery: null,
      assigned_staff_id: null,
      created_at: at,
      updated_at: at,
      status_updated_at: at,
      completed_at: null,
      cancelled_at: null,
      version: 1,
    };
    await insertOrder(tx, row, items);
    const order = toOrder(
      row,
      items.map((item, i) => ({ ...item, id: i, order_id: id })),
      customer.role,
    );
    await beforeEvents?.(order);
    // Last, so the event-order lock is held as briefly as possible.
    await record(tx, emitted, row, [
      {
        order_id: id,
        type: 'created',
        from_status: null,
        to_status: 'PENDING',
        actor_id: customer.id,
        note: null,
        visibility: 'customer',
        at,
      },
    ]);
    return order;
  }

  /**
   * Refuses, from plain reads and before any write transaction, an order for a product recently
   * short of stock that still is: when a sold-out product draws a crowd, each refusal costs a read
   * or two instead of a transaction queued with the orders still being placed. Passing proves
   * nothing, the transaction checks again; a refusal is what the transaction would have answered
   * at the moment of the read.
   */
  async function refuseEarly(customer: Actor, body: PlaceOrderBody): Promise<void> {
    if (shortOfStock.size === 0) return;
    if (!body.fromCart && !body.items?.some((line) => shortOfStock.has(line.productId))) return;
    const wanted = demand(await orderLines(db, customer, body));
    const ids = [...wanted.keys()];
    if (!ids.some((id) => shortOfStock.has(id))) return;
    const products = new Map((await findProducts(db, ids)).map((p) => [p.id, p]));
    refuseUnsellable(ids, products);
    const short = ids.filter((id) => (products.get(id)?.stock ?? 0) < (wanted.get(id) ?? 0));
    for (const id of ids) if (!short.includes(id)) shortOfStock.delete(id);
    const stock = new Map([...products].map(([id, p]) => [id, p.stock]));
    if (short.length > 0) throw outOfStock(short, products, wanted, stock);
  }

  async function placeOnce(
    customer: Actor,
    body: PlaceOrderBody,
    idempotencyKey?: string,
  ): Promise<PlaceOrderResult> {
    try {
      await refuseEarly(customer, body);
    } catch (error) {
      // A retry of a request that was already answered gets that answer, not this refusal.
      if (idempotencyKey === undefined || !(await findIdempotencyKey(db, customer.id, idempotencyKey))) {
        throw error;
      }
    }
    if (idempotencyKey === undefined) {
      return {
        order: await change((tx, emitted) => createOrder(tx, emitted, customer, body)),
        replayed: false,
      };
    }
    const requestHash = fingerprint(body);
    const created = await change(async (tx, emitted) => {
      // A key older than 24 h is forgotten, so it may be used again.
      const expiredBefore = new Date(Date.now() - IDEMPOTENCY_TTL_MS).toISOString();
      const claimed = await claimIdempotencyKey(
        tx,
        { user_id: customer.id, key: idempotencyKey, request_hash: requestHash, created_at: now() },
        expiredBefore,
      );
      if (!claimed) return undefined;
      const order = await createOrder(tx, emitted, customer, body, (created) =>
        storeIdempotentResponse(tx, customer.id, idempotencyKey, 201, JSON.stringify(created)),
      );
      return order;
    });
    if (created) return { order: created, replayed: false };

    const stored = await findIdempotencyKey(db, customer.id, idempotencyKey);
    if (!stored) throw conflict('A request with this Idempotency-Key is still being processed; retry');
    if (stored.request_hash !== requestHash) {
      throw new AppError(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        422,
        'This Idempotency-Key was used with a different request body',
      );
    }
    if (stored.response_status === 0) {
      throw conflict('A request with this Idempotency-Key is still being processed; retry');
    }
    return { order: JSON.parse(stored.response_body) as Order, replayed: true };
  }

  return {
    /** Places an order; a (vanishingly rare) order-number collision is retried with a new number. */
    async place(customer: Actor, body: PlaceOrderBody, idempotencyKey?: string): Promise<PlaceOrderResult> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await placeOnce(customer, body, idempotencyKey);
        } catch (error) {
          if (attempt >= 3 || !isUniqueViolation(error, 'order_number')) throw error;
        }
      }
    },

    async get(actor: Actor, idOrNumber: string): Promise<Order> {
      return present(db, await visibleOrder(db, actor, idOrNumber), actor.role);
    },

    /**
     * A page of orders as JSON. The page's ids and versions come from the database on every call;
     * only orders not rendered at their current version are read in full and rendered.
     */
    async listJson(actor: Actor, query: OrdersQuery): Promise<Buffer> {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const filter = {
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
      if (missing.length > 0) {
        // Read after the versions, through the same filter: an order changed meanwhile is shown as
        // it is now, or left out if it no longer matches.
        const [rows, items] = await Promise.all([
          findMatchingOrders(db, filter, missing),
          itemsOf(db, missing),
        ]);
        for (const row of rows) {
          const text = renderOrder(toOrder(row, items.get(row.id) ?? [], actor.role));
          // A buffer of its own: one carved from Node's shared pool would keep its neighbours'
          // memory alive as long as it is kept.
          const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
          bytes.write(text);
          rendered.set(row.id, actor.role, row.version, bytes);
          json.set(row.id, bytes);
        }
      }
      const last = page.at(-1);
      const nextCursor = heads.length > limit && last ? encodeCursor(last.id) : null;
      const parts: Buffer[] = [PAGE_START];
      for (const { id } of page) {
        const bytes = json.get(id);
        if (bytes === undefined) continue;
        if (parts.length > 1) parts.push(COMMA);
        parts.push(bytes);
      }
      parts.push(Buffer.from(`],"nextCursor":${JSON.stringify(nextCursor)}}`));
      return Buffer.concat(parts);
    },

    async moveStatus(
      actor: Actor,
      id: string,
      {
        status: to,
        note,
        version,
      }: { status: OrderStatus; note?: string | undefined; version?: number | undefined },
    ): Promise<Order> {
      return change(async (tx, emitted) => {
        const order = await visibleOrder(tx, actor, id);
        if (version !== undefined && version !== order.version) throw changedMeanwhile();
        assertMove({ status: order.status, heldFrom: order.held_from_status }, to, actor.role);
        const at = now();
        const updated = await updateOrderAtVersion(tx, order.id, order.version, {
          status: to,
          held_from_status: to === 'ON_HOLD' ? order.status : null,
          status_updated_at: at,
          updated_at: at,
          ...(to === 'DELIVERED' || to === 'COMPLETED' ? { completed_at: at } : {}),
          ...(to === 'CANCELLED' ? { cancelled_at: at } : {}),
        });
        if (!updated) throw changedMeanwhile();
        if (to === 'CANCELLED') await returnStock(tx, order.id, actor.id, at);
        const result = await present(tx, updated, actor.role);
        await record(tx, emitted, order, [statusEvent(order, to, actor.id, at, note ?? null)]);
        return result;
      });
    },

    async update(actor: Actor, id: string, patch: UpdateOrderBody): Promise<Order> {
      const fields = Object.keys(patch) as (keyof UpdateOrderBody)[];
      const customerFields = fields.filter((f) => (CUSTOMER_EDITABLE as readonly string[]).includes(f));
      const staffFields = fields.filter((f) => (STAFF_EDITABLE as readonly string[]).includes(f));
      if (actor.role === 'CUSTOMER' && staffFields.length > 0) {
        throw forbidden(`A customer may not change ${staffFields.join(', ')}`);
      }
      if (actor.role === 'STAFF' && customerFields.length > 0) {
        throw forbidden(`Staff may not change ${customerFields.join(', ')}`);
      }
      if (patch.assignedStaffId) {
        const staff = await findUserById(db, patch.assignedStaffId);
        if (!staff || staff.active !== 1 || staff.role === 'CUSTOMER') {
          throw invalid('assignedStaffId must name an active staff member or admin', [
            { path: '/assignedStaffId' },
          ]);
        }
      }
      return change(async (tx, emitted) => {
        const order = await visibleOrder(tx, actor, id);
        if (customerFields.length > 0 && actor.role === 'CUSTOMER' && order.status !== 'PENDING') {
          throw conflict('An order can only be edited while it is PENDING');
        }
        const at = now();
        const set: Partial<OrdersTable> = { updated_at: at };
        if (patch.title !== undefined) set.title = patch.title.trim();
        if (patch.description !== undefined) set.description = patch.description;
        if (patch.specialInstructions !== undefined) set.special_instructions = patch.specialInstructions;
        if (patch.shippingAddress !== undefined) {
          set.shipping_address = patch.shippingAddress ? JSON.stringify(patch.shippingAddress) : null;
        }
        if (patch.carrier !== undefined) set.carrier = patch.carrier;
        if (patch.trackingNumber !== undefined) set.tracking_number = patch.trackingNumber;
        if (patch.estimatedDelivery !== undefined) set.estimated_delivery = patch.estimatedDelivery;
        if (patch.assignedStaffId !== undefined) set.assigned_staff_id = patch.assignedStaffId;
        if (patch.paymentReceived !== undefined) set.payment_received = patch.paymentReceived ? 1 : 0;
        const updated = await updateOrderAtVersion(tx, order.id, order.version, set);
        if (!updated) throw changedMeanwhile();

        const event = (type: OrderEventRow['type'], note: string, visibility: 'customer' | 'internal') => ({
          order_id: order.id,
          type,
          from_status: null,
          to_status: null,
          actor_id: actor.id,
          note,
          visibility,
          at,
        });
        const newEvents: NewOrderEventRow[] = [];
        const changed = fields.filter((f) => f !== 'assignedStaffId' && f !== 'paymentReceived');
        if (changed.length > 0) newEvents.push(event('updated', `Changed ${changed.join(', ')}`, 'customer'));
        if (patch.assignedStaffId !== undefined && patch.assignedStaffId !== order.assigned_staff_id) {
          newEvents.push(event('assigned', patch.assignedStaffId ? 'Assigned' : 'Unassigned', 'internal'));
        }
        if (
          patch.paymentReceived !== undefined &&
          (patch.paymentReceived ? 1 : 0) !== order.payment_received
        ) {
          newEvents.push(
            event(
              'payment_received',
              patch.paymentReceived ? 'Payment received' : 'Payment unmarked',
              'customer',
            ),
          );
        }
        const result = await present(tx, updated, actor.role);
        await record(tx, emitted, order, newEvents);
        return result;
      });
    },

    async addNote(actor: Actor, id: string, { body, visibility }: AddNoteBody): Promise<OrderEvent> {
      return change(async (tx, emitted) => {
        const order = await visibleOrder(tx, actor, id);
        const at = now();
        const [event] = await record(tx, emitted, order, [
          {
            order_id: order.id,
            type: 'note_added',
            from_status: null,
            to_status: null,
            actor_id: actor.id,
            note: body,
            visibility,
            at,
          },
        ]);
        if (!event) throw new Error('note event was not written');
        return toOrderEvent(event);
      });
    },

    /** The order if the actor may see it; another customer's order is "not found". */
    visible: (actor: Actor, idOrNumber: string) => visibleOrder(db, actor, idOrNumber),

    /**
     * Runs another module's change to an order (media, for one) in a transaction together with
     * the order event that records it; the event is announced after the commit. `work` gets the
     * order as it is now, locked until the commit, so its checks of the order cannot race.
     */
    async recordWith<T>(
      actor: Actor,
      order: OrderRow,
      event: Pick<NewOrderEventRow, 'type' | 'note' | 'visibility'>,
      work: (tx: Tx, current: OrderRow) => Promise<T>,
    ): Promise<T> {
      return change(async (tx, emitted) => {
        const current = await lockOrder(tx, order.id);
        if (!current) throw notFound('Order');
        const result = await work(tx, current);
        const at = now();
        await record(tx, emitted, current, [
          { ...event, order_id: order.id, from_status: null, to_status: null, actor_id: actor.id, at },
        ]);
        return result;
      });
    },

    async history(actor: Actor, id: string): Promise<{ items: OrderEvent[] }> {
      const order = await visibleOrder(db, actor, id);
      const rows = await eventsOf(db, order.id, actor.role === 'CUSTOMER' ? { visibility: 'customer' } : {});
      return { items: rows.map(toOrderEvent) };
    },

    /** The id behind a public order number; 404 when there is none. */
    async idOfNumber(orderNumber: string): Promise<string> {
      const order = isOrderNumber(orderNumber) ? await findOrderByNumber(db, orderNumber) : undefined;
      if (!order) throw notFound('Order');
      return order.id;
    },

    /** Public tracking: status and shipment only; no names, addresses, prices or notes. */
    async track(orderNumber: string): Promise<Tracking> {
      const order = isOrderNumber(orderNumber) ? await findOrderByNumber(db, orderNumber) : undefined;
      if (!order) throw notFound('Order');
      const rows = await eventsOf(db, order.id, { types: ['created', 'status_changed'] });
      return {
        orderNumber: order.order_number,
        status: order.status,
        timeline: rows.flatMap((e) => (e.to_status ? [{ status: e.to_status, at: e.at }] : [])),
        carrier: order.carrier,
        trackingNumber: order.tracking_number,
        estimatedDelivery: order.estimated_delivery,
        createdAt: order.created_at,
        updatedAt: order.updated_at,
      };
    },
  };

  /** Cancelling puts every reserved unit back, through the ledger. */
  async function returnStock(tx: Tx, orderId: string, actorId: string, at: string) {
    const items = (await itemsOf(tx, [orderId])).get(orderId) ?? [];
    const returned = new Map<string, number>();
    for (const item of items) {
      if (item.product_id)
        returned.set(item.product_id, (returned.get(item.product_id) ?? 0) + item.quantity);
    }
    const ids = [...returned.keys()].sort();
    for (const id of ids) await moveStock(tx, id, returned.get(id) ?? 0, at);
    await insertLedgerEntries(
      tx,
      ids.map((id) => ({
        product_id: id,
        delta: returned.get(id) ?? 0,
        reason: 'order cancelled',
        order_id: orderId,
        actor_id: actorId,
        at,
      })),
    );
  }
}
