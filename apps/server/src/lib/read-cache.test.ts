import { describe, expect, it, vi } from 'vitest';
import { ReadCache } from './read-cache.ts';

describe('ReadCache', () => {
  it('serves a value until invalidated, then loads again', async () => {
    const cache = new ReadCache<number>(60_000, 100);
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('b', load)).toBe(2);
    cache.invalidate();
    expect(await cache.get('a', load)).toBe(3);
  });

  it('loads again once the value is older than its maximum age', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const cache = new ReadCache<number>(1000, 100);
      let loads = 0;
      const load = () => Promise.resolve(++loads);
      expect(await cache.get('a', load)).toBe(1);
      vi.advanceTimersByTime(999);
      expect(await cache.get('a', load)).toBe(1);
      vi.advanceTimersByTime(1);
      expect(await cache.get('a', load)).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shares one load between concurrent misses, and keeps no failure', async () => {
    const cache = new ReadCache<string>(60_000, 100);
    let loads = 0;
    let fail = true;
    const load = async () => {
      loads += 1;
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error('database down');
      return 'page';
    };
    const results = await Promise.allSettled([cache.get('a', load), cache.get('a', load)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(loads).toBe(1);
    fail = false;
    expect(await cache.get('a', load)).toBe('page');
    expect(loads).toBe(2);
  });

  it('does not serve a load that began before an invalidation', async () => {
    const cache = new ReadCache<string>(60_000, 100);
    let release = (_: string) => {};
    const stale = cache.get('a', () => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidate();
    release('before the change');
    expect(await stale).toBe('before the change');
    expect(await cache.get('a', () => Promise.resolve('after the change'))).toBe('after the change');
  });

  it('keeps at most its maximum number of entries, dropping the oldest', async () => {
    const cache = new ReadCache<string>(60_000, 2);
    let loads = 0;
    const load = (value: string) => () => ((loads += 1), Promise.resolve(value));
    await cache.get('a', load('a'));
    await cache.get('b', load('b'));
    await cache.get('c', load('c'));
    await cache.get('b', load('b'));
    expect(loads).toBe(3);
    await cache.get('a', load('a'));
    expect(loads).toBe(4);
  });
});
