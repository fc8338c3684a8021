import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectEventStream,
  type EventStream,
  type LiveOrderEvent,
  type NotificationPage,
  type StreamMessage,
  type TrackEvent,
} from '@igniflo/contract';
import { createTestContext, dialects, type TestContext, type TestUser } from '../../../test/context.ts';
import { transaction } from '../../platform/db/transaction.ts';

const logged = (order: { id: string; customerId: string; orderNumber: string }) => ({
  id: order.id,
  customer_id: order.customerId,
  order_number: order.orderNumber,
});

/** A stream client that records what it receives. */
function listen(url: string, headers: Record<string, string> = {}, lastEventId: string | null = null) {
  const messages: StreamMessage[] = [];
  const stream: EventStream = connectEventStream({
    url,
    headers: () => headers,
    lastEventId,
    onMessage: (m) => messages.push(m),
    minDelayMs: 50,
    maxDelayMs: 200,
  });
  return { messages, stream, data: <T>() => messages.map((m) => JSON.parse(m.data) as T) };
}

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(dialects)('live order events on %s', (dialect) => {
  let ctx: TestContext;
  let base: string;
  let staff: TestUser;
  const open: EventStream[] = [];

  beforeAll(async () => {
    ctx = await createTestContext(dialect, {}, { live: { heartbeatMs: 200 } });
    base = await ctx.listen();
    staff = await ctx.newUser('STAFF');
  });
  afterAll(async () => {
    open.forEach((s) => s.close());
    await ctx.close();
  });
  const track = (l: ReturnType<typeof listen>) => {
    open.push(l.stream);
    return l;
  };
  const streamsOpen = (n: number) => until(() => ctx.app.feed.subscriberCount >= n, `${n} subscribers`);
  /** Waits until `n` more streams than now are subscribed. */
  const moreStreams = (n: number) => {
    const target = ctx.app.feed.subscriberCount + n;
    return () => streamsOpen(target);
  };

  it('delivers a status move to its customer, to staff and to a public tracker, and nothing to another customer', async () => {
    const [alice, bob] = await Promise.all([ctx.newUser(), ctx.newUser()]);
    const product = await ctx.newProduct({ stock: 50 });
    const aliceOrder = await ctx.placeOrder(alice, [{ productId: product.id, quantity: 1 }]);
    const opened = moreStreams(4);
    const aliceStream = track(listen(`${base}/api/v1/events`, alice.headers));
    const bobStream = track(listen(`${base}/api/v1/events`, bob.headers));
    const staffStream = track(listen(`${base}/api/v1/events`, staff.headers));
    const tracker = track(listen(`${base}/api/v1/track/${aliceOrder.orderNumber}/events`));
    await opened();

    // Interleave both customers' orders and changes.
    const bobOrder = await ctx.placeOrder(bob, [{ productId: product.id, quantity: 1 }]);
    await ctx.moveOrder(staff, aliceOrder.id, 'CONFIRMED');
    await ctx.moveOrder(staff, bobOrder.id, 'CONFIRMED');
    await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${aliceOrder.id}/notes`,
      headers: staff.headers,
      payload: { body: 'internal only', visibility: 'internal' },
    });
    await ctx.moveOrder(staff, aliceOrder.id, 'IN_PROGRESS');

    await until(
      () => aliceStream.messages.length >= 2 && tracker.messages.length >= 2,
      'alice and tracker events',
    );
    await until(() => staffStream.messages.length >= 5, 'staff events');
    await until(() => bobStream.messages.length >= 2, 'bob events');

    const aliceEvents = aliceStream.data<LiveOrderEvent>();
    expect(aliceEvents.map((e) => [e.orderId, e.toStatus])).toEqual([
      [aliceOrder.id, 'CONFIRMED'],
      [aliceOrder.id, 'IN_PROGRESS'],
    ]);
    expect(aliceEvents.every((e) => e.notification?.title.includes(aliceOrder.orderNumber))).toBe(true);
    expect(bobStream.data<LiveOrderEvent>().every((e) => e.orderId === bobOrder.id)).toBe(true);
    expect(bobStream.messages.map((m) => m.data).join()).not.toContain(aliceOrder.id);
    expect(staffStream.data<LiveOrderEvent>().map((e) => e.type)).toEqual([
      'created',
      'status_changed',
      'status_changed',
      'note_added',
      'status_changed',
    ]);
    expect(tracker.messages.map((m) => m.event)).toEqual(['status', 'status']);
    expect(tracker.data<TrackEvent>().map((e) => e.status)).toEqual(['CONFIRMED', 'IN_PROGRESS']);
    expect(tracker.messages.map((m) => m.data).join()).not.toMatch(/internal only|customerId|@/);
    // Ids are the order event ids, strictly increasing.
    const ids = staffStream.messages.map((m) => Number(m.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('wakes a public tracker for each package that leaves or has news, without a status change and without personal data', async () => {
    const customer = await ctx.newUser();
    const product = await ctx.newProduct({ stock: 10 });
    const order = await ctx.placeOrder(customer, [{ productId: product.id, quantity: 2 }]);
    await ctx.moveOrder(staff, order.id, 'CONFIRMED', 'IN_PROGRESS');
    const opened = moreStreams(1);
    const tracker = track(listen(`${base}/api/v1/track/${order.orderNumber}/events`));
    await opened();

    const shipped = await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/shipments`,
      headers: staff.headers,
      payload: {
        items: [{ productId: product.id, quantity: 1 }],
        carrier: 'UPS',
        trackingNumber: '1ZLIVE001',
      },
    });
    expect(shipped.statusCode).toBe(201);
    const shipmentId = shipped.json<{ id: string }>().id;
    await until(() => tracker.messages.length >= 2, 'the package and the partial shipment');
    // No status moves here: the package is out for delivery while the order stays PARTIALLY_SHIPPED.
    const update = await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/shipments/${shipmentId}/events`,
      headers: staff.headers,
      payload: { status: 'OUT_FOR_DELIVERY', location: 'Depot 4' },
    });
    expect(update.statusCode).toBe(200);
    await until(() => tracker.messages.length >= 3, 'the package update');

    expect(tracker.messages.map((m) => m.event)).toEqual(['package', 'status', 'package']);
    expect(tracker.data<TrackEvent>()[1]?.status).toBe('PARTIALLY_SHIPPED');
    const frames = tracker.data<{ orderNumber: string }>();
    expect(frames.every((f) => f.orderNumber === order.orderNumber)).toBe(true);
    expect(tracker.messages.map((m) => m.data).join()).not.toMatch(/Depot|UPS|1ZLIVE|customerId|note|@/);
  });

  it('replays exactly the missed events after a reconnect with Last-Event-ID, also across a restart', async () => {
    const customer = await ctx.newUser();
    const order = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    const opened = moreStreams(1);
    const first = listen(`${base}/api/v1/events`, customer.headers);
    await opened();
    await ctx.moveOrder(staff, order.id, 'CONFIRMED');
    await until(() => first.messages.length === 1, 'first event');
    first.stream.close();
    const lastSeen = first.messages[0]!.id;

    await ctx.moveOrder(staff, order.id, 'ON_HOLD', 'CONFIRMED', 'IN_PROGRESS');
    const resumed = track(listen(`${base}/api/v1/events`, customer.headers, lastSeen));
    await until(() => resumed.messages.length >= 3, 'three missed events');
    await new Promise((r) => setTimeout(r, 200));
    expect(resumed.data<LiveOrderEvent>().map((e) => e.toStatus)).toEqual([
      'ON_HOLD',
      'CONFIRMED',
      'IN_PROGRESS',
    ]);

    // Across a restart: the stream drops, the client reconnects by itself and resumes.
    const afterRestartFrom = resumed.stream.lastEventId;
    resumed.stream.close();
    await ctx.restart();
    base = await ctx.listen();
    await ctx.moveOrder(staff, order.id, 'SHIPPED');
    const again = track(listen(`${base}/api/v1/events`, customer.headers, afterRestartFrom));
    await until(() => again.messages.length >= 2, 'event after restart');
    await ctx.moveOrder(staff, order.id, 'DELIVERED');
    await until(() => again.messages.length >= 4, 'live event after restart');
    // Each move carries its package's event first: shipped as one package, then delivered (SPEC §11).
    expect(again.data<LiveOrderEvent>().map((e) => e.toStatus ?? e.type)).toEqual([
      'shipment_created',
      'SHIPPED',
      'shipment_updated',
      'DELIVERED',
    ]);
  });

  it('never skips an event whose transaction commits after a later one', async () => {
    const customer = await ctx.newUser();
    const product = await ctx.newProduct({ stock: 10 });
    const slow = await ctx.placeOrder(customer, [{ productId: product.id, quantity: 1 }]);
    const fast = await ctx.placeOrder(customer, [{ productId: product.id, quantity: 1 }]);
    const opened = moreStreams(1);
    const watcher = track(listen(`${base}/api/v1/events`, staff.headers));
    await opened();

    // A slow order change takes its event id first and holds its transaction open…
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let slowEventId = 0;
    const slowChange = transaction(ctx.db, async (tx) => {
      const [event] = await ctx.app.orderLog.append(tx, logged(slow), [
        {
          type: 'note_added',
          from_status: null,
          to_status: null,
          actor_id: staff.id,
          note: 'slow',
          visibility: 'internal',
          at: new Date().toISOString(),
        },
      ]);
      slowEventId = event!.id;
      await held;
    });
    await until(() => slowEventId > 0, 'the slow event id');
    // …while a quick move of another order starts after it and would commit first.
    const quickMove = ctx.moveOrder(staff, fast.id, 'CONFIRMED');
    await new Promise((r) => setTimeout(r, 300));
    release();
    await slowChange;
    await quickMove;

    await until(() => watcher.messages.length >= 2, 'both events', 5000);
    const got = watcher.data<LiveOrderEvent>();
    expect(got.map((e) => e.id)).toEqual([slowEventId, slowEventId + 1]);
    expect(got.map((e) => e.type)).toEqual(['note_added', 'status_changed']);
  });

  it('accepts a single-use stream ticket instead of a header, and refuses it the second time', async () => {
    const customer = await ctx.newUser();
    const res = await ctx.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: customer.headers });
    expect(res.statusCode).toBe(201);
    const { ticket } = res.json<{ ticket: string }>();
    const controller = new AbortController();
    const ok = await fetch(`${base}/api/v1/events?ticket=${ticket}`, { signal: controller.signal });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/event-stream');
    controller.abort();
    const reused = await fetch(`${base}/api/v1/events?ticket=${ticket}`);
    expect(reused.status).toBe(401);
    expect((await fetch(`${base}/api/v1/events`)).status).toBe(401);
    expect((await fetch(`${base}/api/v1/track/ZZZZZZZZZZ/events`)).status).toBe(404);
  });

  it('sends heartbeats while nothing happens', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/v1/events`, { headers: staff.headers, signal: controller.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const deadline = Date.now() + 3000;
    while (!text.includes(': ping') && Date.now() < deadline) text += (await reader.read()).value ?? '';
    controller.abort();
    expect(text).toContain(': ping');
  });

  it('drops a client that does not read instead of buffering without bound', async () => {
    const customer = await ctx.newUser();
    const order = await ctx.placeOrder(customer, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    socket.write(
      `GET /api/v1/events HTTP/1.1\r\nhost: localhost\r\nauthorization: ${staff.headers.authorization}\r\n\r\n`,
    );
    await new Promise<void>((resolve) => {
      let head = '';
      const onData = (chunk: Buffer) => {
        head += chunk.toString();
        if (!head.includes(': connected')) return;
        socket.off('data', onData);
        socket.pause();
        resolve();
      };
      socket.on('data', onData);
    });
    const droppedBefore = ctx.app.feed.droppedCount;
    socket.on('error', () => undefined);
    let closedByServer = false;
    const ended = new Promise<void>((resolve) =>
      socket.on('close', () => {
        closedByServer = true;
        resolve();
      }),
    );

    // Kernel socket buffers absorb a few MB first; after that the server's own buffer fills and it
    // must give up on this reader (256 KB limit) rather than queue the rest in memory.
    const note = 'x'.repeat(5000);
    for (let batch = 0; batch < 400 && ctx.app.feed.droppedCount === droppedBefore; batch++) {
      // 40 events of 5 KB per transaction: 200 KB at a time, which readers that keep up absorb.
      await transaction(ctx.db, async (tx) => {
        await ctx.app.orderLog.append(
          tx,
          logged(order),
          Array.from({ length: 40 }, () => ({
            type: 'note_added' as const,
            from_status: null,
            to_status: null,
            actor_id: staff.id,
            note,
            visibility: 'internal' as const,
            at: new Date().toISOString(),
          })),
        );
      });
      ctx.app.feed.wake();
      await new Promise((r) => setTimeout(r, 20));
    }
    await until(() => ctx.app.feed.droppedCount > droppedBefore, 'slow subscriber dropped', 15_000);
    // The client, once it reads again, finds the connection closed by the server.
    socket.resume();
    await Promise.race([
      ended,
      until(() => closedByServer, 'the server to close the slow connection', 10_000),
    ]);
    expect(closedByServer).toBe(true);
  }, 60_000);

  it('creates a notification per customer-visible change, pushed on the stream and managed through the API', async () => {
    const [alice, bob] = await Promise.all([ctx.newUser(), ctx.newUser()]);
    const order = await ctx.placeOrder(alice, [{ productId: (await ctx.newProduct()).id, quantity: 1 }]);
    await ctx.moveOrder(staff, order.id, 'CONFIRMED');
    await ctx.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/notes`,
      headers: staff.headers,
      payload: { body: 'internal', visibility: 'internal' },
    });
    const list = async (user: TestUser, query = '') =>
      (
        await ctx.inject({ method: 'GET', url: `/api/v1/notifications${query}`, headers: user.headers })
      ).json<NotificationPage>();
    const page = await list(alice);
    expect(page.items.map((n) => n.title)).toEqual([
      `Order ${order.orderNumber} is confirmed`,
      `Order ${order.orderNumber} has been received`,
    ]);
    expect(page.unreadCount).toBe(2);
    expect((await list(bob)).items).toEqual([]);

    const [newest] = page.items;
    const bobReads = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/notifications/${newest!.id}/read`,
      headers: bob.headers,
    });
    expect(bobReads.statusCode).toBe(404);
    const read = await ctx.inject({
      method: 'PATCH',
      url: `/api/v1/notifications/${newest!.id}/read`,
      headers: alice.headers,
    });
    expect(read.json<{ read: boolean }>().read).toBe(true);
    expect((await list(alice, '?unread=true')).items).toHaveLength(1);
    const all = await ctx.inject({
      method: 'POST',
      url: '/api/v1/notifications/read-all',
      headers: alice.headers,
    });
    expect(all.json()).toEqual({ updated: 1 });
    expect(
      (
        await ctx.inject({
          method: 'DELETE',
          url: `/api/v1/notifications/${newest!.id}`,
          headers: bob.headers,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await ctx.inject({
          method: 'DELETE',
          url: `/api/v1/notifications/${newest!.id}`,
          headers: alice.headers,
        })
      ).statusCode,
    ).toBe(204);
    expect((await list(alice)).items).toHaveLength(1);
  });

  it('ends open streams when the server closes', async () => {
    const other = await createTestContext(dialect);
    const url = await other.listen();
    const user = await other.newUser('STAFF');
    const res = await fetch(`${url}/api/v1/events`, { headers: user.headers });
    const reader = res.body!.getReader();
    await reader.read();
    const closing = other.close();
    let done = false;
    while (!done) done = (await reader.read()).done;
    await closing;
    expect(done).toBe(true);
  });
});
