import type { Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { isPostgres } from '../../platform/db/dialect.ts';
import type {
  MessageAttemptRow,
  MessageAttemptsTable,
  MessageRow,
  MessagesTable,
  NewMessageRow,
} from './messages.table.ts';

/** Takes the event cursor for one run; undefined when another instance holds it. */
export async function leaseCursor(
  db: Executor,
  owner: string,
  at: string,
  until: string,
): Promise<number | undefined> {
  const row = await db
    .updateTable('message_cursor')
    .set({ lease_owner: owner, lease_until: until })
    .where('id', '=', 1)
    .where((eb) =>
      eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at), eb('lease_owner', '=', owner)]),
    )
    .returning('last_event_id')
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.last_event_id);
}

/** Moves the cursor while this instance holds it; false when another took it over. */
export async function advanceCursor(db: Executor, owner: string, lastEventId: number, until: string) {
  const result = await db
    .updateTable('message_cursor')
    .set({ last_event_id: lastEventId, lease_until: until })
    .where('id', '=', 1)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export const releaseCursor = (db: Executor, owner: string) =>
  db
    .updateTable('message_cursor')
    .set({ lease_owner: null, lease_until: null })
    .where('id', '=', 1)
    .where('lease_owner', '=', owner)
    .execute();

/** Queues messages; one already queued for the same event, channel and template is kept as it is. */
export async function insertMessages(db: Executor, rows: NewMessageRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('messages')
    .values(rows)
    .onConflict((oc) => oc.columns(['event_id', 'channel', 'template']).doNothing())
    .execute();
}

/**
 * Claims up to `limit` due messages for this instance until `until`, each counted as one more
 * attempt. On PostgreSQL rows another instance is claiming are skipped, not waited for
 * (`FOR UPDATE SKIP LOCKED`), so several instances share the queue and never send one twice.
 */
export async function claimDue(
  db: Executor,
  { owner, at, until, limit }: { owner: string; at: string; until: string; limit: number },
): Promise<MessageRow[]> {
  let due = db
    .selectFrom('messages')
    .select('id')
    .where('status', '=', 'QUEUED')
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
    .orderBy('next_attempt_at')
    .limit(limit);
  if (isPostgres(db)) due = due.forUpdate().skipLocked();
  return db
    .updateTable('messages')
    .set((eb) => ({ lease_owner: owner, lease_until: until, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

/** Settles a claimed message; nothing happens if another instance has claimed it since. */
export async function settleClaimed(
  db: Executor,
  id: number,
  owner: string,
  patch: Updateable<MessagesTable>,
  attempt: Omit<MessageAttemptsTable, 'id' | 'message_id'>,
): Promise<void> {
  const result = await db
    .updateTable('messages')
    .set({ ...patch, lease_owner: null, lease_until: null })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) {
    await db
      .insertInto('message_attempts')
      .values({ ...attempt, message_id: id })
      .execute();
  }
}

export const messagesOfOrder = (db: Executor, orderId: string): Promise<MessageRow[]> =>
  db.selectFrom('messages').selectAll().where('order_id', '=', orderId).orderBy('id').limit(500).execute();

/** Each message's latest failed attempt's error, for the ones that have one. */
export async function lastErrors(db: Executor, messageIds: number[]): Promise<Map<number, string>> {
  if (messageIds.length === 0) return new Map();
  const rows: Pick<MessageAttemptRow, 'message_id' | 'error'>[] = await db
    .selectFrom('message_attempts')
    .select(['message_id', 'error'])
    .where('message_id', 'in', messageIds)
    .where('succeeded', '=', 0)
    .orderBy('id')
    .execute();
  return new Map(rows.flatMap((row) => (row.error ? [[row.message_id, row.error] as const] : [])));
}

export const attemptsOf = (db: Executor, messageId: number): Promise<MessageAttemptRow[]> =>
  db.selectFrom('message_attempts').selectAll().where('message_id', '=', messageId).orderBy('id').execute();
