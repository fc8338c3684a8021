import { describe, expect, it } from 'vitest';
import { formatDay, timeAgo } from './time.ts';

describe('time', () => {
  it('says how long ago in words', () => {
    const now = Date.parse('2026-12-07T12:00:00.000Z');
    expect(timeAgo('2026-12-07T11:59:30.000Z', now)).toBe('just now');
    expect(timeAgo('2026-12-07T11:58:00.000Z', now)).toBe('2 minutes ago');
    expect(timeAgo('2026-12-07T09:00:00.000Z', now)).toBe('3 hours ago');
    expect(timeAgo('2026-12-06T12:00:00.000Z', now)).toBe('yesterday');
  });

  it('keeps a date without a time on its calendar day, with the year when it is not this one', () => {
    expect(formatDay('2030-01-15')).toMatch(/15/);
    expect(formatDay('2030-01-15')).toMatch(/2030/);
    expect(formatDay('2030-01-15')).toMatch(/Tue/);
  });
});
