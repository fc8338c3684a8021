/**
 * Every query key, in one hierarchy: a key's prefix (`keys.orders.all()`) names everything under it,
 * so a mutation or a live event invalidates exactly the data it touched.
 */
type Filter = Record<string, string>;

export const keys = {
  products: {
    all: () => ['products'] as const,
    list: (q: string) => [...keys.products.all(), 'list', { q }] as const,
    one: (id: string) => [...keys.products.all(), 'one', id] as const,
    /** The admin's list: archived products too. */
    manage: (q: string) => [...keys.products.all(), 'manage', { q }] as const,
    /** Its stock history: under products, so every stock change fetches it again. */
    ledger: (id: string) => [...keys.products.all(), 'ledger', id] as const,
  },
  orders: {
    all: () => ['orders'] as const,
    mine: () => [...keys.orders.all(), 'mine'] as const,
    queues: () => [...keys.orders.all(), 'queue'] as const,
    queue: (filter: { status: string; q: string }) => [...keys.orders.queues(), filter] as const,
    lists: () => [...keys.orders.all(), 'all'] as const,
    list: (filter: Filter) => [...keys.orders.lists(), filter] as const,
    one: (id: string) => [...keys.orders.all(), 'one', id] as const,
    history: (id: string) => [...keys.orders.all(), 'history', id] as const,
    media: (id: string) => [...keys.orders.all(), 'media', id] as const,
    customer: (id: string) => [...keys.orders.all(), 'customer', id] as const,
    messages: (id: string) => [...keys.orders.all(), 'messages', id] as const,
    refunds: (id: string) => [...keys.orders.all(), 'refunds', id] as const,
  },
  returns: {
    all: () => ['returns'] as const,
    lists: () => [...keys.returns.all(), 'list'] as const,
    list: (filter: Filter) => [...keys.returns.lists(), filter] as const,
    one: (id: string) => [...keys.returns.all(), 'one', id] as const,
    /** An order's returns and what may still be returned of it. */
    ofOrder: (orderId: string) => [...keys.returns.all(), 'order', orderId] as const,
  },
  media: (id: string, variant: string) => ['media', id, variant] as const,
  /** A profile picture by its avatarUrl, which changes with the picture. */
  avatar: (url: string) => ['avatar', url] as const,
  tracking: (orderNumber: string) => ['tracking', orderNumber] as const,
  cart: () => ['cart'] as const,
  wishlist: () => ['wishlist'] as const,
  notifications: () => ['notifications'] as const,
  preferences: () => ['preferences'] as const,
  users: {
    all: () => ['users'] as const,
    list: (filter: Filter) => [...keys.users.all(), filter] as const,
  },
  webhooks: {
    all: () => ['webhooks'] as const,
    deliveries: (webhookId: string) => [...keys.webhooks.all(), webhookId, 'deliveries'] as const,
  },
  audit: (filter: Filter) => ['audit', filter] as const,
  admin: {
    all: () => ['admin'] as const,
    dashboard: () => [...keys.admin.all(), 'dashboard'] as const,
    analytics: (days: number) => [...keys.admin.all(), 'analytics', { days }] as const,
  },
};
