import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ORDER_STATUSES,
  type ErrorResponse,
  type Order,
  type OrderEvent,
  type Tracking,
} from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { workflowMoves } from './order-workflow.ts';
import { PATH_TO } from '../seed/demo-orders.ts';
import { findMatchingOrders, updateOrderAtVersion } from './orders.repository.ts';

const ADDRESS = {
  name: 'Ada Lovelace',
  line1: '1 Analytical St',
  city: 'London',
  postalCode: 'N1 1AA',
  country: 'GB',
};

describe.each(dialects)('orders on %s', (dialect) => {
  let ctx: TestContext;
  let staff: TestUser;
  let admin: TestUser;
  let customer: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    [staff, admin, customer] = await Promise.all([
      ctx.newUser('STAFF'),
      ctx.newUser('ADMIN'),
      ctx.newUser('CUSTOMER'),
    ]);
  });
  afterAll(() => ctx.close());

  const post = (user: TestUser, payload: object, headers: Record<string, string> = {}) =>
    ctx.inject({ method: 'POST', url: '/api/v1/orders', headers: { ...user.headers, ...headers }, payload });
  const move = (user: TestUser, id: string, status: string) =>
    ctx.inject({
      method: 'PATCH',
      url: `/api/v1/orders/${id}/status`,
      headers: user.headers,
      payload: { status },
    });

  it('places an order with a snapshot of the items, a 10-character number and a created event', async () => {
    const product = await ctx.newProduct({ priceCents: 2500, stock: 5 });
    const res = await post(customer, {
      items: [{ productId: product.id, quantity: 2, options: { size: 'M' } }],
      shippingAddress: ADDRESS,
      specialInstructions: 'Leave at the door',
    });
    expect(res.statusCode).toBe(201);
    const order = res.json<Order>();
    expect(order).toMatchObject({
      status: 'PENDING',
      totalCents: 5000,
      currency: 'USD',
      customerId: customer.id,
      shippingAddress: ADDRESS,
      allowedTransitions: ['CANCELLED'],
      items: [
        {
          productId: product.id,
          sku: product.sku,
          name: product.name,
          unitPriceCents: 2500,
          quantity: 2,
          options: { size: 'M' },
        },
      ],
    });
    expect(order.orderNumber).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    const byNumber = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${order.orderNumber}`,
      headers: customer.headers,
    });
    expect(byNumber.json<Order>().id).toBe(order.id);
    const history = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${order.id}/history`,
      headers: customer.headers,
    });
    expect(history.json<{ items: OrderEvent[] }>().items).toMatchObject([
      { type: 'created', toStatus: 'PENDING' },
    ]);
  });

  it('takes a custom request with no items, and refuses an order with neither items nor a title', async () => {
    const custom = await post(customer, { title: 'A hand-painted sign', description: 'Blue, 60 × 40 cm' });
    expect(custom.statusCode).toBe(201);
    expect(custom.json<Order>()).toMatchObject({ items: [], totalCents: 0, title: 'A hand-painted sign' });
    const empty = await post(customer, { items: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<ErrorResponse>().error.code).toBe('VALIDATION_ERROR');
  });

  it('lets exactly one of two concurrent moves of the same order win', async () => {
    // Without a version both staff ask for the same move; with the version they saw, any two moves.
    for (const [first, second] of [
      [{ status: 'CONFIRMED' }, { status: 'CONFIRMED' }],
      [
        { status: 'CONFIRMED', version: 1 },
        { status: 'ON_HOLD', version: 1 },
      ],
    ]) {
      const order = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
      const [a, b] = await Promise.all(
        [first, second].map((payload, i) =>
          ctx.inject({
            method: 'PATCH',
            url: `/api/v1/orders/${order.id}/status`,
            headers: [staff, admin][i]!.headers,
            payload,
          }),
        ),
      );
      expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 409]);
      const history = await ctx.inject({
        method: 'GET',
        url: `/api/v1/orders/${order.id}/history`,
        headers: staff.headers,
      });
      expect(
        history.json<{ items: OrderEvent[] }>().items.filter((e) => e.type === 'status_changed'),
      ).toHaveLength(1);
    }
  });

  it('answers every invalid transition with 409 INVALID_TRANSITION and changes nothing', async () => {
    const product = await ctx.newProduct({ stock: 100 });
    for (const from of ORDER_STATUSES) {
      const order = await ctx.placeOrder(customer, [{ productId: product.id, quantity: 2 }]);
      if (from === 'PARTIALLY_SHIPPED') {
        // Reached only through a shipment of part of the order.
        await ctx.moveOrder(admin, order.id, 'CONFIRMED', 'IN_PROGRESS');
        const shipped = await ctx.inject({
          method: 'POST',
          url: `/api/v1/orders/${order.id}/shipments`,
          headers: admin.headers,
          payload: { items: [{ productId: product.id, quantity: 1 }], carrier: 'UPS', trackingNumber: '1Z1' },
        });
        expect(shipped.statusCode).toBe(201);
      } else if (PATH_TO[from].length > 0) await ctx.moveOrder(admin, order.id, ...PATH_TO[from]);
      const heldFrom = from === 'ON_HOLD' ? 'CONFIRMED' : null;
      const invalid = ORDER_STATUSES.filter((to) => !workflowMoves({ status: from, heldFrom }).includes(to));
      for (const to of invalid) {
        const res = await move(admin, order.id, to);
        expect(res.statusCode, `${from} → ${to}`).toBe(409);
        expect(res.json<ErrorResponse>().error.code).toBe('INVALID_TRANSITION');
      }
      const after = await ctx.inject({
        method: 'GET',
        url: `/api/v1/orders/${order.id}`,
        headers: admin.headers,
      });
      expect(after.json<Order>().status).toBe(from);
    }
  });

  it('resumes an order from hold to where it was, and records timestamps of the end states', async () => {
    const order = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    const held = await ctx.moveOrder(staff, order.id, 'CONFIRMED', 'ON_HOLD');
    expect(held).toMatchObject({
      status: 'ON_HOLD',
      heldFromStatus: 'CONFIRMED',
      allowedTransitions: ['CONFIRMED', 'CANCELLED'],
    });
    const done = await ctx.moveOrder(staff, order.id, 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED');
    expect(done.completedAt).not.toBeNull();
    expect(done.version).toBe(held.version + 3);
  });

  it('lets a customer cancel only while PENDING or CONFIRMED', async () => {
    const order = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    await ctx.moveOrder(staff, order.id, 'CONFIRMED', 'IN_PROGRESS');
    const res = await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/cancel`,
      headers: customer.headers,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorResponse>().error.code).toBe('INVALID_TRANSITION');
    const fresh = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    expect((await move(customer, fresh.id, 'CONFIRMED')).statusCode).toBe(403);
    expect((await move(customer, fresh.id, 'CANCELLED')).statusCode).toBe(200);
  });

  it('tells staff who the customer is and how to reach them, and nobody else', async () => {
    const order = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    const ask = (user: TestUser, id = order.id) =>
      ctx.inject({ method: 'GET', url: `/api/v1/orders/${id}/customer`, headers: user.headers });
    const answer = await ask(staff);
    expect(answer.statusCode).toBe(200);
    const who = answer.json<{ id: string; name: string; email: string | null; phone: string | null }>();
    expect(who).toMatchObject({ id: customer.id, email: customer.email, phone: null });
    expect(who.name).toMatch(/^CUSTOMER/);
    expect((await ask(customer)).statusCode).toBe(403);
    expect((await ask(staff, '01890000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('names the customer on every order, and who did what in the history staff read', async () => {
    const order = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    const read = async <T>(user: TestUser, url: string) =>
      (await ctx.inject({ method: 'GET', url: `/api/v1${url}`, headers: user.headers })).json<T>();
    const me = await read<{ name: string }>(customer, '/users/me');
    const staffName = (await read<{ name: string }>(staff, '/users/me')).name;
    expect(order.customerName).toBe(me.name);
    const listed = await read<{ items: Order[] }>(staff, `/orders?q=${order.orderNumber}`);
    expect(listed.items.map((o) => o.customerName)).toEqual([me.name]);

    await ctx.moveOrder(staff, order.id, 'CONFIRMED');
    const history = (user: TestUser) =>
      read<{ items: OrderEvent[] }>(user, `/orders/${order.id}/history`).then((h) =>
        h.items.map((e) => [e.type, e.actorName]),
      );
    expect(await history(staff)).toEqual([
      ['created', me.name],
      ['status_changed', staffName],
    ]);
    expect(await history(customer)).toEqual([
      ['created', undefined],
      ['status_changed', undefined],
    ]);
  });

  it('applies edits by role: customer text while PENDING, staff the shipment fields', async () => {
    const order = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    const patch = (user: TestUser, payload: object) =>
      ctx.inject({ method: 'PATCH', url: `/api/v1/orders/${order.id}`, headers: user.headers, payload });

    expect(
      (await patch(customer, { specialInstructions: 'Ring twice' })).json<Order>().specialInstructions,
    ).toBe('Ring twice');
    expect((await patch(customer, { carrier: 'DHL' })).statusCode).toBe(403);
    expect((await patch(staff, { title: 'Mine now' })).statusCode).toBe(403);

    const shipped = await patch(staff, {
      carrier: 'DHL',
      trackingNumber: 'JD0002',
      estimatedDelivery: '2026-12-01',
      assignedStaffId: staff.id,
      paymentReceived: true,
    });
    expect(shipped.json<Order>()).toMatchObject({
      carrier: 'DHL',
      assignedStaffId: staff.id,
      paymentReceived: true,
    });
    expect((await patch(staff, { assignedStaffId: customer.id })).statusCode).toBe(400);

    await ctx.moveOrder(staff, order.id, 'CONFIRMED');
    expect((await patch(customer, { title: 'Too late' })).statusCode).toBe(409);

    const customerView = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${order.id}/history`,
      headers: customer.headers,
    });
    const staffView = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${order.id}/history`,
      headers: staff.headers,
    });
    const types = (res: typeof customerView) => res.json<{ items: OrderEvent[] }>().items.map((e) => e.type);
    expect(types(staffView)).toContain('assigned');
    expect(types(customerView)).not.toContain('assigned');
    expect(types(customerView)).toContain('payment_received');
    // What changed, in the customer's words, not the API's field names.
    expect(
      customerView
        .json<{ items: OrderEvent[] }>()
        .items.filter((e) => e.type === 'updated')
        .map((e) => e.note),
    ).toEqual([
      'Updated the special instructions',
      'Updated the carrier, the tracking number and the delivery estimate',
    ]);
  });

  it('keeps internal notes from the customer', async () => {
    const real = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    for (const visibility of ['internal', 'customer']) {
      const res = await ctx.inject({
        method: 'POST',
        url: `/api/v1/orders/${real.id}/notes`,
        headers: staff.headers,
        payload: { body: `${visibility} note`, visibility },
      });
      expect(res.statusCode).toBe(201);
    }
    const seen = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders/${real.id}/history`,
      headers: customer.headers,
    });
    const notes = seen
      .json<{ items: OrderEvent[] }>()
      .items.filter((e) => e.type === 'note_added')
      .map((e) => e.note);
    expect(notes).toEqual(['customer note']);
  });

  it('lists orders with filters and keyset pagination; customers see only their own', async () => {
    const [alice, bob] = await Promise.all([ctx.newUser(), ctx.newUser()]);
    const product = await ctx.newProduct({ stock: 100 });
    for (let i = 0; i < 5; i++) await ctx.placeOrder(alice, [{ productId: product.id, quantity: 1 }]);
    const bobs = await ctx.placeOrder(bob, [{ productId: product.id, quantity: 1 }]);
    await ctx.moveOrder(staff, bobs.id, 'CONFIRMED');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await ctx.inject({
        method: 'GET',
        url: `/api/v1/orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        headers: alice.headers,
      });
      const page = res.json<{ items: Order[]; nextCursor: string | null }>();
      seen.push(...page.items.map((o) => o.customerId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array(5).fill(alice.id));

    const confirmed = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders?status=CONFIRMED&customerId=${bob.id}`,
      headers: staff.headers,
    });
    expect(confirmed.json<{ items: Order[] }>().items.map((o) => o.id)).toEqual([bobs.id]);
    const byNumber = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders?q=${bobs.orderNumber.toLowerCase()}`,
      headers: admin.headers,
    });
    expect(byNumber.json<{ items: Order[] }>().items.map((o) => o.id)).toEqual([bobs.id]);
    const sneaky = await ctx.inject({
      method: 'GET',
      url: `/api/v1/orders?customerId=${bob.id}`,
      headers: alice.headers,
    });
    expect(sneaky.json<{ items: Order[] }>().items.every((o) => o.customerId === alice.id)).toBe(true);
  });

  it('filters by search, time and assignee, each request with its own values', async () => {
    const buyer = await ctx.newUser();
    const product = await ctx.newProduct({ stock: 100 });
    const first = await ctx.placeOrder(buyer, [{ productId: product.id, quantity: 1 }]);
    await new Promise((resolve) => setTimeout(resolve, 5)); // a later createdAt for the second
    const second = await ctx.placeOrder(buyer, [{ productId: product.id, quantity: 1 }]);
    const list = async (query: string) => {
      const res = await ctx.inject({
        method: 'GET',
        url: `/api/v1/orders?customerId=${buyer.id}&${query}`,
        headers: admin.headers,
      });
      expect(res.statusCode).toBe(200);
      return res.json<{ items: Order[] }>().items.map((o) => o.id);
    };
    expect(await list(`q=${first.orderNumber}`)).toEqual([first.id]);
    expect(await list(`q=${second.orderNumber.toLowerCase()}`)).toEqual([second.id]);
    expect(await list('q=%25')).toEqual([]); // "%" is text to find, not a wildcard
    expect(await list('q=')).toEqual([second.id, first.id]);
    expect(await list(`from=${encodeURIComponent(second.createdAt)}`)).toEqual([second.id]);
    expect(await list(`to=${encodeURIComponent(second.createdAt)}`)).toEqual([first.id]);
    const assigned = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/orders/${second.id}`,
      headers: admin.headers,
      payload: { assignedStaffId: staff.id },
    });
    expect(assigned.statusCode).toBe(200);
    expect(await list(`assignedTo=${staff.id}`)).toEqual([second.id]);
    expect(await list(`assignedTo=${admin.id}`)).toEqual([]);
  });

  it('lists every order as it is now, each viewer with their own moves, however often it was listed', async () => {
    const buyer = await ctx.newUser();
    const product = await ctx.newProduct({ stock: 100 });
    const res = await post(buyer, {
      items: [{ productId: product.id, quantity: 2, options: { size: 'M' } }],
      shippingAddress: ADDRESS,
      specialInstructions: 'ring twice',
    });
    expect(res.statusCode).toBe(201);
    const placed = res.json<Order>();
    await ctx.placeOrder(buyer, [{ productId: product.id, quantity: 1 }]);

    const list = async (user: TestUser) => {
      const page = await ctx.inject({
        method: 'GET',
        url: `/api/v1/orders?customerId=${buyer.id}`,
        headers: user.headers,
      });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^application\/json/);
      return page.json<{ items: Order[]; nextCursor: string | null }>();
    };
    const one = async (user: TestUser, id: string) =>
      (await ctx.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: user.headers })).json<Order>();

    // Listed twice (the second from what the first rendered), each order is what its own route answers.
    for (const user of [buyer, staff, admin, buyer, staff, admin]) {
      const page = await list(user);
      expect(page.nextCursor).toBeNull();
      expect(page.items).toEqual(await Promise.all(page.items.map((o) => one(user, o.id))));
    }
    const mine = (await list(buyer)).items.find((o) => o.id === placed.id);
    const theirs = (await list(staff)).items.find((o) => o.id === placed.id);
    expect(mine?.allowedTransitions).toEqual(['CANCELLED']);
    expect(theirs?.allowedTransitions).toContain('CONFIRMED');

    await ctx.moveOrder(staff, placed.id, 'CONFIRMED');
    const moved = (await list(buyer)).items.find((o) => o.id === placed.id);
    expect(moved).toMatchObject({ status: 'CONFIRMED', version: 2 });

    // A change this process never saw (as another instance would make it) shows in the next list.
    await updateOrderAtVersion(ctx.db, placed.id, 2, { carrier: 'Elsewhere Post' });
    expect((await list(staff)).items.find((o) => o.id === placed.id)).toMatchObject({
      carrier: 'Elsewhere Post',
      version: 3,
    });
    expect((await list(buyer)).items.find((o) => o.id === placed.id)?.carrier).toBe('Elsewhere Post');

    // Staff may not cancel an order in progress, admins may: each role keeps its own rendering.
    await ctx.moveOrder(staff, placed.id, 'IN_PROGRESS');
    for (let i = 0; i < 2; i++) {
      expect((await list(staff)).items.find((o) => o.id === placed.id)?.allowedTransitions).not.toContain(
        'CANCELLED',
      );
      expect((await list(admin)).items.find((o) => o.id === placed.id)?.allowedTransitions).toContain(
        'CANCELLED',
      );
    }
    // An order read again for a list goes through the list's filter once more: one that changed
    // between the page's two reads is left out when it no longer matches.
    const filter = { customerId: buyer.id, status: 'PENDING' as const, limit: 20 };
    expect(await findMatchingOrders(ctx.db, filter, [placed.id])).toEqual([]);
    expect((await findMatchingOrders(ctx.db, { ...filter, status: 'IN_PROGRESS' }, [placed.id])).length).toBe(
      1,
    );
  });

  it('shows the public tracking page without personal data', async () => {
    const product = await ctx.newProduct({ priceCents: 4321 });
    const order = await ctx.placeOrder(customer, [{ productId: product.id, quantity: 1 }]);
    await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/orders/${order.id}`,
      headers: customer.headers,
      payload: { shippingAddress: ADDRESS },
    });
    await ctx.moveOrder(staff, order.id, 'CONFIRMED', 'IN_PROGRESS', 'SHIPPED');
    const res = await ctx.inject({ method: 'GET', url: `/api/v1/track/${order.orderNumber}` });
    expect(res.statusCode).toBe(200);
    const tracking = res.json<Tracking>();
    expect(tracking.status).toBe('SHIPPED');
    expect(tracking.timeline.map((t) => t.status)).toEqual([
      'PENDING',
      'CONFIRMED',
      'IN_PROGRESS',
      'SHIPPED',
    ]);
    for (const secret of [ADDRESS.name, ADDRESS.line1, customer.email, customer.id, '4321', order.id]) {
      expect(res.body).not.toContain(secret);
    }
    expect((await ctx.inject({ method: 'GET', url: '/api/v1/track/ZZZZZZZZZZ' })).statusCode).toBe(404);
  });
});

describe.each(dialects)('idempotent order placement on %s', (dialect) => {
  let ctx: TestContext;
  let customer: TestUser;

  beforeAll(async () => {
    ctx = await createTestContext(dialect);
    customer = await ctx.newUser();
  });
  afterAll(() => ctx.close());

  const place = (key: string, payload: object) =>
    ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...customer.headers, 'idempotency-key': key },
      payload,
    });

  it('answers a retry with the first response, reserving stock once', async () => {
    const product = await ctx.newProduct({ stock: 10 });
    const body = { items: [{ productId: product.id, quantity: 3 }] };
    const first = await place('key-1', body);
    const retry = await place('key-1', body);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<Order>()).toEqual(first.json<Order>());
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 7, ledger: 7 });
  });

  it('refuses the same key with a different body with 422', async () => {
    const product = await ctx.newProduct({ stock: 10 });
    expect((await place('key-2', { items: [{ productId: product.id, quantity: 1 }] })).statusCode).toBe(201);
    const other = await place('key-2', { items: [{ productId: product.id, quantity: 2 }] });
    expect(other.statusCode).toBe(422);
    expect(other.json<ErrorResponse>().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 9, ledger: 9 });
  });

  it('creates one order when the same key arrives ten times at once', async () => {
    const product = await ctx.newProduct({ stock: 10 });
    const body = { items: [{ productId: product.id, quantity: 1 }] };
    const responses = await Promise.all(Array.from({ length: 10 }, () => place('key-3', body)));
    const ids = new Set(responses.filter((r) => r.statusCode === 201).map((r) => r.json<Order>().id));
    expect(ids.size).toBe(1);
    expect(responses.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true);
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 9, ledger: 9 });
  });

  it('keeps keys per user: another customer may use the same key', async () => {
    const other = await ctx.newUser();
    const product = await ctx.newProduct({ stock: 10 });
    const body = { items: [{ productId: product.id, quantity: 1 }] };
    const mine = await place('shared-key', body);
    const theirs = await ctx.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...other.headers, 'idempotency-key': 'shared-key' },
      payload: body,
    });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json<Order>().id).not.toBe(mine.json<Order>().id);
  });

  it('forgets a key after 24 hours: the same key then places a new order', async () => {
    const product = await ctx.newProduct({ stock: 10 });
    const body = { items: [{ productId: product.id, quantity: 1 }] };
    const first = await place('old-key', body);
    const aged = (hours: number) =>
      ctx.db
        .updateTable('idempotency_keys')
        .set({ created_at: new Date(Date.now() - hours * 3600_000).toISOString() })
        .where('user_id', '=', customer.id)
        .where('key', '=', 'old-key')
        .execute();
    await aged(23);
    const replay = await place('old-key', body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    await aged(25);
    const again = await place('old-key', body);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.json<Order>().id).not.toBe(first.json<Order>().id);
    // And the renewed key now replays the new order.
    expect((await place('old-key', body)).json<Order>().id).toBe(again.json<Order>().id);
    expect(await ctx.stockOf(product.id)).toEqual({ stock: 8, ledger: 8 });
  });
});

describe.each(dialects)('durability on %s', (dialect) => {
  it('keeps every order, event and stock level across a restart', async () => {
    const ctx = await createTestContext(dialect);
    try {
      const customer = await ctx.newUser();
      const staff = await ctx.newUser('STAFF');
      const product = await ctx.newProduct({ stock: 20 });
      const placed: Order[] = [];
      for (let i = 0; i < 5; i++)
        placed.push(await ctx.placeOrder(customer, [{ productId: product.id, quantity: 2 }]));
      await ctx.moveOrder(staff, placed[0]!.id, 'CONFIRMED');
      await ctx.restart();
      for (const order of placed) {
        const res = await ctx.inject({
          method: 'GET',
          url: `/api/v1/orders/${order.id}`,
          headers: customer.headers,
        });
        expect(res.statusCode).toBe(200);
        expect(res.json<Order>().orderNumber).toBe(order.orderNumber);
      }
      const first = await ctx.inject({
        method: 'GET',
        url: `/api/v1/orders/${placed[0]!.id}`,
        headers: customer.headers,
      });
      expect(first.json<Order>().status).toBe('CONFIRMED');
      expect(await ctx.stockOf(product.id)).toEqual({ stock: 10, ledger: 10 });
    } finally {
      await ctx.close();
    }
  });
});
