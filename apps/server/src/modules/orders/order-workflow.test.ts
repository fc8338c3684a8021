import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '@igniflo/contract';
import { AppError } from '../../lib/errors.ts';
import { allowedMoves, assertMove, workflowMoves } from './order-workflow.ts';

const state = (
  status: (typeof ORDER_STATUSES)[number],
  heldFrom: (typeof ORDER_STATUSES)[number] | null = null,
) => ({
  status,
  heldFrom,
});

function refusal(fn: () => void): { status: number; code: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: error.statusCode, code: error.code };
  }
}

describe('order workflow', () => {
  it('follows the SPEC §4 table', () => {
    expect(workflowMoves(state('PENDING'))).toEqual(['CONFIRMED', 'ON_HOLD', 'CANCELLED']);
    expect(workflowMoves(state('CONFIRMED'))).toEqual(['IN_PROGRESS', 'ON_HOLD', 'CANCELLED']);
    expect(workflowMoves(state('IN_PROGRESS'))).toEqual(['SHIPPED', 'COMPLETED', 'ON_HOLD', 'CANCELLED']);
    expect(workflowMoves(state('PARTIALLY_SHIPPED'))).toEqual(['SHIPPED', 'ON_HOLD']);
    expect(workflowMoves(state('SHIPPED'))).toEqual(['DELIVERED']);
    for (const terminal of ['DELIVERED', 'COMPLETED', 'CANCELLED'] as const) {
      expect(workflowMoves(state(terminal))).toEqual([]);
    }
  });

  it('resumes an order on hold to the status it was held from, and nowhere else', () => {
    expect(workflowMoves(state('ON_HOLD', 'CONFIRMED'))).toEqual(['CONFIRMED', 'CANCELLED']);
    expect(refusal(() => assertMove(state('ON_HOLD', 'CONFIRMED'), 'IN_PROGRESS', 'STAFF'))).toEqual({
      status: 409,
      code: 'INVALID_TRANSITION',
    });
  });

  it('reaches PARTIALLY_SHIPPED only through shipments, and resumes to it from hold', () => {
    for (const from of ORDER_STATUSES) expect(workflowMoves(state(from))).not.toContain('PARTIALLY_SHIPPED');
    expect(workflowMoves(state('ON_HOLD', 'PARTIALLY_SHIPPED'))).toEqual(['PARTIALLY_SHIPPED', 'CANCELLED']);
    expect(allowedMoves(state('PARTIALLY_SHIPPED'), 'STAFF')).toEqual(['SHIPPED', 'ON_HOLD']);
    expect(allowedMoves(state('PARTIALLY_SHIPPED'), 'CUSTOMER')).toEqual([]);
  });

  it('lets only an admin cancel an order in progress', () => {
    expect(allowedMoves(state('IN_PROGRESS'), 'STAFF')).not.toContain('CANCELLED');
    expect(allowedMoves(state('IN_PROGRESS'), 'ADMIN')).toContain('CANCELLED');
    expect(refusal(() => assertMove(state('IN_PROGRESS'), 'CANCELLED', 'STAFF'))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
  });

  it('lets a customer only cancel, and only while PENDING or CONFIRMED', () => {
    expect(allowedMoves(state('PENDING'), 'CUSTOMER')).toEqual(['CANCELLED']);
    expect(allowedMoves(state('CONFIRMED'), 'CUSTOMER')).toEqual(['CANCELLED']);
    expect(allowedMoves(state('IN_PROGRESS'), 'CUSTOMER')).toEqual([]);
    expect(allowedMoves(state('ON_HOLD', 'PENDING'), 'CUSTOMER')).toEqual([]);
    expect(refusal(() => assertMove(state('PENDING'), 'CONFIRMED', 'CUSTOMER'))?.status).toBe(403);
    expect(refusal(() => assertMove(state('IN_PROGRESS'), 'CANCELLED', 'CUSTOMER'))?.code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('refuses every move outside the table with 409 INVALID_TRANSITION, for every role', () => {
    for (const from of ORDER_STATUSES) {
      const held = from === 'ON_HOLD' ? 'PENDING' : null;
      for (const to of ORDER_STATUSES) {
        if (workflowMoves(state(from, held)).includes(to)) continue;
        for (const role of ['STAFF', 'ADMIN', 'CUSTOMER'] as const) {
          expect(
            refusal(() => assertMove(state(from, held), to, role)),
            `${role} ${from}→${to}`,
          ).toEqual({
            status: 409,
            code: 'INVALID_TRANSITION',
          });
        }
      }
    }
  });
});
