import { ErrorCode } from '@igniflo/contract';
import { describe, expect, it } from 'vitest';
import { AppError, conflict } from './errors.ts';

describe('AppError', () => {
  it('answers the client without capturing a stack, and keeps one for a server error', () => {
    const refused = conflict('Out of stock');
    expect(refused.stack).toBe('AppError: Out of stock');
    const failed = new AppError(ErrorCode.INTERNAL, 500, 'broken');
    expect(failed.stack).toMatch(/^AppError: broken\n\s+at /);
    // The limit is restored for every other error.
    expect(new Error('plain').stack).toMatch(/\n\s+at /);
  });
});
