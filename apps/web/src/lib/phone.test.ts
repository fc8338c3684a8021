import { describe, expect, it } from 'vitest';
import { toE164 } from './phone.ts';

describe('toE164', () => {
  it('reads a local number in the given country and an international one anywhere', () => {
    expect(toE164('07700 900123', 'GB')).toBe('+447700900123');
    expect(toE164('(415) 555-0132', 'US')).toBe('+14155550132');
    expect(toE164('+44 7700 900123', 'US')).toBe('+447700900123');
    expect(toE164('+447700900123', '')).toBe('+447700900123');
  });

  it('refuses what cannot be a phone number', () => {
    expect(toE164('12', 'GB')).toBeNull();
    expect(toE164('not a phone', 'GB')).toBeNull();
    expect(toE164('07700 900123', '')).toBeNull();
  });
});
