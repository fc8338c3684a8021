import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import {
  allDelivered,
  assertEventFollows,
  assertFits,
  statusAfterShipping,
  summed,
  unshippedOf,
} from './shipment-rules.ts';

function refusal(fn: () => void): { status: number; code: string; details?: unknown[] } | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: error.statusCode, code: error.code, details: error.details };
  }
}

describe('shipment rules', () => {
  it('counts what is left per product, two lines of one product together', () => {
    const left = unshippedOf(
      [
        { productId: 'a', quantity: 2 },
        { productId: 'a', quantity: 1 },
        { productId: 'b', quantity: 1 },
        { productId: null, quantity: 4 },
      ],
      new Map([['a', 2]]),
    );
    expect(left).toEqual(
      new Map([
        ['a', 1],
        ['b', 1],
      ]),
    );
    expect(statusAfterShipping(left)).toBe('PARTIALLY_SHIPPED');
    expect(statusAfterShipping(new Map([['a', 0]]))).toBe('SHIPPED');
  });

  it('refuses more than is unshipped with OVER_FULFILLED naming the line, summing repeated lines first', () => {
    const unshipped = new Map([['a', 2]]);
    const twice = summed([
      { productId: 'a', quantity: 2 },
      { productId: 'a', quantity: 1 },
    ]);
    expect(refusal(() => assertFits(twice, unshipped))).toEqual({
      status: 409,
      code: 'OVER_FULFILLED',
      details: [{ productId: 'a', requested: 3, unshipped: 2 }],
    });
    expect(refusal(() => assertFits(new Map([['z', 1]]), unshipped))?.code).toBe('OVER_FULFILLED');
    expect(refusal(() => assertFits(new Map([['a', 2]]), unshipped))).toBeUndefined();
  });

  it('allows an empty package only for an order with nothing to ship', () => {
    expect(refusal(() => assertFits(new Map(), new Map([['a', 1]])))?.status).toBe(400);
    expect(refusal(() => assertFits(new Map(), new Map()))).toBeUndefined();
  });

  it('lets any package status follow any other, except after DELIVERED or RETURNED_TO_SENDER', () => {
    expect(refusal(() => assertEventFollows('EXCEPTION', 'IN_TRANSIT'))).toBeUndefined();
    expect(refusal(() => assertEventFollows('OUT_FOR_DELIVERY', 'LABEL_CREATED'))).toBeUndefined();
    expect(refusal(() => assertEventFollows('DELIVERED', 'IN_TRANSIT'))?.status).toBe(409);
    expect(refusal(() => assertEventFollows('RETURNED_TO_SENDER', 'DELIVERED'))?.status).toBe(409);
  });

  it('calls an order delivered only when every package is', () => {
    expect(allDelivered(['DELIVERED', 'DELIVERED'])).toBe(true);
    expect(allDelivered(['DELIVERED', 'IN_TRANSIT'])).toBe(false);
    expect(allDelivered([])).toBe(false);
  });
});
