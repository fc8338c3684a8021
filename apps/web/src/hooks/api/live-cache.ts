/**
 * What a live order event does to the cached data: applied in place where the event says enough
 * (a status, a history entry, a notification, an order moving between board columns), fetched
 * again only where it does not (a new order, the order's version and allowed moves).
 */
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import type { LiveOrderEvent, Notification, NotificationPage, Order, OrderEvent } from '@igniflo/contract';
import type { PageOf } from './paged.ts';
import { keys } from './query-keys.ts';

type QueueFilter = { status: string; q: string };

/** After the stream (re)opens, whatever changed while it was down is fetched again. */
export function refetchAfterReconnect(client: QueryClient): void {
  void client.invalidateQueries({ queryKey: keys.orders.all() });
  void client.invalidateQueries({ queryKey: keys.returns.all() });
  void client.invalidateQueries({ queryKey: keys.notifications() });
}

/** The order as some cached query holds it, to place it in a list it newly belongs to. */
function cachedOrder(client: QueryClient, id: string): Order | undefined {
  const one = client.getQueryData<Order>(keys.orders.one(id));
  if (one) return one;
  for (const [, data] of client.getQueriesData<PageOf<Order>>({ queryKey: keys.orders.queues() })) {
    const found = data?.items.find((o) => o.id === id);
    if (found) return found;
  }
  return client.getQueryData<PageOf<Order>>(keys.orders.mine())?.items.find((o) => o.id === id);
}

/** Newest first, as the server lists them: ids are time-ordered (UUIDv7). */
const newestFirst = (a: Order, b: Order) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The board's columns: an order changing status leaves one column and joins another. */
function applyToQueues(client: QueryClient, event: LiveOrderEvent, moved: (o: Order) => Order) {
  for (const [key, page] of client.getQueriesData<PageOf<Order>>({ queryKey: keys.orders.queues() })) {
    if (!page) continue;
    const filter = key[2] as QueueFilter;
    const refetch = () => void client.invalidateQueries({ queryKey: key, exact: true });
    const present = page.items.some((o) => o.id === event.orderId);
    if (event.type !== 'status_changed' || !event.toStatus) {
      // Other changes show on the card (assignment, shipment) and may change what a search finds.
      if (present || event.type === 'created' || filter.q) refetch();
      continue;
    }
    const belongs = filter.status === '' || filter.status === event.toStatus;
    if (present) {
      client.setQueryData<PageOf<Order>>(key, {
        ...page,
        items: belongs
          ? page.items.map((o) => (o.id === event.orderId ? moved(o) : o))
          : page.items.filter((o) => o.id !== event.orderId),
      });
      continue;
    }
    const order = belongs && !filter.q ? cachedOrder(client, event.orderId) : undefined;
    if (order) {
      client.setQueryData<PageOf<Order>>(key, {
        ...page,
        items: [...page.items, moved(order)].sort(newestFirst),
      });
    } else if (belongs) refetch();
  }
}

/** A notification pushed with its event goes to the top of the first page, counted unread. */
function addNotification(client: QueryClient, notification: Notification) {
  client.setQueryData<InfiniteData<NotificationPage>>(keys.notifications(), (data) => {
    const [first, ...rest] = data?.pages ?? [];
    if (!data || !first || data.pages.some((p) => p.items.some((n) => n.id === notification.id))) return data;
    return {
      ...data,
      pages: [
        {
          ...first,
          items: [notification, ...first.items],
          unreadCount: first.unreadCount + (notification.read ? 0 : 1),
        },
        ...rest,
      ],
    };
  });
}

/** Events that change an order's returns or refunds, which their own queries hold. */
const RETURN_EVENTS = new Set<LiveOrderEvent['type']>([
  'return_requested',
  'return_updated',
  'refund_recorded',
]);

export function applyLiveEvent(client: QueryClient, event: LiveOrderEvent): void {
  // A fetch already under way may have read the orders before this change: cancel it and start
  // again, so its answer cannot overwrite (or, on a first load, leave out) what this event shows.
  // Invalidating alone is not enough: a query's first fetch is joined, not restarted.
  if (client.isFetching({ queryKey: keys.orders.all() }) > 0) {
    void client
      .cancelQueries({ queryKey: keys.orders.all(), fetchStatus: 'fetching' })
      .then(() => client.invalidateQueries({ queryKey: keys.orders.all() }));
  }
  const moved = (order: Order): Order =>
    order.id === event.orderId && event.toStatus
      ? { ...order, status: event.toStatus, updatedAt: event.at }
      : order;
  const refetch = (queryKey: QueryKey) => void client.invalidateQueries({ queryKey });
  // An order this page changed itself is cached as the server answered, at the event's time.
  const cachedAt = client.getQueryData<Order>(keys.orders.one(event.orderId))?.updatedAt;
  const oneIsCurrent = cachedAt !== undefined && cachedAt >= event.at;

  client.setQueryData<PageOf<Order>>(keys.orders.mine(), (page) =>
    page ? { ...page, items: page.items.map(moved) } : page,
  );
  client.setQueryData<Order>(keys.orders.one(event.orderId), (order) => (order ? moved(order) : order));
  const history = client.getQueryData<{ items: OrderEvent[] }>(keys.orders.history(event.orderId));
  if (history && !history.items.some((e) => e.id === event.id)) {
    // Staff histories name who did what; a live event does not, so it borrows a name already known.
    const named = history.items.some((e) => e.actorName !== undefined);
    const actorName = history.items.find((e) => e.actorId === event.actorId && e.actorName)?.actorName;
    const entry: OrderEvent = named ? { ...event, actorName: actorName ?? null } : event;
    client.setQueryData(keys.orders.history(event.orderId), { items: [...history.items, entry] });
    if (named && event.actorId && !actorName) refetch(keys.orders.history(event.orderId));
  }
  applyToQueues(client, event, moved);
  if (event.notification) addNotification(client, event.notification);

  // Not in the event: a new order's contents, the order's new version and allowed moves (a note or
  // a file changes neither), the filtered order lists, the files.
  if (event.type === 'created') refetch(keys.orders.mine());
  if (event.type !== 'note_added' && event.type !== 'media_added' && !oneIsCurrent) {
    refetch(keys.orders.one(event.orderId));
  }
  if (event.type !== 'note_added' && event.type !== 'media_added') refetch(keys.orders.lists());
  // A move to DELIVERED or COMPLETED shows the customer the shop's photos (SPEC §7).
  const delivered = event.toStatus === 'DELIVERED' || event.toStatus === 'COMPLETED';
  if (event.type === 'media_added' || (event.type === 'status_changed' && delivered)) {
    refetch(keys.orders.media(event.orderId));
  }
  if (RETURN_EVENTS.has(event.type)) {
    refetch(keys.returns.all());
    refetch(keys.orders.refunds(event.orderId));
  }
}
