/** Test helpers for returns and refunds: orders brought to delivery, and each route as one call. */
import { expect } from 'vitest';
import type { ErrorResponse, Order, OrderEvent, Return } from '@igniflo/contract';
import { createTestContext, type Dialect, type TestContext, type TestUser } from '../../../test/context.ts';

export type Line = { productId: string; quantity: number };

/** The error of a refused request, in the spec's shape. */
export const errorOf = (res: { json: <T>() => T }) => res.json<ErrorResponse>().error;

export function returnsFlow(ctx: TestContext) {
  const flow = {
    /** An order of `lines` by `customer`, moved by `staff` to DELIVERED (or COMPLETED), paid when asked. */
    async deliveredOrder(
      customer: TestUser,
      staff: TestUser,
      lines: Line[],
      { paid = false, completed = false }: { paid?: boolean; completed?: boolean } = {},
    ): Promise<Order> {
      const placed = await ctx.placeOrder(customer, lines);
      const path = completed ? ['COMPLETED'] : ['SHIPPED', 'DELIVERED'];
      let order = await ctx.moveOrder(staff, placed.id, 'CONFIRMED', 'IN_PROGRESS', ...path);
      if (paid) {
        const res = await ctx.inject({
          method: 'PATCH',
          url: `/api/v1/orders/${order.id}`,
          headers: staff.headers,
          payload: { paymentReceived: true },
        });
        expect(res.statusCode).toBe(200);
        order = res.json<Order>();
      }
      return order;
    },

    request: (customer: TestUser, orderId: string, items: (Line & { reason?: string })[], note?: string) =>
      ctx.inject({
        method: 'POST',
        url: `/api/v1/orders/${orderId}/returns`,
        headers: customer.headers,
        payload: {
          items: items.map(({ reason = 'Does not fit', ...line }) => ({ ...line, reason })),
          ...(note === undefined ? {} : { note }),
        },
      }),

    /** A return asked for, 201 or the test fails. */
    async requested(customer: TestUser, orderId: string, items: Line[]): Promise<Return> {
      const res = await flow.request(customer, orderId, items);
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Return>();
    },

    step: (user: TestUser, returnId: string, step: string, payload?: object) =>
      ctx.inject({
        method: 'POST',
        url: `/api/v1/returns/${returnId}/${step}`,
        headers: user.headers,
        ...(payload === undefined ? {} : { payload }),
      }),

    refund: (admin: TestUser, orderId: string, payload: object) =>
      ctx.inject({
        method: 'POST',
        url: `/api/v1/orders/${orderId}/refunds`,
        headers: admin.headers,
        payload,
      }),

    async history(user: TestUser, orderId: string): Promise<OrderEvent[]> {
      const res = await ctx.inject({
        method: 'GET',
        url: `/api/v1/orders/${orderId}/history`,
        headers: user.headers,
      });
      return res.json<{ items: OrderEvent[] }>().items;
    },

    async order(user: TestUser, id: string): Promise<Order> {
      const res = await ctx.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: user.headers });
      expect(res.statusCode).toBe(200);
      return res.json<Order>();
    },
  };
  return flow;
}

/**
 * A fresh app for a test file: staff, an admin, a customer, a shirt and a mug in stock, and
 * `delivered()`, the customer's order of 3 shirts (two lines) and a mug, delivered.
 */
export async function setUpReturns(dialect: Dialect) {
  const ctx = await createTestContext(dialect);
  const flow = returnsFlow(ctx);
  const [staff, admin, customer] = await Promise.all([
    ctx.newUser('STAFF'),
    ctx.newUser('ADMIN'),
    ctx.newUser('CUSTOMER'),
  ]);
  const [shirt, mug] = await Promise.all([ctx.newProduct({ stock: 1000 }), ctx.newProduct({ stock: 1000 })]);
  const delivered = (options: { paid?: boolean; completed?: boolean } = {}) =>
    flow.deliveredOrder(
      customer,
      staff,
      [
        { productId: shirt.id, quantity: 2 },
        { productId: mug.id, quantity: 1 },
        { productId: shirt.id, quantity: 1 },
      ],
      options,
    );
  return { ctx, flow, staff, admin, customer, shirt, mug, delivered };
}

export type ReturnsFlow = ReturnType<typeof returnsFlow>;
export type Delivered = Awaited<ReturnType<typeof setUpReturns>>['delivered'];
