/**
 * Cross-instance wake-up on PostgreSQL: after a commit an instance sends NOTIFY; every instance
 * LISTENs and wakes its event feed. The signal carries no data (the event table is the truth), so
 * a lost notification only delays delivery until the feed's next poll; only the sender's instance
 * id, so it does not wake itself a second time.
 */
import pg from 'pg';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../lib/ids.ts';

const CHANNEL = 'igniflo_order_events';

export class PgWakeup {
  #client: pg.Client | null = null;
  #closed = false;
  #notifying = false;
  #notifyAgain = false;
  readonly #instance = newId();

  constructor(
    private readonly url: string,
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
    private readonly onWake: () => void,
  ) {}

  async start(): Promise<void> {
    await this.#listen();
  }

  /** Tells every instance that events committed; concurrent calls coalesce into one NOTIFY. */
  notify(): void {
    if (this.#notifying) {
      this.#notifyAgain = true;
      return;
    }
    this.#notifying = true;
    sql`select pg_notify(${CHANNEL}, ${this.#instance})`
      .execute(this.db)
      .catch((error: unknown) => this.log.warn({ err: error }, 'NOTIFY failed'))
      .finally(() => {
        this.#notifying = false;
        if (this.#notifyAgain) {
          this.#notifyAgain = false;
          this.notify();
        }
      });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#client?.end().catch(() => undefined);
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'igniflo-listener' });
    client.on('notification', ({ payload }) => {
      if (payload !== this.#instance) this.onWake();
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'LISTEN connection lost; reconnecting');
      this.#reconnect(client);
    });
    client.on('end', () => this.#reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.#client = client;
    // Anything committed while the listener was away is picked up now.
    this.onWake();
  }

  #reconnect(client: pg.Client): void {
    if (this.#closed || this.#client !== client) return;
    this.#client = null;
    void client.end().catch(() => undefined);
    const retry = () => {
      if (this.#closed) return;
      this.#listen().catch(() => setTimeout(retry, 1000).unref());
    };
    setTimeout(retry, 500).unref();
  }
}
