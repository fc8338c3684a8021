/** Placing an order: its lines (the body's or the cart's), stock through inventory, the order and its first event. */
import type { RawBuilder } from 'kysely';
import type { Order, PlaceOrderBody } from '@igniflo/contract';
import { isUniqueViolation, now, type Db, type Executor, type Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import {
  demand,
  type Inventory,
  type StockReason,
  type StockTakeValues,
} from '../inventory/inventory.service.ts';
import type { AppendValues, NewEvent, OrderLog } from '../order-log/order-log.ts';
import type { ProductRow } from '../products/products.table.ts';
import type { Actor } from './order-access.ts';
import * as idempotency from './idempotency.ts';
import { newOrderNumber } from './order-number.ts';
import { toOrder } from './orders.mapper.ts';
import { insertOrder } from './orders.repository.ts';
import { isPostgres } from '../../platform/db/dialect.ts';
import {
  keyClaimPart,
  keyClaimValues,
  orderInsertPart,
  orderInsertValues,
  PLACEMENT,
  placementSnapshots,
  placementStatement,
  type KeyClaimValues,
  type OrderInsertValues,
  type PlacementSnapshot,
  unkeyedPart,
} from './placement.repository.ts';
import type { OrderItemRow, OrderRow } from './orders.table.ts';

type OrderLine = NonNullable<PlaceOrderBody['items']>[number];

/** What placing needs of the customer's cart. */
export interface CheckoutCart {
  /** The cart's lines, as order lines. */
  lines(db: Executor, customerId: string): Promise<OrderLine[]>;
  /** Empties the cart in the transaction of the order it became. */
  empty(tx: Tx, customerId: string): Promise<void>;
  /**
   * `empty` as a part of the one-statement placement (PostgreSQL), gated on the CTE `gate`, built
   * from stand-ins of the values `emptyValues` gives.
   */
  emptyPart(values: CartEmptyValues, gate: string): RawBuilder<unknown>;
  emptyValues(customerId: string): CartEmptyValues;
}

/** The values of CheckoutCart.emptyPart: whose cart. */
export type CartEmptyValues = { cart_user_id: string };

export interface PlaceOrderResult {
  order: Order;
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

const DEFAULT_CURRENCY = 'USD';

/** Rolls back an order whose Idempotency-Key an earlier request holds (SQLite): that one's answer is replayed. */
const KEY_TAKEN = new Error('Idempotency-Key taken');

export function createPlacing(deps: {
  db: Db;
  inventory: Inventory;
  orderLog: OrderLog;
  cart: CheckoutCart;
}) {
  const { db, inventory, orderLog, cart } = deps;
  const readSnapshot = placementSnapshots(db);
  /** The one statement of placeInOneStatement; a key's and a cart's parts only when their values are there. */
  const runPlacement = placementStatement(
    (
      v: StockTakeValues &
        Partial<KeyClaimValues> &
        Partial<CartEmptyValues> &
        OrderInsertValues &
        AppendValues,
    ) => {
      const stock = inventory.reserveParts(v, PLACEMENT);
      return [
        stock.check,
        v.key_key === undefined ? unkeyedPart() : keyClaimPart(v as KeyClaimValues),
        stock.take,
        ...(v.cart_user_id === undefined ? [] : [cart.emptyPart(v as CartEmptyValues, PLACEMENT)]),
        orderInsertPart(v),
        orderLog.appendParts(v, PLACEMENT),
      ];
    },
  );

  /** The lines to order: the body's items, or the customer's cart for a checkout. */
  async function orderLines(reader: Executor, customer: Actor, body: PlaceOrderBody): Promise<OrderLine[]> {
    if (!body.fromCart) return body.items ?? [];
    if (body.items !== undefined)
      throw invalid('Send either items or fromCart, not both', [{ path: '/items' }]);
    const lines = await cart.lines(reader, customer.id);
    if (lines.length === 0) throw invalid('The cart is empty', [{ path: '/fromCart' }]);
    return lines;
  }

  /** The order's lines as snapshots of the products they were taken from. */
  function snapshot(lines: OrderLine[], products: Map<string, ProductRow>) {
    if (new Set([...products.values()].map((p) => p.currency)).size > 1) {
      throw invalid('All items of an order must share one currency');
    }
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

  /** The lines to order, refusing an order of nothing. */
  async function linesToOrder(reader: Executor, customer: Actor, body: PlaceOrderBody) {
    const lines = await orderLines(reader, customer, body);
    if (lines.length === 0 && !body.title && !body.description) {
      throw invalid('An order needs items, or a title or description for a custom request', [
        { path: '/items' },
      ]);
    }
    return lines;
  }

  /** The new order's row (but the customer's name), its items and its first event. */
  function draftOrder(
    customer: Actor,
    body: PlaceOrderBody,
    lines: OrderLine[],
    products: Map<string, ProductRow>,
    why: StockReason & { orderId: string },
  ) {
    const { items, currency } = snapshot(lines, products);
    const { orderId: id, at } = why;
    const row: Omit<OrderRow, 'customer_name'> = {
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
      refunded_cents: 0,
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
    const created: NewEvent = {
      type: 'created',
      from_status: null,
      to_status: 'PENDING',
      actor_id: customer.id,
      note: null,
      visibility: 'customer',
      at,
    };
    return { row, items, created };
  }

  const render = (customer: Actor, row: OrderRow, items: Omit<OrderItemRow, 'id' | 'order_id'>[]) =>
    toOrder(
      row,
      items.map((item, i) => ({ ...item, id: i, order_id: row.id })),
      [],
      customer.role,
    );

  const reason = (customer: Actor) => ({
    reason: 'order placed',
    orderId: newId(),
    actorId: customer.id,
    at: now(),
  });

  /**
   * Places an order in a transaction, step by step (SQLite, where a statement costs no round trip).
   * The key is claimed with the answer, so one statement does both; the transaction is rolled back
   * with KEY_TAKEN when an earlier request holds it.
   */
  async function createOrder(
    tx: Tx,
    customer: Actor,
    body: PlaceOrderBody,
    keyed?: idempotency.IdempotentRequest,
  ) {
    const lines = await linesToOrder(tx, customer, body);
    const why = reason(customer);
    const products = await inventory.reserve(tx, lines, why);
    const { row: draft, items, created } = draftOrder(customer, body, lines, products, why);
    if (body.fromCart) await cart.empty(tx, customer.id);
    const { customerName } = await insertOrder(tx, draft, items);
    const row: OrderRow = { ...draft, customer_name: customerName };
    const order = render(customer, row, items);
    if (keyed && !(await idempotency.claim(tx, keyed, order, why.at))) throw KEY_TAKEN;
    // Last, so the event-order lock is held as briefly as possible.
    await orderLog.append(tx, row, [created]);
    return order;
  }

  /**
   * Places an order in two round trips (PostgreSQL): a read of what it copies, then one statement
   * that writes it all or nothing (placement.repository.ts). Undefined when a product changed
   * between the two, for the caller to try again.
   */
  async function placeInOneStatement(
    customer: Actor,
    body: PlaceOrderBody,
    key?: string,
  ): Promise<PlaceOrderResult | undefined> {
    const request = key === undefined ? undefined : { userId: customer.id, key, body };
    let lines: OrderLine[];
    let snapshot: PlacementSnapshot;
    try {
      lines = await linesToOrder(db, customer, body);
      const ids = [...demand(lines).keys()];
      snapshot = await readSnapshot(customer.id, ids);
      if (snapshot.products.size < ids.length) await inventory.refuseShort(db, lines, ids);
    } catch (error) {
      // A retry of a request that was answered (with the cart it emptied) gets that answer.
      if (!request || !(await idempotency.answered(db, customer.id, request.key))) throw error;
      return { order: await idempotency.replay<Order>(db, request), replayed: true };
    }
    const { customerName, products } = snapshot;
    const why = reason(customer);
    const { row: draft, items, created } = draftOrder(customer, body, lines, products, why);
    const row: OrderRow = { ...draft, customer_name: customerName };
    const order = render(customer, row, items);
    const outcome = await runPlacement(db, {
      ...inventory.reserveValues(lines, why, products),
      ...(request ? keyClaimValues(idempotency.claimWithAnswer(request, order, why.at)) : {}),
      ...(body.fromCart ? cart.emptyValues(customer.id) : {}),
      ...orderInsertValues(row, items),
      ...orderLog.appendValues(row, [created]),
    });
    if (outcome.placed) {
      inventory.changed();
      orderLog.announce(outcome.events);
      return { order, replayed: false };
    }
    if (outcome.refused.some((r) => r.reason === 'changed')) return undefined;
    const answered = request !== undefined && (await idempotency.answered(db, customer.id, request.key));
    if (outcome.refused.length > 0 && !answered) {
      await inventory.refuseShort(
        db,
        lines,
        outcome.refused.map((r) => r.id),
      );
    }
    // Not refused, so not placed because an earlier request holds the key: its answer.
    if (!request) throw new Error('An order without an Idempotency-Key was neither placed nor refused');
    return { order: await idempotency.replay<Order>(db, request), replayed: true };
  }

  async function placeOnce(
    customer: Actor,
    body: PlaceOrderBody,
    key?: string,
  ): Promise<PlaceOrderResult | undefined> {
    try {
      await inventory.refuseIfSoldOut(
        db,
        body.fromCart ? undefined : (body.items ?? []).map((line) => line.productId),
        () => orderLines(db, customer, body),
      );
    } catch (error) {
      // A retry of a request that was already answered gets that answer, not this refusal.
      if (key === undefined || !(await idempotency.answered(db, customer.id, key))) throw error;
    }
    if (isPostgres(db)) return placeInOneStatement(customer, body, key);
    const request = key === undefined ? undefined : { userId: customer.id, key, body };
    try {
      return {
        order: await transaction(db, (tx) => createOrder(tx, customer, body, request)),
        replayed: false,
      };
    } catch (error) {
      // The key was taken (its claim comes with the answer, last), or this retry of an answered
      // request failed anew (its cart was emptied, its stock taken): the earlier answer.
      if (!request || (error !== KEY_TAKEN && !(await idempotency.answered(db, customer.id, request.key))))
        throw error;
      return { order: await idempotency.replay<Order>(db, request), replayed: true };
    }
  }

  return {
    /**
     * Places an order. Tried again, up to three times in all, after a (vanishingly rare)
     * order-number collision, and when a product's name, SKU or price changed while it was placed.
     */
    async place(customer: Actor, body: PlaceOrderBody, idempotencyKey?: string): Promise<PlaceOrderResult> {
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          const placed = await placeOnce(customer, body, idempotencyKey);
          if (placed) return placed;
        } catch (error) {
          if (attempt >= 3 || !isUniqueViolation(error, 'order_number')) throw error;
        }
      }
      throw conflict('The products changed while the order was placed; retry');
    },
  };
}
