/** One place for every query key, so mutations and live events invalidate the right data. */
export const queryKeys = {
  products: (q: string) => ['products', { q }] as const,
  tracking: (orderNumber: string) => ['tracking', orderNumber] as const,
  myOrders: () => ['orders', 'mine'] as const,
  cart: () => ['cart'] as const,
  queue: (filter: { status: string; q: string }) => ['orders', 'queue', filter] as const,
  order: (id: string) => ['orders', 'one', id] as const,
  orderHistory: (id: string) => ['orders', 'history', id] as const,
};
