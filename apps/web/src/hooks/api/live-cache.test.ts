import { QueryClient, QueryObserver, type InfiniteData } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { LiveOrderEvent, NotificationPage, Order, OrderEvent } from '@igniflo/contract';
import { applyLiveEvent } from './live-cache.ts';
import type { PageOf } from './paged.ts';
import { keys } from './query-keys.ts';

const order = (id: string, status: Order['status']): Order =>
  ({ id, orderNumber: `N-${id}`, status, updatedAt: '2026-01-01T00:00:00.000Z', version: 1 }) as Order;

const event = (patch: Partial<LiveOrderEvent>): LiveOrderEvent => ({
  id: 100,
  orderId: 'o2',
  orderNumber: 'N-o2',
  type: 'status_changed',
  fromStatus: 'PENDING',
  toStatus: 'CONFIRMED',
  actorId: 'staff',
  note: null,
  visibility: 'customer',
  at: '2026-01-02T00:00:00.000Z',
  ...patch,
});

const page = (...items: Order[]): PageOf<Order> => ({ items, nextCursor: null });
const stale = (client: QueryClient, key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
const ids = (client: QueryClient, key: readonly unknown[]) =>
  client.getQueryData<PageOf<Order>>(key)?.items.map((o) => `${o.id}:${o.status}`);

describe('live events in the cache', () => {
  it('writes a status change into the order, the customer list and the history, once', () => {
    const client = new QueryClient();
    client.setQueryData(keys.orders.mine(), page(order('o2', 'PENDING'), order('o1', 'PENDING')));
    client.setQueryData(keys.orders.one('o2'), order('o2', 'PENDING'));
    client.setQueryData<{ items: OrderEvent[] }>(keys.orders.history('o2'), { items: [] });

    applyLiveEvent(client, event({}));
    // The version and allowed moves come from the server; the customer list is already right.
    expect(stale(client, keys.orders.one('o2'))).toBe(true);
    expect(stale(client, keys.orders.mine())).toBe(false);
    applyLiveEvent(client, event({})); // the same event again (a replay after reconnecting)

    expect(ids(client, keys.orders.mine())).toEqual(['o2:CONFIRMED', 'o1:PENDING']);
    expect(client.getQueryData<Order>(keys.orders.one('o2'))).toMatchObject({
      status: 'CONFIRMED',
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(
      client.getQueryData<{ items: OrderEvent[] }>(keys.orders.history('o2'))?.items.map((e) => e.id),
    ).toEqual([100]);
  });

  it('names who did it in a staff history, by a name it knows or by reading the history again', () => {
    const client = new QueryClient();
    const placed = { ...event({ id: 1, type: 'created', actorId: 'c1' }), actorName: 'Ada' };
    client.setQueryData<{ items: OrderEvent[] }>(keys.orders.history('o2'), { items: [placed] });
    const names = () =>
      client.getQueryData<{ items: OrderEvent[] }>(keys.orders.history('o2'))?.items.map((e) => e.actorName);

    applyLiveEvent(client, event({ id: 2, type: 'note_added', actorId: 'c1' }));
    expect(names()).toEqual(['Ada', 'Ada']);
    expect(stale(client, keys.orders.history('o2'))).toBe(false);
    applyLiveEvent(client, event({ id: 3, actorId: 'staff' }));
    expect(names()).toEqual(['Ada', 'Ada', null]);
    expect(stale(client, keys.orders.history('o2'))).toBe(true);
  });

  it('leaves an order this page just changed as the server answered it', () => {
    const client = new QueryClient();
    const answered = { ...order('o2', 'CONFIRMED'), updatedAt: '2026-01-02T00:00:00.000Z', version: 2 };
    client.setQueryData(keys.orders.one('o2'), answered);
    applyLiveEvent(client, event({}));
    expect(client.getQueryData(keys.orders.one('o2'))).toEqual(answered);
    expect(stale(client, keys.orders.one('o2'))).toBe(false);
  });

  it('moves an order between the board columns without fetching them again', () => {
    const client = new QueryClient();
    const pending = keys.orders.queue({ status: 'PENDING', q: '' });
    const confirmed = keys.orders.queue({ status: 'CONFIRMED', q: '' });
    const everything = keys.orders.queue({ status: '', q: '' });
    const search = keys.orders.queue({ status: 'CONFIRMED', q: 'N-o' });
    client.setQueryData(pending, page(order('o2', 'PENDING')));
    client.setQueryData(confirmed, page(order('o3', 'CONFIRMED'), order('o1', 'CONFIRMED')));
    client.setQueryData(everything, page(order('o3', 'CONFIRMED'), order('o2', 'PENDING')));
    client.setQueryData(search, page());

    applyLiveEvent(client, event({}));

    expect(ids(client, pending)).toEqual([]);
    expect(ids(client, confirmed)).toEqual(['o3:CONFIRMED', 'o2:CONFIRMED', 'o1:CONFIRMED']);
    expect(ids(client, everything)).toEqual(['o3:CONFIRMED', 'o2:CONFIRMED']);
    expect([pending, confirmed, everything].map((key) => stale(client, key))).toEqual([false, false, false]);
    // A search cannot know whether the order now matches: it asks the server.
    expect(stale(client, search)).toBe(true);
  });

  it('fetches a column again when the order that joins it is not in the cache', () => {
    const client = new QueryClient();
    const confirmed = keys.orders.queue({ status: 'CONFIRMED', q: '' });
    const shipped = keys.orders.queue({ status: 'SHIPPED', q: '' });
    client.setQueryData(confirmed, page(order('o1', 'CONFIRMED')));
    client.setQueryData(shipped, page());
    applyLiveEvent(client, event({ orderId: 'o9' }));
    expect(stale(client, confirmed)).toBe(true);
    expect(stale(client, shipped)).toBe(false);
  });

  it('puts the pushed notification on top of the first page, counted unread, once', () => {
    const client = new QueryClient();
    client.setQueryData<InfiniteData<NotificationPage>>(keys.notifications(), {
      pages: [{ items: [], nextCursor: null, unreadCount: 2 }],
      pageParams: [''],
    });
    const notification = {
      id: 'n1',
      orderId: 'o2',
      eventId: 100,
      webhookId: null,
      title: 'Order N-o2 is confirmed',
      body: null,
      read: false,
      createdAt: '2026-01-02T00:00:00.000Z',
    };
    applyLiveEvent(client, event({ notification }));
    applyLiveEvent(client, event({ notification }));
    const first = client.getQueryData<InfiniteData<NotificationPage>>(keys.notifications())?.pages[0];
    expect(first?.items.map((n) => n.id)).toEqual(['n1']);
    expect(first?.unreadCount).toBe(3);
    expect(stale(client, keys.notifications())).toBe(false);
  });

  it('fetches only what the event cannot say: a new order, new files', () => {
    const client = new QueryClient();
    const cached = [keys.orders.mine(), keys.orders.one('o2'), keys.orders.media('o2'), keys.orders.list({})];
    for (const key of cached) client.setQueryData(key, page());

    applyLiveEvent(
      client,
      event({ type: 'note_added', fromStatus: null, toStatus: null, visibility: 'internal' }),
    );
    expect(cached.map((key) => stale(client, key))).toEqual([false, false, false, false]);

    applyLiveEvent(client, event({ id: 101, type: 'media_added', fromStatus: null, toStatus: null }));
    expect(cached.map((key) => stale(client, key))).toEqual([false, false, true, false]);

    // Delivered: the shop's photos become the customer's to see; an earlier move shows none.
    const files = keys.orders.media('o2');
    for (const [toStatus, fetched] of [
      ['SHIPPED', false],
      ['DELIVERED', true],
    ] as const) {
      client.setQueryData(files, page());
      applyLiveEvent(
        client,
        event({ id: toStatus === 'SHIPPED' ? 103 : 104, fromStatus: 'IN_PROGRESS', toStatus }),
      );
      expect(stale(client, files), toStatus).toBe(fetched);
    }

    applyLiveEvent(
      client,
      event({ id: 102, orderId: 'o5', type: 'created', fromStatus: null, toStatus: 'PENDING' }),
    );
    expect(stale(client, keys.orders.mine())).toBe(true);
    expect(stale(client, keys.orders.list({}))).toBe(true);
  });

  it('fetches the returns and the refunds again on a return or refund, and only then', () => {
    const client = new QueryClient();
    const cached = [keys.returns.list({ status: '' }), keys.returns.ofOrder('o2'), keys.orders.refunds('o2')];
    const reset = () => {
      for (const key of cached) client.setQueryData(key, { items: [] });
    };
    reset();
    applyLiveEvent(client, event({}));
    expect(cached.map((key) => stale(client, key))).toEqual([false, false, false]);
    for (const type of ['return_requested', 'return_updated', 'refund_recorded'] as const) {
      reset();
      applyLiveEvent(client, event({ id: 110, type, fromStatus: null, toStatus: null }));
      expect(
        cached.map((key) => stale(client, key)),
        type,
      ).toEqual([true, true, true]);
    }
  });

  it('does not lose an event that arrives while the history is loading for the first time', async () => {
    const client = new QueryClient();
    const answers: ((items: OrderEvent[]) => void)[] = [];
    // The order page's history, mounted: its first fetch reads the history before the move commits.
    const history = new QueryObserver(client, {
      queryKey: keys.orders.history('o2'),
      queryFn: () =>
        new Promise<{ items: OrderEvent[] }>((resolve) => answers.push((items) => resolve({ items }))),
    });
    const unsubscribe = history.subscribe(() => undefined);
    await vi.waitFor(() => expect(answers).toHaveLength(1));

    const moved = event({ id: 101, toStatus: 'IN_PROGRESS' });
    applyLiveEvent(client, moved);
    answers[0]!([]);
    // The stale first answer is dropped and the history read again, now with the move.
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1]!([moved]);
    await vi.waitFor(() => expect(history.getCurrentResult().data?.items.map((e) => e.id)).toEqual([101]));
    unsubscribe();
  });
});
