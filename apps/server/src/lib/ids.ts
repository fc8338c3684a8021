import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

/**
 * Random bytes for ids, drawn from the system in blocks as Node's randomUUID does: one call into
 * the system per 256 ids instead of one each (uuid's own source asks for 16 bytes per id, a
 * measurable share of an order's CPU).
 */
const pool = new Uint8Array(16 * 256);
let taken = pool.length;
/** The last id's time and counter: ids made in the same millisecond count up from a random start. */
let msecs = -Infinity;
let seq = 0;

/** UUIDv7: unguessable, and sorted by creation time, so keyset pagination on id is chronological. */
export function newId(): string {
  if (taken === pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  const random = pool.subarray(taken, (taken += 16));
  const now = Date.now();
  if (now > msecs) {
    msecs = now;
    // uuid's own v7 starts each millisecond's counter from random bits the same way (31 bits).
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else if ((seq = (seq + 1) | 0) === 0) {
    msecs++;
  }
  return v7({ random, msecs, seq });
}
