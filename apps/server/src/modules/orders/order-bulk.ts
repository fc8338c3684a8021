/**
 * Bulk moves (SPEC §14): many orders to one status, each moved by itself, in its own transaction,
 * under the same rules as a single move (§4). An order that cannot move says why, as a single move
 * would have answered, and the others move anyway.
 */
import type { BulkMoveBody, BulkMoveResult, Order } from '@igniflo/contract';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from './order-access.ts';
import type { StatusMove } from './order-changes.ts';

type MoveOne = (actor: Actor, id: string, move: StatusMove) => Promise<Order>;

export function createBulkMoves({ moveStatus }: { moveStatus: MoveOne }) {
  return {
    async moveMany(actor: Actor, { orderIds, status, note }: BulkMoveBody): Promise<BulkMoveResult> {
      const results: BulkMoveResult['results'] = [];
      // One after another: each waits for its own commit, so the answer says what is true now.
      for (const id of orderIds) {
        try {
          await moveStatus(actor, id, { status, note });
          results.push({ id, ok: true });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          results.push({ id, ok: false, error: { code: error.code, message: error.message } });
        }
      }
      return { results };
    },
  };
}
