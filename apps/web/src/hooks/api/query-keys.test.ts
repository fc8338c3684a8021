import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { keys } from './query-keys.ts';

describe('query keys', () => {
  it('invalidating a prefix reaches every query under it and nothing else', async () => {
    const client = new QueryClient();
    const under = [
      keys.orders.mine(),
      keys.orders.queue({ status: 'PENDING', q: '' }),
      keys.orders.list({ status: 'SHIPPED' }),
      keys.orders.one('o1'),
      keys.orders.history('o1'),
      keys.orders.media('o1'),
    ];
    const products = [keys.products.list('mug'), keys.products.one('p1'), keys.products.manage('')];
    const outside = [keys.products.list(''), keys.users.list({}), keys.media('m1', 'thumbnail'), keys.cart()];
    for (const key of [...under, ...outside]) client.setQueryData(key, 1);
    await client.invalidateQueries({ queryKey: keys.orders.all() });
    const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect(under.map(stale)).toEqual(under.map(() => true));
    expect(outside.map(stale)).toEqual(outside.map(() => false));
    // The shop's and the admin's product lists fall together: a stock change shows in both.
    for (const key of products) client.setQueryData(key, 1);
    await client.invalidateQueries({ queryKey: keys.products.all() });
    expect(products.map(stale)).toEqual([true, true, true]);
  });

  it('a list family prefix reaches its lists only', async () => {
    const client = new QueryClient();
    const queue = keys.orders.queue({ status: 'PENDING', q: 'x' });
    const one = keys.orders.one('o1');
    const user = keys.users.list({ role: 'STAFF' });
    const webhook = keys.webhooks.deliveries('w1');
    for (const key of [queue, one, user, webhook]) client.setQueryData(key, 1);
    await client.invalidateQueries({ queryKey: keys.orders.queues() });
    await client.invalidateQueries({ queryKey: keys.users.all() });
    expect([queue, one, user, webhook].map((k) => client.getQueryState(k)?.isInvalidated)).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});
