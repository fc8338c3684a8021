/**
 * Durable SQLite commits without the event loop waiting on the disk (SQLITE_SYNCHRONOUS=FULL).
 *
 * SQLite's own FULL fsyncs the WAL inside COMMIT, on the only thread our code runs on: under the
 * order load that stopped the server for a third of the time (docs/performance.md, 2026-12-08).
 * Here SQLite runs with synchronous=NORMAL — a commit writes its frames to the WAL, unsynced — and
 * the driver fsyncs the WAL in libuv's thread pool:
 *
 * - The connection is let go as soon as the commit is written, so the next batch of transactions
 *   runs while the disk syncs the last one (a pipelined group commit).
 * - Whoever used the connection is answered only once everything committed before it let go is on
 *   disk: a write waits for its own commit, a read for the commits it may have read. So no answer
 *   ever rests on something a power cut could take back, as under FULL. One fsync at a time; the
 *   next covers every commit made while the last one ran.
 * - A failed fsync leaves the WAL in a state no one can vouch for (Linux may drop the pages it could
 *   not write and report success the next time): its waiters and every later statement fail until
 *   the server restarts and SQLite recovers from what is on disk — PostgreSQL's answer too.
 *
 * Checkpoints keep NORMAL's own syncs (the WAL before, the database after).
 */
import fs from 'node:fs';
import {
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';

/** Whether a statement that writes ran on the connection since it was taken; the statement cache sets it. */
export interface WalWrites {
  pending: boolean;
}

export class WalSyncDialect extends SqliteDialect {
  constructor(
    private readonly settings: SqliteDialectConfig,
    private readonly walFile: string,
    private readonly writes: WalWrites,
  ) {
    super(settings);
  }

  override createDriver(): Driver {
    return new WalSyncDriver(this.settings, this.walFile, this.writes);
  }
}

class WalSyncDriver extends SqliteDriver {
  #fd: number | undefined;
  /** Commits made, and how many of them (the first n) are known to be on disk. */
  #committed = 0;
  #durable = 0;
  #syncing: Promise<void> | undefined;
  #failure: { error: unknown } | undefined;

  constructor(
    settings: SqliteDialectConfig,
    private readonly walFile: string,
    private readonly writes: WalWrites,
  ) {
    super(settings);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#failure) throw this.#failure.error;
    return super.acquireConnection();
  }

  /** Kysely lets go of the connection after each statement outside a transaction and after each commit or rollback. */
  override async releaseConnection(): Promise<void> {
    if (this.writes.pending) {
      this.writes.pending = false;
      this.#committed += 1;
    }
    const seen = this.#committed;
    await super.releaseConnection();
    await this.#durableTo(seen);
  }

  /** Nothing was committed, so there is nothing of its own to wait for. */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await super.rollbackTransaction(connection);
    this.writes.pending = false;
  }

  override async destroy(): Promise<void> {
    await this.#syncing;
    await super.destroy();
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
    this.#fd = undefined;
  }

  async #durableTo(commits: number): Promise<void> {
    while (this.#durable < commits) {
      if (this.#failure) throw this.#failure.error;
      // The sync under way may have begun before the commits waited for: then the next one covers them.
      this.#syncing ??= this.#sync().finally(() => (this.#syncing = undefined));
      await this.#syncing;
    }
    if (this.#failure) throw this.#failure.error;
  }

  async #sync(): Promise<void> {
    const upTo = this.#committed;
    try {
      const fd = this.#walFd();
      if (fd !== undefined)
        await new Promise<void>((resolve, reject) => fs.fdatasync(fd, (e) => (e ? reject(e) : resolve())));
      this.#durable = upTo;
    } catch (error) {
      this.#failure = { error };
    }
  }

  /**
   * The WAL exists from the first write on and keeps its inode while the database is open
   * (checkpoints reuse or truncate it; only the last connection's close deletes it). No WAL yet:
   * nothing was written (a statement SQLite counts as writing, a pragma say, changed no page).
   */
  #walFd(): number | undefined {
    if (this.#fd !== undefined) return this.#fd;
    try {
      this.#fd = fs.openSync(this.walFile, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return this.#fd;
  }
}
