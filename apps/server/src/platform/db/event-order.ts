import { sql } from 'kysely';
import type { Tx } from './database.ts';
import { isPostgres } from './dialect.ts';
import { prepared } from './prepared.ts';

const EVENT_ORDER_LOCK = 7_245_001;

const takeLock = prepared((db) =>
  db.selectNoFrom(sql<unknown>`pg_advisory_xact_lock(${sql.lit(EVENT_ORDER_LOCK)})`.as('locked')),
);

/**
 * Makes order event ids become visible in id order. On PostgreSQL two transactions can take ids
 * 10 and 11 and commit 11 first; a reader tailing the table by id would then skip 10 for good.
 * Taking this transaction-scoped lock right before the events are inserted (the last step of
 * every order change) means the next id is only taken after the previous holder has committed.
 * SQLite has a single writer, so ids already commit in order there.
 */
export async function lockEventOrder(tx: Tx): Promise<void> {
  if (isPostgres(tx)) await takeLock(tx, {});
}
