/**
 * Every route × every role: the roles allowed succeed, a request without a token gets 401, a role
 * not allowed gets 403, and a customer reaching for another customer's things gets 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import type { ErrorResponse, Media, Order, Role, User } from '@igniflo/contract';
import { newId } from '../src/lib/ids.ts';
import { createTestContext, dialects, PASSWORD, type TestContext, type TestUser } from './context.ts';
import { noNames } from '../src/modules/webhooks/webhooks.test-support.ts';
import { startSmtpInbox } from './smtp-inbox.ts';
import { multipart } from './uploads.ts';

type Who = Role | 'ANONYMOUS';
const EVERYONE: Who[] = ['ANONYMOUS', 'CUSTOMER', 'STAFF', 'ADMIN'];
const USERS: Who[] = ['CUSTOMER', 'STAFF', 'ADMIN'];

interface RouteCase {
  method: InjectOptions['method'];
  /** The path as documented in OpenAPI, e.g. /api/v1/orders/{id}. */
  path: string;
  allowed: Who[];
  /** Builds a request that succeeds for an allowed role: fresh resources where the call consumes them. */
  request: (as: TestUser | null) => Promise<Omit<InjectOptions, 'method'>>;
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
describe.each(dialects)('authorization of every route on %s', (dialect) => {
  let ctx: TestContext;
  const users = {} as Record<Role, TestUser>;
  let other: TestUser;
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;

  beforeAll(async () => {
    // Webhooks point at hooks.example.com: no name resolves, so no delivery or ping leaves the machine.
    // Email on, so that the account-mail routes answer (with it off they are 404 for everyone).
    inbox = await startSmtpInbox();
    ctx = await createTestContext(
      dialect,
      { WEBHOOK_ALLOW_PRIVATE: 'false', SMTP_URL: inbox.url },
      { webhooks: { resolve: noNames } },
    );
    users.CUSTOMER = await ctx.newUser('CUSTOMER');
    users.STAFF = await ctx.newUser('STAFF');
    users.ADMIN = await ctx.newUser('ADMIN');
    other = await ctx.newUser('CUSTOMER');
  });
  afterAll(async () => {
    await ctx.close();
    await inbox.close();
  });

  const auth = (as: TestUser | null) => (as ? as.headers : {});
  /** An order of the CUSTOMER's, or of `owner`'s. */
  const orderOf = async (owner: TestUser = users.CUSTOMER) =>
    ctx.placeOrder(owner, [{ productId: (await ctx.newProduct({ stock: 5 })).id, quantity: 1 }]);
  const product = () => ctx.newProduct({ stock: 5 });
  /** An order of the CUSTOMER's, IN_PROGRESS, its items as a shipment lists them. */
  const orderInProgress = async () => {
    const order = await ctx.moveOrder(users.ADMIN, (await orderOf()).id, 'CONFIRMED', 'IN_PROGRESS');
    return {
      id: order.id,
      items: order.items.map((i) => ({ productId: i.productId, quantity: i.quantity })),
    };
  };
  /** An order of `owner`'s (the CUSTOMER's by default), delivered and paid. */
  const deliveredOrder = async (owner: TestUser = users.CUSTOMER) => {
    const order = await ctx.moveOrder(
      users.ADMIN,
      (await orderOf(owner)).id,
      'CONFIRMED',
      'IN_PROGRESS',
      'SHIPPED',
      'DELIVERED',
    );
    await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/orders/${order.id}`,
      headers: users.ADMIN.headers,
      payload: { paymentReceived: true },
    });
    return order;
  };
  /** A return of one unit of a delivered order of `owner`'s, REQUESTED, or APPROVED when asked. */
  const returnOf = async ({ approved = false, owner = users.CUSTOMER } = {}) => {
    const order = await deliveredOrder(owner);
    const item = order.items[0];
    const res = await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/returns`,
      headers: owner.headers,
      payload: { items: [{ productId: item?.productId, quantity: 1, reason: 'broken' }] },
    });
    const created = res.json<{ id: string }>();
    if (approved) {
      await ctx.inject({
        method: 'POST',
        url: `/api/v1/returns/${created.id}/approve`,
        headers: users.ADMIN.headers,
      });
    }
    return created.id;
  };
  const webhook = async () =>
    (
      await ctx.inject({
        method: 'POST',
        url: '/api/v1/admin/webhooks',
        headers: users.ADMIN.headers,
        payload: { url: 'https://hooks.example.com/in' },
      })
    ).json<{ id: string }>();
  /** An attempt recorded for a new webhook (a ping, answered 200 though no receiver exists). */
  const webhookDelivery = async () => {
    const hook = await webhook();
    const res = await ctx.inject({
      method: 'POST',
      url: `/api/v1/admin/webhooks/${hook.id}/ping`,
      headers: users.ADMIN.headers,
    });
    return { webhookId: hook.id, deliveryId: res.json<{ id: number }>().id };
  };
  /** A notification of `user`'s own: from an order for customers; written directly for staff, who place none. */
  const notificationOf = async (user: TestUser) => {
    const order = await orderOf(user.role === 'CUSTOMER' ? user : users.CUSTOMER);
    if (user.role !== 'CUSTOMER') {
      const event = await ctx.db
        .selectFrom('order_events')
        .select('id')
        .where('order_id', '=', order.id)
        .executeTakeFirstOrThrow();
      const id = newId();
      await ctx.db
        .insertInto('notifications')
        .values({
          id,
          user_id: user.id,
          order_id: order.id,
          event_id: event.id,
          title: 't',
          body: null,
          read_at: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      return id;
    }
    const row = await ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', user.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const mediaOf = async (order: Order) => {
    const body = multipart('a.png', PNG);
    const res = await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/media`,
      headers: { ...users.CUSTOMER.headers, ...body.headers },
      payload: body.payload,
    });
    return res.json<Media>();
  };
  /** Gives `user` a profile picture; answers its avatarUrl. */
  const avatarOf = async (user: TestUser) => {
    const body = multipart('me.png', PNG);
    const res = await ctx.inject({
      method: 'PUT',
      url: '/api/v1/users/me/avatar',
      headers: { ...user.headers, ...body.headers },
      payload: body.payload,
    });
    return res.json<User>().avatarUrl ?? '';
  };
  let emailCounter = 0;

  const cases: RouteCase[] = [
    {
      method: 'POST',
      path: '/api/v1/auth/register',
      allowed: EVERYONE,
      request: async () => ({
        payload: { email: `r${++emailCounter}@authz.test`, password: PASSWORD, name: 'R' },
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/auth/login',
      allowed: EVERYONE,
      request: async () => ({ payload: { email: users.CUSTOMER.email, password: PASSWORD } }),
    },
    {
      method: 'POST',
      path: '/api/v1/auth/refresh',
      allowed: EVERYONE,
      request: async () => ({ payload: { refreshToken: (await ctx.newUser()).refreshToken } }),
    },
    {
      method: 'POST',
      path: '/api/v1/auth/logout',
      allowed: USERS,
      // A session of its own: logging out the shared user would end it for every later case.
      request: async (as) => ({ headers: as ? (await ctx.newUser(as.role)).headers : {} }),
    },
    {
      method: 'POST',
      path: '/api/v1/auth/otp/send',
      allowed: EVERYONE,
      request: async () => ({ payload: { phone: `+4477009${String(++emailCounter).padStart(5, '0')}` } }),
    },
    {
      method: 'POST',
      path: '/api/v1/auth/password/forgot',
      allowed: EVERYONE,
      request: async () => ({ payload: { email: users.CUSTOMER.email } }),
    },
    {
      method: 'POST',
      path: '/api/v1/auth/email/verify/resend',
      allowed: USERS,
      // Each role's own account, made unverified by the factory.
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/users/me',
      allowed: USERS,
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'PATCH',
      path: '/api/v1/users/me',
      allowed: USERS,
      request: async (as) => ({ headers: auth(as), payload: { name: 'Renamed' } }),
    },
    {
      method: 'POST',
      path: '/api/v1/users/me/password',
      allowed: USERS,
      request: async (as) => ({
        headers: auth(as),
        payload: { currentPassword: PASSWORD, newPassword: PASSWORD },
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/users/me/phone',
      allowed: USERS,
      request: async (as) => ({
        headers: auth(as),
        payload: { phone: `+4477008${String(++emailCounter).padStart(5, '0')}`, currentPassword: PASSWORD },
      }),
    },
    {
      method: 'PUT',
      path: '/api/v1/users/me/avatar',
      allowed: USERS,
      request: async (as) => {
        const m = multipart('me.png', PNG);
        return { payload: m.payload, headers: { ...auth(as), ...m.headers } };
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/users/me/avatar',
      allowed: USERS,
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/users/{id}/avatar',
      allowed: USERS,
      // The customer's own picture: every role may read it (another customer's is in the 404 test).
      request: async (as) => ({
        url: (await avatarOf(users.CUSTOMER)).replace(/\?.*$/, ''),
        headers: auth(as),
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/admin/users',
      allowed: ['ADMIN'],
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'POST',
      path: '/api/v1/admin/users',
      allowed: ['ADMIN'],
      request: async (as) => ({
        headers: auth(as),
        payload: { email: `made-${newId()}@example.test`, name: 'Made', role: 'STAFF', password: PASSWORD },
      }),
    },
    {
      method: 'PATCH',
      path: '/api/v1/admin/users/{id}',
      allowed: ['ADMIN'],
      request: async (as) => ({
        url: `/api/v1/admin/users/${(await ctx.newUser()).id}`,
        headers: auth(as),
        payload: { role: 'STAFF' },
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/products',
      allowed: EVERYONE,
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/products/{id}',
      allowed: EVERYONE,
      request: async (as) => ({ url: `/api/v1/products/${(await product()).id}`, headers: auth(as) }),
    },
    {
      method: 'POST',
      path: '/api/v1/products',
      allowed: ['ADMIN'],
      request: async (as) => ({
        headers: auth(as),
        payload: { sku: `AUTHZ-${++emailCounter}`, name: 'A', priceCents: 100 },
      }),
    },
    {
      method: 'PATCH',
      path: '/api/v1/products/{id}',
      allowed: ['ADMIN'],
      request: async (as) => ({
        url: `/api/v1/products/${(await product()).id}`,
        headers: auth(as),
        payload: { name: 'B' },
      }),
    },
    {
      method: 'DELETE',
      path: '/api/v1/products/{id}',
      allowed: ['ADMIN'],
      request: async (as) => ({ url: `/api/v1/products/${(await product()).id}`, headers: auth(as) }),
    },
    {
      method: 'POST',
      path: '/api/v1/products/{id}/stock',
      allowed: ['ADMIN'],
      request: async (as) => ({
        url: `/api/v1/products/${(await product()).id}/stock`,
        headers: auth(as),
        payload: { delta: 1, reason: 'count' },
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/products/{id}/ledger',
      allowed: ['ADMIN'],
      request: async (as) => ({ url: `/api/v1/products/${(await product()).id}/ledger`, headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/products/export.csv',
      allowed: ['ADMIN'],
      request: async (as) => ({ url: '/api/v1/products/export.csv', headers: auth(as) }),
    },
    {
      method: 'POST',
      path: '/api/v1/products/import',
      allowed: ['ADMIN'],
      request: async (as) => ({
        url: '/api/v1/products/import',
        headers: { ...auth(as), 'content-type': 'text/csv' },
        payload: `sku,name,priceCents,stock\nIMP-${newId().slice(-12)},Imported,100,2\n`,
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/orders',
      allowed: ['CUSTOMER'],
      request: async (as) => ({
        headers: auth(as),
        payload: { items: [{ productId: (await product()).id, quantity: 1 }] },
      }),
    },
    { method: 'GET', path: '/api/v1/orders', allowed: USERS, request: async (as) => ({ headers: auth(as) }) },
    {
      method: 'GET',
      path: '/api/v1/orders/{id}',
      allowed: USERS,
      request: async (as) => ({ url: `/api/v1/orders/${(await orderOf()).orderNumber}`, headers: auth(as) }),
    },
    {
      method: 'PATCH',
      path: '/api/v1/orders/{id}',
      allowed: USERS,
      request: async (as) => ({
        url: `/api/v1/orders/${(await orderOf()).id}`,
        headers: auth(as),
        payload: as?.role === 'CUSTOMER' ? { specialInstructions: 'x' } : { carrier: 'DHL' },
      }),
    },
    {
      method: 'PATCH',
      path: '/api/v1/orders/{id}/status',
      allowed: USERS,
      request: async (as) => ({
        url: `/api/v1/orders/${(await orderOf()).id}/status`,
        headers: auth(as),
        payload: { status: as?.role === 'CUSTOMER' ? 'CANCELLED' : 'CONFIRMED' },
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/orders/bulk/status',
      allowed: ['STAFF', 'ADMIN'],
      request: async (as) => ({
        url: '/api/v1/orders/bulk/status',
        headers: auth(as),
        payload: { orderIds: [(await orderOf()).id], status: 'CONFIRMED' },
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/orders/{id}/cancel',
      allowed: ['CUSTOMER', 'ADMIN'],
      request: async (as) => ({ url: `/api/v1/orders/${(await orderOf()).id}/cancel`, headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/orders/{id}/history',
      allowed: USERS,
      request: async (as) => ({ url: `/api/v1/orders/${(await orderOf()).id}/history`, headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/orders/{id}/customer',
      allowed: ['STAFF', 'ADMIN'],
      request: async (as) => ({ url: `/api/v1/orders/${(await orderOf()).id}/customer`, headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/orders/export.csv',
      allowed: ['STAFF', 'ADMIN'],
      request: async (as) => ({ url: '/api/v1/orders/export.csv?status=PENDING', headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/orders/{id}/packing-slip.pdf',
      allowed: ['STAFF', 'ADMIN'],
      request: async (as) => ({
        url: `/api/v1/orders/${(await orderOf()).id}/packing-slip.pdf`,
        headers: auth(as),
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/orders/{id}/invoice.pdf',
      allowed: ['CUSTOMER', 'STAFF', 'ADMIN'],
      request: async (as) => ({
        url: `/api/v1/orders/${(await orderOf()).id}/invoice.pdf`,
        headers: auth(as),
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/orders/{id}/notes',
      allowed: ['STAFF', 'ADMIN'],
      request: async (as) => ({
        url: `/api/v1/orders/${(await orderOf()).id}/notes`,
        headers: auth(as),
        payload: { body: 'n', visibility: 'internal' },
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/orders/{id}/shipments',
      allowed: ['STAFF', 'ADMIN'],
      request: async (as) => {
        const order = await orderInProgress();
        return {
          url: `/api/v1/orders/${order.id}/shipments`,
          headers: auth(as),
          payload: { items: order.items, carrier: 'UPS', trackingNumber: '1Z' },
        };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/orders/{id}/shipments/{shipmentId}/events',
      allowed: ['STAFF', 'ADMIN'],
      request: async (as) => {
        const order = await ctx.moveOrder(users.ADMIN, (await orderInProgress()).id, 'SHIPPED');
        return {
          url: `/api/v1/orders/${order.id}/shipments/${order.shipments[0]?.id}/events`,
          headers: auth(as),
          payload: { status: 'IN_TRANSIT' },
        };
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/orders/{id}/items',
      allowed: ['STAFF', 'ADMIN'],
      request: async (as) => {
        const order = await orderOf();
        return {
          url: `/api/v1/orders/${order.id}/items`,
          headers: auth(as),
          payload: { items: [{ productId: order.items[0]?.productId, quantity: 2 }] },
        };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/orders/{id}/returns',
      allowed: ['CUSTOMER'],
      request: async (as) => {
        const order = await deliveredOrder();
        return {
          url: `/api/v1/orders/${order.id}/returns`,
          headers: auth(as),
          payload: { items: [{ productId: order.items[0]?.productId, quantity: 1, reason: 'broken' }] },
        };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/orders/{id}/returns',
      allowed: USERS,
      request: async (as) => ({ url: `/api/v1/orders/${(await orderOf()).id}/returns`, headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/returns',
      allowed: USERS,
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/returns/{id}',
      allowed: USERS,
      request: async (as) => ({ url: `/api/v1/returns/${await returnOf()}`, headers: auth(as) }),
    },
    ...(['approve', 'reject'] as const).map((step): RouteCase => ({
      method: 'POST',
      path: `/api/v1/returns/{id}/${step}`,
      allowed: ['STAFF', 'ADMIN'],
      request: async (as) => ({ url: `/api/v1/returns/${await returnOf()}/${step}`, headers: auth(as) }),
    })),
    {
      method: 'POST',
      path: '/api/v1/returns/{id}/close',
      allowed: ['STAFF', 'ADMIN'],
      request: async (as) => ({
        url: `/api/v1/returns/${await returnOf({ approved: true })}/close`,
        headers: auth(as),
        payload: { note: 'never sent' },
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/returns/{id}/receive',
      allowed: ['STAFF', 'ADMIN'],
      request: async (as) => ({
        url: `/api/v1/returns/${await returnOf({ approved: true })}/receive`,
        headers: auth(as),
        payload: { restock: [] },
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/orders/{id}/refunds',
      allowed: ['ADMIN'],
      request: async (as) => ({
        url: `/api/v1/orders/${(await deliveredOrder()).id}/refunds`,
        headers: auth(as),
        payload: { amountCents: 1, reason: 'goodwill' },
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/orders/{id}/refunds',
      allowed: USERS,
      request: async (as) => ({ url: `/api/v1/orders/${(await orderOf()).id}/refunds`, headers: auth(as) }),
    },
    {
      method: 'POST',
      path: '/api/v1/orders/{id}/media',
      allowed: USERS,
      request: async (as) => ({
        url: `/api/v1/orders/${(await orderOf()).id}/media`,
        ...(() => {
          const m = multipart('a.png', PNG);
          return { payload: m.payload, headers: { ...auth(as), ...m.headers } };
        })(),
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/orders/{id}/media',
      allowed: USERS,
      request: async (as) => ({ url: `/api/v1/orders/${(await orderOf()).id}/media`, headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/media/{id}',
      allowed: USERS,
      request: async (as) => ({
        url: `/api/v1/media/${(await mediaOf(await orderOf())).id}`,
        headers: auth(as),
      }),
    },
    {
      method: 'DELETE',
      path: '/api/v1/media/{id}',
      // The customer uploaded it: its uploader or an admin may delete it, other staff may not.
      allowed: ['CUSTOMER', 'ADMIN'],
      request: async (as) => ({
        url: `/api/v1/media/${(await mediaOf(await orderOf())).id}`,
        headers: auth(as),
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/track/{orderNumber}',
      allowed: EVERYONE,
      request: async (as) => ({ url: `/api/v1/track/${(await orderOf()).orderNumber}`, headers: auth(as) }),
    },
    {
      method: 'POST',
      path: '/api/v1/events/ticket',
      allowed: USERS,
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/notifications',
      allowed: USERS,
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'PATCH',
      path: '/api/v1/notifications/{id}/read',
      allowed: USERS,
      request: async (as) => ({
        url: `/api/v1/notifications/${await notificationOf(as ?? users.CUSTOMER)}/read`,
        headers: auth(as),
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/notifications/read-all',
      allowed: USERS,
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'DELETE',
      path: '/api/v1/notifications/{id}',
      allowed: USERS,
      request: async (as) => ({
        url: `/api/v1/notifications/${await notificationOf(as ?? users.CUSTOMER)}`,
        headers: auth(as),
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/cart',
      allowed: ['CUSTOMER'],
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'POST',
      path: '/api/v1/cart/items',
      allowed: ['CUSTOMER'],
      request: async (as) => ({
        headers: auth(as),
        payload: { productId: (await product()).id, quantity: 1 },
      }),
    },
    {
      method: 'PATCH',
      path: '/api/v1/cart/items/{productId}',
      allowed: ['CUSTOMER'],
      request: async (as) => {
        const p = await product();
        await ctx.inject({
          method: 'POST',
          url: '/api/v1/cart/items',
          headers: users.CUSTOMER.headers,
          payload: { productId: p.id, quantity: 1 },
        });
        return { url: `/api/v1/cart/items/${p.id}`, headers: auth(as), payload: { quantity: 2 } };
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/cart/items/{productId}',
      allowed: ['CUSTOMER'],
      request: async (as) => {
        const p = await product();
        await ctx.inject({
          method: 'POST',
          url: '/api/v1/cart/items',
          headers: users.CUSTOMER.headers,
          payload: { productId: p.id, quantity: 1 },
        });
        return { url: `/api/v1/cart/items/${p.id}`, headers: auth(as) };
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/cart',
      allowed: ['CUSTOMER'],
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'POST',
      path: '/api/v1/cart/merge',
      allowed: ['CUSTOMER'],
      request: async (as) => ({
        headers: auth(as),
        payload: { mergeId: `merge-${++emailCounter}-abc`, items: [] },
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/wishlist',
      allowed: ['CUSTOMER'],
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'POST',
      path: '/api/v1/wishlist/items',
      allowed: ['CUSTOMER'],
      request: async (as) => ({ headers: auth(as), payload: { productId: (await product()).id } }),
    },
    {
      method: 'DELETE',
      path: '/api/v1/wishlist/items/{productId}',
      allowed: ['CUSTOMER'],
      request: async (as) => {
        const p = await product();
        await ctx.inject({
          method: 'POST',
          url: '/api/v1/wishlist/items',
          headers: users.CUSTOMER.headers,
          payload: { productId: p.id },
        });
        return { url: `/api/v1/wishlist/items/${p.id}`, headers: auth(as) };
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/wishlist',
      allowed: ['CUSTOMER'],
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'POST',
      path: '/api/v1/wishlist/merge',
      allowed: ['CUSTOMER'],
      request: async (as) => ({
        headers: auth(as),
        payload: { mergeId: `wish-${++emailCounter}-abc`, productIds: [] },
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/admin/dashboard',
      allowed: ['ADMIN'],
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/admin/analytics/orders',
      allowed: ['ADMIN'],
      request: async (as) => ({
        url: '/api/v1/admin/analytics/orders?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z',
        headers: auth(as),
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/admin/audit',
      allowed: ['ADMIN'],
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'POST',
      path: '/api/v1/admin/webhooks',
      allowed: ['ADMIN'],
      request: async (as) => ({ headers: auth(as), payload: { url: 'https://hooks.example.com/a' } }),
    },
    {
      method: 'GET',
      path: '/api/v1/admin/webhooks',
      allowed: ['ADMIN'],
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/admin/webhooks/{id}',
      allowed: ['ADMIN'],
      request: async (as) => ({ url: `/api/v1/admin/webhooks/${(await webhook()).id}`, headers: auth(as) }),
    },
    {
      method: 'PATCH',
      path: '/api/v1/admin/webhooks/{id}',
      allowed: ['ADMIN'],
      request: async (as) => ({
        url: `/api/v1/admin/webhooks/${(await webhook()).id}`,
        headers: auth(as),
        payload: { active: false },
      }),
    },
    {
      method: 'DELETE',
      path: '/api/v1/admin/webhooks/{id}',
      allowed: ['ADMIN'],
      request: async (as) => ({ url: `/api/v1/admin/webhooks/${(await webhook()).id}`, headers: auth(as) }),
    },
    {
      method: 'POST',
      path: '/api/v1/admin/webhooks/{id}/rotate-secret',
      allowed: ['ADMIN'],
      request: async (as) => ({
        url: `/api/v1/admin/webhooks/${(await webhook()).id}/rotate-secret`,
        headers: auth(as),
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/admin/webhooks/{id}/deliveries',
      allowed: ['ADMIN'],
      request: async (as) => ({
        url: `/api/v1/admin/webhooks/${(await webhook()).id}/deliveries`,
        headers: auth(as),
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/orders/{id}/messages',
      allowed: ['STAFF', 'ADMIN'],
      request: async (as) => ({ url: `/api/v1/orders/${(await orderOf()).id}/messages`, headers: auth(as) }),
    },
    {
      method: 'GET',
      path: '/api/v1/users/me/preferences',
      allowed: USERS,
      request: async (as) => ({ headers: auth(as) }),
    },
    {
      method: 'PATCH',
      path: '/api/v1/users/me/preferences',
      allowed: USERS,
      request: async (as) => ({ headers: auth(as), payload: { email: { orderUpdates: true } } }),
    },
    {
      method: 'POST',
      path: '/api/v1/admin/webhooks/{id}/ping',
      allowed: ['ADMIN'],
      request: async (as) => ({
        url: `/api/v1/admin/webhooks/${(await webhook()).id}/ping`,
        headers: auth(as),
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver',
      allowed: ['ADMIN'],
      request: async (as) => {
        const { webhookId, deliveryId } = await webhookDelivery();
        return {
          url: `/api/v1/admin/webhooks/${webhookId}/deliveries/${deliveryId}/redeliver`,
          headers: auth(as),
        };
      },
    },
  ];
  /** Routes outside the request/response matrix, each tested elsewhere. */
  const ELSEWHERE = new Set([
    'POST /api/v1/auth/otp/verify', // needs a code from the SMS outbox: otp.test.ts
    'POST /api/v1/users/me/phone/verify', // needs a code from the SMS outbox: account-takeover.test.ts
    'GET /api/v1/events', // a stream: events.test.ts
    'GET /api/v1/track/{orderNumber}/events', // a stream: events.test.ts
    'POST /api/v1/carrier/events', // signed by the carrier, no user: carrier-events.test.ts
    'POST /api/v1/messages/unsubscribe', // a signed link, no user: messages.test.ts
    'POST /api/v1/auth/email/verify', // a mailed link, no user: account-links.test.ts
    'POST /api/v1/auth/email/confirm', // a mailed link, no user: account-links.test.ts
    'POST /api/v1/auth/password/reset', // a mailed link, no user: account-links.test.ts
  ]);

  it('has a case for every documented route', async () => {
    const doc = (await ctx.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const covered = new Set([...cases.map((c) => `${c.method} ${c.path}`), ...ELSEWHERE]);
    expect(documented.filter((route) => !covered.has(route))).toEqual([]);
    expect([...covered].filter((route) => !documented.includes(route))).toEqual([]);
  });

  for (const route of cases) {
    const name = `${route.method} ${route.path}`;
    it(`${name}: allowed for ${route.allowed.join(', ')}; 401 without a token; 403 for other roles`, async () => {
      for (const who of EVERYONE) {
        const as = who === 'ANONYMOUS' ? null : users[who];
        const options = await route.request(as);
        const res = await ctx.inject({ method: route.method, url: options.url ?? route.path, ...options });
        if (route.allowed.includes(who)) {
          expect(res.statusCode, `${name} as ${who}: ${res.body}`).toBeLessThan(300);
          continue;
        }
        const expected =
          who === 'ANONYMOUS' ? { status: 401, code: 'UNAUTHENTICATED' } : { status: 403, code: 'FORBIDDEN' };
        expect(res.statusCode, `${name} as ${who}`).toBe(expected.status);
        expect(res.json<ErrorResponse>().error.code).toBe(expected.code);
      }
    });
  }

  it("answers a customer reaching for another customer's order, media, notifications, returns and picture with 404", async () => {
    const theirs = await orderOf(other);
    const theirReturn = await returnOf({ owner: other });
    const theirDelivered = await deliveredOrder(other);
    const theirMedia = await (async () => {
      const body = multipart('a.png', PNG);
      const res = await ctx.inject({
        method: 'POST',
        url: `/api/v1/orders/${theirs.id}/media`,
        headers: { ...other.headers, ...body.headers },
        payload: body.payload,
      });
      return res.json<Media>();
    })();
    const theirNotification = await notificationOf(other);
    const theirAvatar = await avatarOf(other);
    const me = users.CUSTOMER.headers;
    const attempts: (InjectOptions & { url: string })[] = [
      { method: 'GET', url: `/api/v1/orders/${theirs.id}` },
      { method: 'GET', url: `/api/v1/orders/${theirs.orderNumber}` },
      { method: 'PATCH', url: `/api/v1/orders/${theirs.id}`, payload: { specialInstructions: 'mine now' } },
      { method: 'PATCH', url: `/api/v1/orders/${theirs.id}/status`, payload: { status: 'CANCELLED' } },
      { method: 'POST', url: `/api/v1/orders/${theirs.id}/cancel` },
      { method: 'GET', url: `/api/v1/orders/${theirs.id}/history` },
      { method: 'GET', url: `/api/v1/orders/${theirs.id}/invoice.pdf` },
      { method: 'GET', url: `/api/v1/orders/${theirs.id}/media` },
      { method: 'GET', url: `/api/v1/media/${theirMedia.id}` },
      { method: 'DELETE', url: `/api/v1/media/${theirMedia.id}` },
      { method: 'PATCH', url: `/api/v1/notifications/${theirNotification}/read` },
      { method: 'DELETE', url: `/api/v1/notifications/${theirNotification}` },
      { method: 'GET', url: theirAvatar },
      { method: 'GET', url: `/api/v1/returns/${theirReturn}` },
      { method: 'GET', url: `/api/v1/orders/${theirDelivered.id}/returns` },
      { method: 'GET', url: `/api/v1/orders/${theirDelivered.id}/refunds` },
      {
        method: 'POST',
        url: `/api/v1/orders/${theirDelivered.id}/returns`,
        payload: { items: [{ productId: theirDelivered.items[0]?.productId, quantity: 1, reason: 'mine' }] },
      },
    ];
    for (const attempt of attempts) {
      const res = await ctx.inject({ ...attempt, headers: me });
      expect(res.statusCode, `${attempt.method} ${attempt.url}`).toBe(404);
      expect(res.body).not.toContain(other.id);
    }
    const still = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${theirs.id}`,
      headers: other.headers,
    });
    expect(still.json<Order>()).toMatchObject({ status: 'PENDING', specialInstructions: null });
  });
});
