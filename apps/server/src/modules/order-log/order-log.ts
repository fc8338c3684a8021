/**
 * The order log: every order's history, and the outbox live streams and webhooks are driven from.
 * It owns the `order_events` table; nothing else writes it, and streams, webhooks and tracking
 * read it only through here.
 */
import { EventEmitter } from 'node:events';
import { sql, type RawBuilder } from 'kysely';
import type { ShipmentStatus, Visibility } from '@igniflo/contract';
import type { Db, Executor, Tx } from '../../platform/db/database.ts';
import { afterCommit } from '../../platform/db/transaction.ts';
import {
  eventInsertPart,
  eventInsertValues,
  eventsAfter,
  eventsOf,
  insertEventsInOrder,
  latestEventId,
  type EventInsertValues,
  type FeedRow,
  type StreamScope,
} from './order-log.repository.ts';
import type { NewOrderEventRow, OrderEventRow } from './order-log.table.ts';

export type { FeedRow, StreamScope } from './order-log.repository.ts';
export { PACKAGE_TYPES, TRACKED_TYPES, TRACKER_STREAM_TYPES } from './order-log.repository.ts';
export type { NewOrderEventRow, OrderEventRow } from './order-log.table.ts';

/** The order the events are about, as subscribers need it. */
export interface LoggedOrder {
  id: string;
  customer_id: string;
  order_number: string;
}

/**
 * What an event says beyond its note, for subscribers that act on it (messages to customers).
 * Stored as JSON in the event's `data`; only what a subscriber cannot read from the order now.
 */
export interface EventData {
  shipment?: {
    id: string;
    number: number;
    status: ShipmentStatus;
    carrier?: string | null;
    trackingNumber?: string | null;
    trackingUrl?: string | null;
    location?: string | null;
  };
  return?: { id: string; number: number; status: string };
  refund?: { amountCents: number; currency: string; reason: string };
}

export const eventData = (data: EventData): string => JSON.stringify(data);
export const readEventData = (row: { data: string | null }): EventData =>
  row.data ? (JSON.parse(row.data) as EventData) : {};

/** The values of OrderLog.appendParts: the events' and each subscriber's. */
export type AppendValues = EventInsertValues & Record<string, unknown>;

/** An event as a change describes it; the log adds the order and the id. */
export type NewEvent = Omit<NewOrderEventRow, 'order_id'>;

/**
 * Writes what follows from appended events, in their transaction: what it writes commits or rolls
 * back with them (the customer's notifications).
 */
export interface AppendSubscriber {
  /** Runs inside the appending transaction, after the events are written. */
  inTransaction(tx: Tx, order: LoggedOrder, events: OrderEventRow[]): Promise<void>;
  /**
   * The same writes as a CTE of a one-statement write (see appendParts), reading the new events,
   * in order, from the CTE `logged`; its name must start with the subscriber's table. Built once
   * per shape from stand-ins of the values `statementValues` gives (platform/db/prepared.ts), whose
   * names must start with that table's too.
   */
  statementPart(values: Record<string, unknown>): RawBuilder<unknown>;
  statementValues(order: LoggedOrder, events: NewEvent[]): Record<string, unknown>;
}

export class OrderLog {
  readonly #appendSubscribers: AppendSubscriber[] = [];
  readonly #committed = new EventEmitter().setMaxListeners(0);

  constructor(private readonly db: Db) {}

  /** Adds a subscriber that runs in every appending transaction (see AppendSubscriber). */
  onAppend(subscriber: AppendSubscriber): void {
    this.#appendSubscribers.push(subscriber);
  }

  /**
   * Listens for events once committed. A wake-up only: the rows are the truth, and a listener
   * that misses one (another instance wrote it) still finds it by reading the log.
   */
  onCommitted(listener: (event: OrderEventRow) => void): () => void {
    this.#committed.on('event', listener);
    return () => this.#committed.off('event', listener);
  }

  /**
   * Appends an order's events in the caller's transaction: takes the event-order lock (so ids
   * commit in order; append last, to hold it briefly), writes the rows, runs the append
   * subscribers, and announces the rows once the transaction commits.
   */
  async append(tx: Tx, order: LoggedOrder, events: NewEvent[]): Promise<OrderEventRow[]> {
    if (events.length === 0) return [];
    const rows = await insertEventsInOrder(
      tx,
      events.map((event) => ({ ...event, order_id: order.id })),
    );
    for (const subscriber of this.#appendSubscribers) await subscriber.inTransaction(tx, order, rows);
    afterCommit(tx, () => this.announce(rows));
    return rows;
  }

  /**
   * `append` as parts of a statement that writes an order in one round trip (PostgreSQL), built
   * from stand-ins of `appendValues`: the events' insert as the CTE `logged` (only when the CTE
   * named `gate` has a row; it takes the event-order lock, held until that statement commits) and
   * each subscriber's writes. Once the statement has committed, `announce` the rows `logged` returned.
   */
  appendParts(values: AppendValues, gate: string): RawBuilder<unknown> {
    return sql.join(
      [
        eventInsertPart(values, gate),
        ...this.#appendSubscribers.map((subscriber) => subscriber.statementPart(values)),
      ],
      sql`, `,
    );
  }

  /** The values of `appendParts` for an order's new events. */
  appendValues(order: LoggedOrder, events: NewEvent[]): AppendValues {
    return Object.assign(
      eventInsertValues(events.map((event) => ({ ...event, order_id: order.id }))),
      ...this.#appendSubscribers.map((subscriber) => subscriber.statementValues(order, events)),
    ) as AppendValues;
  }

  /** Announces events a one-statement write (appendParts) has committed. */
  announce(rows: OrderEventRow[]): void {
    for (const row of rows) this.#committed.emit('event', row);
  }

  /** One order's events, oldest first. */
  history(
    orderId: string,
    filter: { visibility?: Visibility; types?: readonly OrderEventRow['type'][] } = {},
    db: Executor = this.db,
  ): Promise<OrderEventRow[]> {
    return eventsOf(db, orderId, filter);
  }

  /** Events after `afterId` (up to `untilId`) that `scope` may see, oldest first. */
  after(
    afterId: number,
    options: { untilId?: number | undefined; limit: number; scope: StreamScope },
  ): Promise<FeedRow[]> {
    return eventsAfter(this.db, afterId, options);
  }

  /** The id of the newest event, 0 for none. */
  latestId(db: Executor = this.db): Promise<number> {
    return latestEventId(db);
  }
}
