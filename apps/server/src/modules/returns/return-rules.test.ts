import { describe, expect, it } from 'vitest';
import type { ReturnStatus } from '@igniflo/contract';
import { AppError } from '../../lib/errors.ts';
import {
  assertReturnMove,
  assertWithinWindow,
  describeRefund,
  describeReturn,
  formatMoney,
  returnableUnits,
  returnWindowEnd,
} from './return-rules.ts';

const refusal = (run: () => unknown): AppError | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  return undefined;
};

describe('return rules', () => {
  it('moves REQUESTED to APPROVED or REJECTED, APPROVED to RECEIVED or CLOSED, RECEIVED to REFUNDED or CLOSED', () => {
    const statuses: ReturnStatus[] = ['REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'REFUNDED', 'CLOSED'];
    const reachable = Object.fromEntries(
      statuses.map((from) => [
        from,
        (['approve', 'reject', 'receive', 'close', 'refund'] as const).flatMap((action) =>
          refusal(() => assertReturnMove(1, from, action)) ? [] : [assertReturnMove(1, from, action)],
        ),
      ]),
    );
    expect(reachable).toEqual({
      REQUESTED: ['APPROVED', 'REJECTED'],
      APPROVED: ['RECEIVED', 'CLOSED'],
      REJECTED: [],
      RECEIVED: ['CLOSED', 'REFUNDED'],
      REFUNDED: [],
      CLOSED: [],
    });
    expect(refusal(() => assertReturnMove(2, 'CLOSED', 'approve'))).toMatchObject({
      code: 'INVALID_TRANSITION',
      statusCode: 409,
      details: [{ from: 'CLOSED', to: 'APPROVED' }],
    });
  });

  it('opens the window at delivery or completion and closes it the given days later, to the millisecond', () => {
    const completedAt = '2030-01-01T10:00:00.000Z';
    expect(returnWindowEnd({ status: 'DELIVERED', completedAt }, 30)).toBe('2030-01-31T10:00:00.000Z');
    expect(returnWindowEnd({ status: 'SHIPPED', completedAt: null }, 30)).toBeNull();
    const end = Date.parse('2030-01-31T10:00:00.000Z');
    expect(refusal(() => assertWithinWindow({ status: 'COMPLETED', completedAt }, 30, end))).toBeUndefined();
    expect(
      refusal(() => assertWithinWindow({ status: 'COMPLETED', completedAt }, 30, end + 1)),
    ).toMatchObject({
      statusCode: 409,
      details: [{ returnWindowEndsAt: '2030-01-31T10:00:00.000Z' }],
    });
    expect(
      refusal(() => assertWithinWindow({ status: 'IN_PROGRESS', completedAt: null }, 30, 0))?.statusCode,
    ).toBe(409);
  });

  it('counts returnable units per product: lines summed, returned units taken off, custom lines left out', () => {
    const ordered = [
      { productId: 'a', quantity: 2 },
      { productId: null, quantity: 1 },
      { productId: 'a', quantity: 1 },
      { productId: 'b', quantity: 1 },
    ];
    expect(returnableUnits(ordered, new Map([['b', 1]]))).toEqual(new Map([['a', 3]]));
    expect(returnableUnits(ordered, new Map())).toEqual(
      new Map([
        ['a', 3],
        ['b', 1],
      ]),
    );
  });

  it('writes history notes the customer reads, money in its own currency', () => {
    expect(describeReturn(1, 'REQUESTED', { units: 2 })).toBe('Return 1: requested (2 items)');
    expect(describeReturn(2, 'REJECTED', { note: 'Worn' })).toBe('Return 2: rejected — Worn');
    expect(describeRefund(1250, 'EUR', 'damaged', null)).toBe('Refunded €12.50: damaged');
    expect(describeRefund(500, 'USD', 'late', 3)).toBe('Refunded $5.00 for return 3: late');
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
  });
});
