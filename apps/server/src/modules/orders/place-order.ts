/** Placing an order: its lines (the body's or the cart's), stock through inventory, the order and its first event. */
import type { Order, PlaceOrderBody } from '@igniflo/contract';
import { isUniqueViolation, now, type Db, type Executor, type Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Inventory } from '../inventory/inventory.service.ts';
import type { OrderLog } from '../order-log/order-log.ts';
import type { ProductRow } from '../products/products.table.ts';
import type { Actor } from './order-access.ts';
import * as idempotency from './idempotency.ts';
import { newOrderNumber } from './order-number.ts';
import { toOrder } from './orders.mapper.ts';
import { insertOrder } from './orders.repository.ts';
import type { OrderItemRow, OrderRow } from './orders.table.ts';

type OrderLine = NonNullable<PlaceOrderBody['items']>[number];

/** What placing needs of the customer's cart. */
export interface CheckoutCart {
  /** The cart's lines, as order lines. */
  lines(db: Executor, customerId: string): Promise<OrderLine[]>;
  /** Empties the cart in the transaction of the order it became. */
  empty(tx: Tx, customerId: string): Promise<void>;
}

export interface PlaceOrderResult {
  order: Order;
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

const DEFAULT_CURRENCY = 'USD';

export function createPlacing(deps: {
  db: Db;
  inventory: Inventory;
  orderLog: OrderLog;
  cart: CheckoutCart;
}) {
  const { db, inventory, orderLog, cart } = deps;

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

  async function createOrder(
    tx: Tx,
    customer: Actor,
    body: PlaceOrderBody,
    keyed?: idempotency.IdempotentRequest,
  ) {
    const lines = await orderLines(tx, customer, body);
    if (lines.length === 0 && !body.title && !body.description) {
      throw invalid('An order needs items, or a title or description for a custom request', [
        { path: '/items' },
      ]);
    }
    const at = now();
    const id = newId();
    const products = await inventory.reserve(tx, lines, {
      reason: 'order placed',
      orderId: id,
      actorId: customer.id,
      at,
    });
    const { items, currency } = snapshot(lines, products);
    if (body.fromCart) await cart.empty(tx, customer.id);
    const draft: Omit<OrderRow, 'customer_name'> = {
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
    const { customerName } = await insertOrder(tx, draft, items);
    const row: OrderRow = { ...draft, customer_name: customerName };
    const itemRows: OrderItemRow[] = items.map((item, i) => ({ ...item, id: i, order_id: id }));
    const order = toOrder(row, itemRows, [], customer.role);
    if (keyed) await idempotency.storeAnswer(tx, keyed, 201, order);
    // Last, so the event-order lock is held as briefly as possible.
    await orderLog.append(tx, row, [
      {
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

  async function placeOnce(customer: Actor, body: PlaceOrderBody, key?: string): Promise<PlaceOrderResult> {
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
    if (key === undefined) {
      return { order: await transaction(db, (tx) => createOrder(tx, customer, body)), replayed: false };
    }
    const request = { userId: customer.id, key, body };
    const created = await transaction(db, async (tx) =>
      (await idempotency.claim(tx, request)) ? createOrder(tx, customer, body, request) : undefined,
    );
    if (created) return { order: created, replayed: false };
    return { order: await idempotency.replay<Order>(db, request), replayed: true };
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
  };
}
