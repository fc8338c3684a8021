/**
 * Idempotency-Key for placing orders: the first request with a key is answered by running it, and
 * its 201 is stored in the same transaction as the order; a retry with the same key and body gets
 * that stored answer for 24 hours, a different body 422, a retry while the first still runs 409.
 */
import { createHash } from 'node:crypto';
import { ErrorCode } from '@igniflo/contract';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { AppError, conflict } from '../../lib/errors.ts';
import { claimIdempotencyKey, findIdempotencyKey } from './orders.repository.ts';
import type { KeyClaim } from './orders.table.ts';

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Key order does not matter to JSON equality, so the fingerprint sorts keys. */
export function fingerprint(value: unknown): string {
  const canonical = JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

const stillRunning = () => conflict('A request with this Idempotency-Key is still being processed; retry');

export interface IdempotentRequest {
  userId: string;
  key: string;
  body: unknown;
}

/**
 * What a request claims its key with: the key row with the answer (status 201), and the time before
 * which an earlier claim of the key is forgotten (24 h). Both databases claim with it: PostgreSQL
 * inside its one-statement placement, SQLite with `claim`.
 */
export const claimWithAnswer = (request: IdempotentRequest, answer: unknown, at: string): KeyClaim => ({
  row: {
    user_id: request.userId,
    key: request.key,
    request_hash: fingerprint(request.body),
    response_status: 201,
    response_body: JSON.stringify(answer),
    created_at: at,
  },
  expiredBefore: new Date(Date.now() - IDEMPOTENCY_TTL_MS).toISOString(),
});

/**
 * Claims the key with the answer, in the transaction that produced the answer (a new key, or one
 * older than 24 h, forgotten, so usable again). False when an earlier request holds the key: the
 * transaction is then to be rolled back, and `replay` answers.
 */
export const claim = (tx: Tx, request: IdempotentRequest, answer: unknown, at: string): Promise<boolean> =>
  claimIdempotencyKey(tx, claimWithAnswer(request, answer, at));

/** Whether an answer was stored for the key: a retry of an answered request. */
export const answered = async (db: Executor, userId: string, key: string): Promise<boolean> =>
  (await findIdempotencyKey(db, userId, key)) !== undefined;

/** The stored answer to an earlier request with the key; 422 for another body, 409 while it runs. */
export async function replay<T>(db: Executor, request: IdempotentRequest): Promise<T> {
  const stored = await findIdempotencyKey(db, request.userId, request.key);
  if (!stored) throw stillRunning();
  if (stored.request_hash !== fingerprint(request.body)) {
    throw new AppError(
      ErrorCode.IDEMPOTENCY_KEY_REUSED,
      422,
      'This Idempotency-Key was used with a different request body',
    );
  }
  return JSON.parse(stored.response_body) as T;
}
