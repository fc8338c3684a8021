/**
 * The one reader of the order event table in this process. It tails the table by id, turns each
 * new event into a LiveEvent and hands it to every open stream that may see it. It is woken by
 * local commits and, on PostgreSQL, by NOTIFY from other instances, with a slow poll as a safety net.
 */
import type { FastifyBaseLogger } from 'fastify';
import { BackgroundLoop } from '../../platform/background-loop.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { FeedRow, OrderLog, StreamScope } from '../order-log/order-log.ts';
import { LiveEvent } from './live-event.ts';
import type { ServerResponse } from 'node:http';
import { SseStream } from './sse-stream.ts';

const BATCH = 500;

/** The signed-in session a stream belongs to; public tracking streams have none. */
export interface StreamOwner {
  userId: string;
  sessionId: string;
}

interface Subscriber {
  scope: StreamScope;
  stream: SseStream;
  owner: StreamOwner | undefined;
  /** Events that arrived while the subscriber's replay was still running. */
  pending: LiveEvent[] | null;
  /** The subscriber has (or did not want) every event up to this id. */
  seenUpTo: number;
}

export class EventFeed {
  #lastId = 0;
  #subscribers = new Set<Subscriber>();
  readonly #loop: BackgroundLoop;
  #heartbeatTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly orderLog: OrderLog,
    private readonly notifications: Pick<NotificationsService, 'forEvents'>,
    private readonly log: FastifyBaseLogger,
    private readonly options: {
      heartbeatMs: number;
      pollMs: number;
      maxBufferedBytes: number;
      replayStallMs: number;
    },
  ) {
    this.#loop = new BackgroundLoop(() => this.#pump(), {
      tickMs: options.pollMs,
      log,
      what: 'event feed read',
    });
  }

  async start(): Promise<void> {
    this.#lastId = await this.orderLog.latestId();
    this.#heartbeatTimer = setInterval(() => this.#heartbeat(), this.options.heartbeatMs).unref();
    this.#loop.start();
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Streams dropped because their client did not keep up. */
  droppedCount = 0;

  /** A stream for this feed's subscribers, bounded by the feed's buffer limit. */
  createStream(res: ServerResponse): SseStream {
    return new SseStream(
      res,
      this.options.maxBufferedBytes,
      () => {
        this.droppedCount += 1;
        this.log.warn('dropped a live stream whose client did not keep up');
      },
      this.options.replayStallMs,
    );
  }

  /** Reads what was committed since the last read; the wake-ups of one commit make one read. */
  wake(): void {
    this.#loop.wake();
  }

  /**
   * Opens a subscription: replays the events after `lastEventId` from the table, page by page as
   * fast as the client reads, then what arrived meanwhile, then continues live, with no gap and no
   * duplicate between them.
   */
  async subscribe(
    scope: StreamScope,
    stream: SseStream,
    lastEventId: number | null,
    owner?: StreamOwner,
  ): Promise<void> {
    // Registered before anything is awaited: from here on, every event the feed reads is kept.
    const subscriber: Subscriber = { scope, stream, owner, pending: [], seenUpTo: Number.MAX_SAFE_INTEGER };
    const liveFrom = this.#lastId;
    this.#subscribers.add(subscriber);
    stream.onClose(() => this.#subscribers.delete(subscriber));

    // Without Last-Event-ID the stream starts at what is committed now; the feed may not have read it yet.
    subscriber.seenUpTo = lastEventId ?? (await this.orderLog.latestId());
    let after = subscriber.seenUpTo;
    while (after < liveFrom && !stream.closed) {
      const rows = await this.orderLog.after(after, { untilId: liveFrom, limit: BATCH, scope });
      if (rows.length === 0) break;
      for (const event of await this.#enrich(rows)) if (!(await stream.send(event.frame(scope)))) return;
      after = rows.at(-1)?.id ?? liveFrom;
    }
    // Live events kept while replaying, paced the same way; more may arrive while one waits.
    const pending = subscriber.pending ?? [];
    while (pending.length > 0) {
      const event = pending.shift() as LiveEvent;
      if (event.id <= subscriber.seenUpTo) continue;
      subscriber.seenUpTo = event.id;
      if (!(await stream.send(event.frame(scope)))) return;
    }
    subscriber.pending = null;
  }

  #deliver(subscriber: Subscriber, event: LiveEvent): void {
    if (event.id <= subscriber.seenUpTo) return;
    subscriber.seenUpTo = event.id;
    subscriber.stream.write(event.frame(subscriber.scope));
  }

  /** How many streams this user has open on this instance. */
  streamsOf(userId: string): number {
    let n = 0;
    for (const subscriber of this.#subscribers) if (subscriber.owner?.userId === userId) n += 1;
    return n;
  }

  /** Ends the streams of sessions that were revoked: what they showed is no longer theirs to see. */
  endSessions(sessionIds: readonly string[]): void {
    const ended = new Set(sessionIds);
    for (const subscriber of this.#subscribers) {
      if (subscriber.owner && ended.has(subscriber.owner.sessionId)) {
        subscriber.stream.end();
        this.#subscribers.delete(subscriber);
      }
    }
  }

  /** Ends every stream: clients reconnect elsewhere (or after a restart) and resume by id. */
  close(): void {
    if (this.#heartbeatTimer) clearInterval(this.#heartbeatTimer);
    void this.#loop.close();
    for (const subscriber of this.#subscribers) subscriber.stream.end();
    this.#subscribers.clear();
  }

  async #pump(): Promise<void> {
    for (;;) {
      const rows = await this.orderLog.after(this.#lastId, { limit: BATCH, scope: { kind: 'all' } });
      if (rows.length === 0) return;
      for (const event of await this.#enrich(rows)) {
        this.#lastId = event.id;
        for (const subscriber of this.#subscribers) {
          if (!event.visibleTo(subscriber.scope)) continue;
          if (subscriber.pending) subscriber.pending.push(event);
          else this.#deliver(subscriber, event);
        }
      }
      if (rows.length < BATCH) return;
    }
  }

  async #enrich(rows: FeedRow[]): Promise<LiveEvent[]> {
    const customerVisible = rows.filter((r) => r.visibility === 'customer').map((r) => r.id);
    const notifications = new Map(
      (await this.notifications.forEvents(customerVisible)).map((n) => [n.event_id, n]),
    );
    return rows.map((row) => new LiveEvent(row, notifications.get(row.id)));
  }

  #heartbeat(): void {
    for (const subscriber of this.#subscribers) subscriber.stream.heartbeat();
  }
}
