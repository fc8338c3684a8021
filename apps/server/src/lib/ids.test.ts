import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { newId } from './ids.ts';

describe('newId', () => {
  it('makes distinct version-7 UUIDs that sort in the order they were made, past the random pool', () => {
    // More than the pool of 256 ids' random bytes, so it is refilled along the way.
    const ids = Array.from({ length: 2_000 }, () => newId());
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('stamps the time it was made in its first 48 bits', () => {
    const before = Date.now();
    const id = newId();
    const stamped = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(stamped).toBeGreaterThanOrEqual(before);
    expect(stamped).toBeLessThanOrEqual(Date.now() + 1);
  });
});
