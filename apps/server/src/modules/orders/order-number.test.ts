import { describe, expect, it } from 'vitest';
import { isOrderNumber, newOrderNumber } from './order-number.ts';

describe('order numbers', () => {
  it('are 10 characters of uppercase letters and digits without 0, O, 1 or I', () => {
    const numbers = Array.from({ length: 2000 }, newOrderNumber);
    for (const n of numbers) {
      expect(n).toMatch(/^[A-Z2-9]{10}$/);
      expect(n).not.toMatch(/[01OI]/);
      expect(isOrderNumber(n)).toBe(true);
    }
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('recognises what is not an order number', () => {
    expect(isOrderNumber('ABCDEFGHJ')).toBe(false);
    expect(isOrderNumber('ABCDEFGHJO')).toBe(false);
    expect(isOrderNumber('abcdefghjk')).toBe(false);
  });
});
