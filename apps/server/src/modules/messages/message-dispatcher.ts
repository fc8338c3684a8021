/**
 * Turns order events into messages and sends them (SPEC §13). The order events are the outbox,
 * written in each change's own transaction; this runs after commit, so a slow or dead mail server
 * never slows or fails an order. Two steps, each safe with several instances:
 * - compose: one instance at a time (a lease on the cursor row) reads the events after the cursor
 *   and queues a message per channel the customer has on; a message queued twice is one message.
 * - send: each instance claims due messages (on PostgreSQL with FOR UPDATE SKIP LOCKED), sends
 *   them and records the attempt; a failure is retried later, then given up as FAILED.
 * A crash between sending and recording sends that message again: at least once, never lost.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Order } from '@igniflo/contract';
import { allToTheEnd, BackgroundLoop } from '../../platform/background-loop.ts';
import { now, type Db } from '../../platform/db/database.ts';
import { groupedWrite, transaction } from '../../platform/db/transaction.ts';
import type { SmsSender } from '../auth/sms-sender.ts';
import { readEventData, type FeedRow, type OrderLog } from '../order-log/order-log.ts';
import type { OrdersService } from '../orders/orders.service.ts';
import { userDirectory } from '../users/user-directory.ts';
import type { UserRow } from '../users/users.table.ts';
import type { MailSender } from './mailer.ts';
import {
  advanceCursor,
  claimDue,
  insertMessages,
  leaseCursor,
  releaseCursor,
  settleClaimed,
} from './messages.repository.ts';
import type { MessageRow, NewMessageRow } from './messages.table.ts';
import { renderHtml, renderText } from './templates/layout.ts';
import { renderOrderMessage } from './templates/order-messages.ts';
import { templateFor } from './triggers.ts';
import { unsubscribeToken } from './unsubscribe-token.ts';

export interface MessageDispatcherOptions {
  tickMs: number;
  leaseMs: number;
  /** The wait before each retry; after the last one a message is FAILED. */
  retryDelaysMs: readonly number[];
}

/** First retries within a minute, then spreading out over a day (about 21 hours in all). */
export const RETRY_DELAYS_MS = [10e3, 20e3, 30e3, 5 * 60e3, 30 * 60e3, 2 * 3600e3, 6 * 3600e3, 12 * 3600e3];

export interface Channels {
  mail: MailSender | null;
  sms: SmsSender | null;
}

export class MessageDispatcher {
  readonly #owner = randomUUID();
  readonly #loop: BackgroundLoop;

  constructor(
    private readonly deps: {
      db: Db;
      orderLog: OrderLog;
      orders: OrdersService;
      channels: Channels;
      publicUrl: string;
      shopName: string;
      secret: string;
      log: FastifyBaseLogger;
    },
    private readonly options: MessageDispatcherOptions,
  ) {
    this.#loop = new BackgroundLoop(
      async () => {
        await this.#compose();
        await this.#sendDue();
      },
      { tickMs: options.tickMs, log: deps.log, what: 'sending messages' },
    );
  }

  get enabled(): boolean {
    return this.deps.channels.mail !== null || this.deps.channels.sms !== null;
  }

  start(): void {
    if (this.enabled) this.#loop.start();
  }

  async close(): Promise<void> {
    await this.#loop.close();
    this.deps.channels.mail?.close();
  }

  wake(): void {
    if (this.enabled) this.#loop.wake();
  }

  /**
   * Queues the messages the events after the cursor call for, and moves the cursor past them: a
   * page's messages and the cursor's move commit together (should another instance have taken the
   * cursor over meanwhile, the messages commit without it: queuing one again is a no-op). On SQLite
   * every write here joins the grouped commit of the orders being placed instead of an fsync of its own.
   */
  async #compose(): Promise<void> {
    const { db, orderLog } = this.deps;
    const owner = this.#owner;
    const until = () => new Date(Date.now() + this.options.leaseMs).toISOString();
    const leased = await groupedWrite(db, (w) => leaseCursor(w, owner, now(), until()));
    if (leased === undefined) return;
    let cursor = leased;
    try {
      while (!this.#loop.closed) {
        const events = await orderLog.after(cursor, { limit: 100, scope: { kind: 'all' } });
        if (events.length === 0) return;
        const messages = await this.#messagesOf(events);
        const next = events.at(-1)?.id ?? cursor;
        const held = await transaction(db, async (tx) => {
          await insertMessages(tx, messages);
          return advanceCursor(tx, owner, next, until());
        });
        if (!held) return;
        cursor = next;
      }
    } finally {
      await groupedWrite(db, (w) => releaseCursor(w, owner));
    }
  }

  /**
   * The messages a page of events calls for, to their customers and of their orders as they are
   * now. The page's customers are read at once, then their orders: a round trip for each event
   * would leave the messages of a busy shop ever further behind its orders.
   */
  async #messagesOf(events: FeedRow[]): Promise<NewMessageRow[]> {
    const told = events.flatMap((event) => {
      const template = templateFor(event);
      return template === undefined ? [] : [{ event, template }];
    });
    const customers = await userDirectory.byIds(
      this.deps.db,
      told.map(({ event }) => event.customer_id),
    );
    const reached = told.flatMap((one) => {
      const user = customers.get(one.event.customer_id);
      const ways = user && this.#waysToReach(user);
      return user && ways ? [{ ...one, user, ways }] : [];
    });
    const orders = await this.deps.orders.asTheirCustomersSee(reached.map(({ event }) => event.order_id));
    return reached.flatMap(({ event, template, user, ways }) => {
      const order = orders.get(event.order_id);
      return order ? this.#messagesFor(event, template, user, ways, order) : [];
    });
  }

  /** How the customer wants to hear of their orders, on the channels this shop has; undefined if not at all. */
  #waysToReach(user: UserRow): { email: boolean; sms: boolean } | undefined {
    const { channels } = this.deps;
    if (user.active !== 1) return undefined;
    const email = channels.mail !== null && user.email !== null && user.email_order_updates === 1;
    const sms =
      channels.sms !== null &&
      user.phone !== null &&
      user.phone_verified_at !== null &&
      user.sms_order_updates === 1;
    return email || sms ? { email, sms } : undefined;
  }

  #messagesFor(
    event: FeedRow,
    template: NonNullable<ReturnType<typeof templateFor>>,
    user: UserRow,
    ways: { email: boolean; sms: boolean },
    order: Order,
  ): NewMessageRow[] {
    const { publicUrl } = this.deps;
    const message = renderOrderMessage(template, {
      order,
      data: readEventData(event),
      note: event.note,
      links: {
        order: `${publicUrl}/orders/${order.id}`,
        tracking: `${publicUrl}/track/${order.orderNumber}`,
      },
    });
    const at = now();
    const base = {
      user_id: user.id,
      order_id: order.id,
      event_id: event.id,
      template,
      subject: message.subject,
      status: 'QUEUED' as const,
      attempts: 0,
      next_attempt_at: at,
      created_at: at,
    };
    const rows: NewMessageRow[] = [];
    if (ways.email && user.email)
      rows.push({ ...base, ...this.#email(user, message), recipient: user.email });
    if (ways.sms && user.phone) {
      rows.push({
        ...base,
        channel: 'sms',
        recipient: user.phone,
        text_body: message.sms,
        html_body: null,
        headers: '{}',
      });
    }
    return rows;
  }

  #email(user: UserRow, message: ReturnType<typeof renderOrderMessage>) {
    const unsubscribeUrl = `${this.deps.publicUrl}/api/v1/messages/unsubscribe?token=${unsubscribeToken(this.deps.secret, user.id)}`;
    const footer = {
      shopName: this.deps.shopName,
      reason: 'You get this email because you ordered from us.',
      unsubscribeUrl: `${this.deps.publicUrl}/unsubscribe?token=${unsubscribeToken(this.deps.secret, user.id)}`,
    };
    return {
      channel: 'email' as const,
      text_body: renderText(message.content, footer),
      html_body: renderHtml(message.content, footer),
      headers: JSON.stringify({
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      }),
    };
  }

  /** Sends what is due, a few at a time, until nothing is left for now. */
  async #sendDue(): Promise<void> {
    const { db } = this.deps;
    while (!this.#loop.closed) {
      const at = now();
      const until = new Date(Date.now() + this.options.leaseMs).toISOString();
      const claimed = await groupedWrite(db, (w) =>
        claimDue(w, { owner: this.#owner, at, until, limit: 10 }),
      );
      if (claimed.length === 0) return;
      // One recipient's messages go one after another, in the order they were queued.
      const byRecipient = new Map<string, MessageRow[]>();
      for (const message of claimed) {
        byRecipient.set(message.recipient, [...(byRecipient.get(message.recipient) ?? []), message]);
      }
      await allToTheEnd(
        [...byRecipient.values()].map(async (messages) => {
          for (const message of messages.sort((x, y) => x.id - y.id)) await this.#send(message);
        }),
      );
    }
  }

  async #send(message: MessageRow): Promise<void> {
    const started = Date.now();
    let error: string | null = null;
    try {
      if (message.channel === 'email') {
        const mail = this.deps.channels.mail;
        if (!mail) throw new Error('email is off');
        await mail.send({
          to: message.recipient,
          subject: message.subject,
          text: message.text_body,
          html: message.html_body,
          headers: JSON.parse(message.headers) as Record<string, string>,
        });
      } else {
        const sms = this.deps.channels.sms;
        if (!sms) throw new Error('text messages are off');
        await sms.send(message.recipient, message.text_body);
      }
    } catch (failure) {
      error = failure instanceof Error ? failure.message.slice(0, 300) : 'send failed';
      this.deps.log.warn(
        { messageId: message.id, attempt: message.attempts, channel: message.channel, error },
        'messages: send failed',
      );
    }
    const at = now();
    const delay = this.options.retryDelaysMs[message.attempts - 1];
    const patch =
      error === null
        ? { status: 'SENT' as const, sent_at: at }
        : delay === undefined
          ? { status: 'FAILED' as const }
          : { next_attempt_at: new Date(Date.now() + delay * (0.8 + Math.random() * 0.4)).toISOString() };
    const attempt = {
      attempt: message.attempts,
      succeeded: error === null ? 1 : 0,
      error,
      duration_ms: Date.now() - started,
      at,
    };
    // The message's new state and its attempt, both or neither.
    await transaction(this.deps.db, (tx) => settleClaimed(tx, message.id, this.#owner, patch, attempt));
  }
}
