/** Short-lived, single-use stream tickets: for clients (EventSource) that cannot send an Authorization header. */
import { randomBytes } from 'node:crypto';
import { now, type Db } from '../../platform/db/database.ts';
import { hashToken } from '../auth/auth.service.ts';

export const TICKET_TTL_MS = 60_000;

/** A ticket for the user's session: it opens a stream only while that session is live. */
async function issueTicket(
  db: Db,
  userId: string,
  sessionId: string,
): Promise<{ ticket: string; expiresAt: string }> {
  const ticket = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + TICKET_TTL_MS).toISOString();
  await db.deleteFrom('stream_tickets').where('expires_at', '<', now()).execute();
  await db
    .insertInto('stream_tickets')
    .values({
      token_hash: hashToken(ticket),
      user_id: userId,
      session_id: sessionId,
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { ticket, expiresAt };
}

/** Spends a ticket; its user and session if it was valid, unused and unexpired. */
async function redeemTicket(
  db: Db,
  ticket: string,
): Promise<{ userId: string; sessionId: string } | undefined> {
  const at = now();
  const tokenHash = hashToken(ticket);
  const spent = await db
    .updateTable('stream_tickets')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  if (spent.numUpdatedRows === 0n) return undefined;
  const row = await db
    .selectFrom('stream_tickets')
    .select(['user_id', 'session_id'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row?.session_id ? { userId: row.user_id, sessionId: row.session_id } : undefined;
}

export type StreamTickets = ReturnType<typeof createStreamTickets>;

export const createStreamTickets = ({ db }: { db: Db }) => ({
  issue: (userId: string, sessionId: string) => issueTicket(db, userId, sessionId),
  redeem: (ticket: string) => redeemTicket(db, ticket),
});
