/**
 * Keeps this tab's session (SPEC §10): the access token lives only here, in memory; the refresh
 * token is an HttpOnly cookie scoped to /api/v1/auth that page scripts never see. So a reload
 * restores the session by asking the server to refresh from that cookie; the access token is
 * refreshed a minute before it expires, and a request refused as unauthenticated refreshes and is
 * retried once. One refresh at a time per tab; two tabs refreshing at once are the server's to
 * reconcile (its reuse grace answers both with the same successor).
 *
 * Tabs tell each other over a BroadcastChannel that someone signed in or out, never a token: on
 * "signed in" a tab refreshes from the cookie they share, on "signed out" it forgets its session.
 */
import type { Session } from '@igniflo/contract';
import { api, ApiError, setReauthorizer } from './api.ts';

type News = 'signed-in' | 'signed-out';

export interface SessionSnapshot {
  session: Session | null;
  /** True until the session has been restored from the cookie or found missing. */
  restoring: boolean;
}

export interface SessionKeeperOptions {
  /** Called before the change shows when the account changes (or none is signed in any more). */
  onAccountChange?: () => void;
  channelName?: string;
}

const RETRY_REFRESH_MS = 10_000;
const LEGACY_REFRESH_KEY = 'igniflo.refreshToken';
/** How long before the access token expires it is refreshed. */
const REFRESH_EARLY_S = 60;
/** Access tokens remembered with their account, so a refused one is retried only as that account. */
const TOKENS_KEPT = 8;

export class SessionKeeper {
  #snapshot: SessionSnapshot = { session: null, restoring: true };
  #listeners = new Set<() => void>();
  /** Raised by every sign-in and sign-out: a refresh begun before one no longer speaks for this tab. */
  #epoch = 0;
  #inFlight: { epoch: number; promise: Promise<Session | null> } | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #expiresAt = 0;
  #accounts = new Map<string, string>();
  #channel: BroadcastChannel | null = null;
  #running = false;

  constructor(private readonly options: SessionKeeperOptions = {}) {}

  get snapshot(): SessionSnapshot {
    return this.#snapshot;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Starts keeping the session: restores it on first start, listens to the other tabs. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    // Earlier versions of the app kept the refresh token there; a browser that still holds one drops it.
    globalThis.localStorage?.removeItem(LEGACY_REFRESH_KEY);
    setReauthorizer(this.#reauthorize);
    if (typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel(this.options.channelName ?? 'igniflo.session');
      this.#channel.onmessage = (event: MessageEvent<unknown>) => this.#hear(event.data);
    }
    if (this.#snapshot.restoring) void this.refresh();
    else if (this.#snapshot.session) this.#schedule(this.#expiresAt - REFRESH_EARLY_S * 1000 - Date.now());
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#timer);
    setReauthorizer(null);
    this.#channel?.close();
    this.#channel = null;
  }

  /**
   * A new access token from the refresh cookie; one request at a time however many ask. Null when
   * there is no session (the server said so: this tab forgets it) or the server could not be
   * reached (tried again shortly).
   */
  refresh(): Promise<Session | null> {
    const epoch = this.#epoch;
    if (this.#inFlight?.epoch === epoch) return this.#inFlight.promise;
    const promise = this.#refresh(epoch).finally(() => {
      if (this.#inFlight?.promise === promise) this.#inFlight = null;
    });
    this.#inFlight = { epoch, promise };
    return promise;
  }

  /** A session this tab has just opened (sign-in, sign-up, code); the other tabs follow. */
  signedIn(session: Session): void {
    this.#epoch += 1;
    this.#adopt(session);
    this.#tell('signed-in');
  }

  /** Ends the session on the server (through the cookie) and in every tab. */
  async signOut(): Promise<void> {
    this.#epoch += 1;
    clearTimeout(this.#timer);
    await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    this.#adopt(null);
    this.#tell('signed-out');
  }

  /** Shows the account as the server now has it, after a profile change. */
  updateUser(user: Session['user']): void {
    const { session } = this.#snapshot;
    if (session && session.user.id === user.id) this.#set({ session: { ...session, user } });
  }

  async #refresh(epoch: number): Promise<Session | null> {
    clearTimeout(this.#timer);
    try {
      const next = await api<Session>('/auth/refresh', {
        method: 'POST',
        body: JSON.stringify({ mode: 'cookie' }),
      });
      if (epoch !== this.#epoch) return this.#snapshot.session;
      this.#adopt(next);
      return next;
    } catch (failure) {
      if (epoch !== this.#epoch) return this.#snapshot.session;
      // Only the server saying no ends the session; a network error, an outage or a rate limit is
      // tried again.
      if (failure instanceof ApiError && failure.status < 500 && failure.status !== 429) this.#adopt(null);
      else this.#schedule(RETRY_REFRESH_MS);
      return null;
    }
  }

  #reauthorize = async (refused: string): Promise<string | null> => {
    const account = this.#accounts.get(refused);
    if (account === undefined) return null;
    let current = this.#snapshot.session;
    if (!current || current.accessToken === refused) current = await this.refresh();
    // Never retried as somebody else, should another account have signed in meanwhile.
    return current && current.user.id === account && current.accessToken !== refused
      ? current.accessToken
      : null;
  };

  #adopt(session: Session | null): void {
    clearTimeout(this.#timer);
    if ((session?.user.id ?? null) !== (this.#snapshot.session?.user.id ?? null))
      this.options.onAccountChange?.();
    if (session) {
      this.#accounts.set(session.accessToken, session.user.id);
      for (const token of this.#accounts.keys())
        if (this.#accounts.size > TOKENS_KEPT) this.#accounts.delete(token);
      this.#expiresAt = Date.now() + session.expiresIn * 1000;
      this.#schedule((session.expiresIn - REFRESH_EARLY_S) * 1000);
    }
    this.#set({ session, restoring: false });
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    if (this.#running) this.#timer = setTimeout(() => void this.refresh(), Math.max(5_000, ms));
  }

  #hear(news: unknown): void {
    if (news === 'signed-in') {
      this.#epoch += 1;
      void this.refresh();
    } else if (news === 'signed-out') {
      this.#epoch += 1;
      this.#adopt(null);
    }
  }

  #tell(news: News): void {
    this.#channel?.postMessage(news);
  }

  #set(change: Partial<SessionSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...change };
    this.#listeners.forEach((listener) => listener());
  }
}
