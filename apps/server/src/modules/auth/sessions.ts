/**
 * Which sessions are live. Every authenticated request asks (its access token names its session);
 * the answer is remembered for at most `maxAgeMs`, so a session revoked by another instance stops
 * working there within that time, while a session revoked here stops at once. Revocations by any
 * instance are also read back every `pollMs` and announced, so that open live streams of those
 * sessions end.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Role } from '@igniflo/contract';
import type { Db } from '../../platform/db/database.ts';
import { findLiveSession, latestRevocation, sessionsRevokedSince } from './sessions.repository.ts';
export type { RevokeReason } from './sessions.repository.ts';

export interface LiveSession {
  userId: string;
  role: Role;
  active: boolean;
}

export interface SessionsOptions {
  maxAgeMs: number;
  pollMs: number;
}

const SESSIONS_KEPT = 10_000;
/** Revocations committed out of order (a slow transaction) still show up if this much older. */
const REVOCATION_OVERLAP_MS = 5_000;

export class Sessions {
  #cache = new Map<string, { session: LiveSession | null; until: number }>();
  /** Raised by every revocation: a read that began before one must not be remembered. */
  #generation = 0;
  #listeners: ((sessionIds: string[]) => void)[] = [];
  /** Revocations already announced, with when they happened, until they fall out of the overlap. */
  #announced = new Map<string, string>();
  #since = new Date(0).toISOString();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly options: SessionsOptions,
  ) {}

  async start(): Promise<void> {
    this.#since = (await latestRevocation(this.db)) ?? this.#since;
    this.#timer = setInterval(() => {
      this.#poll().catch((error: unknown) =>
        this.log.warn({ err: error }, 'reading revoked sessions failed'),
      );
    }, this.options.pollMs).unref();
  }

  close(): void {
    clearInterval(this.#timer);
  }

  /** The session's account if the session is live, else null. */
  async find(sessionId: string): Promise<LiveSession | null> {
    const nowMs = Date.now();
    const hit = this.#cache.get(sessionId);
    if (hit && hit.until > nowMs) return hit.session;
    const generation = this.#generation;
    const row = await findLiveSession(this.db, sessionId);
    const session = row ? { userId: row.userId, role: row.role, active: row.active === 1 } : null;
    if (generation === this.#generation) {
      this.#cache.delete(sessionId);
      if (this.#cache.size >= SESSIONS_KEPT) this.#cache.delete(this.#cache.keys().next().value as string);
      this.#cache.set(sessionId, { session, until: nowMs + this.options.maxAgeMs });
    }
    return session;
  }

  /** Called when sessions end (here, after the commit, or read back from another instance). */
  revoked(sessionIds: readonly string[]): void {
    if (sessionIds.length === 0) return;
    this.#generation += 1;
    for (const id of sessionIds) this.#cache.delete(id);
    for (const listener of this.#listeners) listener([...sessionIds]);
  }

  onRevoked(listener: (sessionIds: string[]) => void): void {
    this.#listeners.push(listener);
  }

  async #poll(): Promise<void> {
    const since = new Date(Date.parse(this.#since) - REVOCATION_OVERLAP_MS).toISOString();
    const rows = await sessionsRevokedSince(this.db, since);
    const fresh: string[] = [];
    for (const row of rows) {
      if (!this.#announced.has(row.id)) fresh.push(row.id);
      this.#announced.set(row.id, row.revoked_at ?? since);
      if (row.revoked_at && row.revoked_at > this.#since) this.#since = row.revoked_at;
    }
    for (const [id, at] of this.#announced) if (at < since) this.#announced.delete(id);
    this.revoked(fresh);
  }
}
