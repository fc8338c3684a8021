/**
 * The one way to run a transaction. On PostgreSQL it is a plain transaction. On SQLite, where every
 * durable commit waits for an fsync of the write-ahead log (wal-sync.ts), concurrent
 * transactions are grouped: those that arrive while one batch runs share the next physical
 * transaction, each in its own savepoint, and every caller is answered only after the shared
 * commit. A failing transaction rolls back to its savepoint and fails alone; a failing commit fails
 * the whole batch. Durability is unchanged; fsyncs per order drop from one to a fraction.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery } from 'kysely';
import type { Db, Executor, Tx } from './database.ts';

export type Work<T> = (tx: Tx) => Promise<T>;

// Compiled once: they run two or three times for every transaction of a batch.
const SAVEPOINT = CompiledQuery.raw('savepoint grouped');
const RELEASE = CompiledQuery.raw('release grouped');
const ROLLBACK_TO = CompiledQuery.raw('rollback to grouped');

/** The longest a batch runs before letting the event loop serve others. */
const YIELD_AFTER_MS = 4;
/** Callers answered between two turns of the event loop once their batch committed. */
const ANSWER_CHUNK = 8;

interface Job {
  work: Work<unknown>;
  /** What runs once the job's work has committed (its afterCommit hooks). */
  committed: () => void;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

class GroupCommit {
  #queue: Job[] = [];
  #scheduled = false;
  /** Physical commits, the transactions they carried, and transactions rolled back alone. */
  readonly stats = { commits: 0, transactions: 0, failed: 0 };

  constructor(
    private readonly db: Db,
    private readonly maxBatch: number,
  ) {}

  run<T>(work: Work<T>, committed: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, committed, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  /** setImmediate lets the requests already waiting in this I/O round join the batch. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => void this.#flush());
  }

  async #flush(): Promise<void> {
    const done: { job: Job; result: unknown }[] = [];
    let commitFailure: { error: unknown } | undefined;
    let taken = 0;
    // The next batch may begin once this one's statements are done: under wal-sync.ts it runs while
    // the disk syncs this one, whose callers are answered when the sync is done.
    let handedOn = false;
    const handOn = () => {
      if (handedOn) return;
      handedOn = true;
      this.#scheduled = false;
      if (this.#queue.length > 0) this.#schedule();
    };
    try {
      await this.db.transaction().execute(async (tx) => {
        let since = performance.now();
        // Jobs that arrive while the batch runs join it, up to the cap.
        for (let count = 0; count < this.maxBatch && this.#queue.length > 0; count++) {
          const job = this.#queue.shift()!;
          taken += 1;
          try {
            await tx.executeQuery(SAVEPOINT);
          } catch (error) {
            // The batch's transaction itself is broken (SQLite rolled it back, the database is
            // closing): this job fails, and so does the batch.
            job.reject(error);
            throw error;
          }
          let failure: { error: unknown } | undefined;
          try {
            const result = await job.work(tx);
            await tx.executeQuery(RELEASE);
            done.push({ job, result });
          } catch (error) {
            failure = { error };
          }
          if (failure) {
            this.stats.failed += 1;
            job.reject(failure.error);
            await tx.executeQuery(ROLLBACK_TO);
            await tx.executeQuery(RELEASE);
          }
          // better-sqlite3 runs each statement on the event loop: every few milliseconds of batch
          // the loop serves everything else waiting (requests to parse, streams to write), so no
          // batch blocks it for long. Other queries wait for the connection, which this
          // transaction holds, and so never see uncommitted rows.
          if (performance.now() - since >= YIELD_AFTER_MS) {
            await new Promise((resolve) => setImmediate(resolve));
            since = performance.now();
          }
        }
        handOn();
      });
      this.stats.commits += 1;
      this.stats.transactions += done.length;
    } catch (error) {
      commitFailure = { error };
      // The batch failed before it took a job (its begin failed: the database is closed, say): the
      // jobs waiting would meet the same failure again and again, never answered. A batch's worth
      // fails with it instead.
      if (taken === 0) for (const job of this.#queue.splice(0, this.maxBatch)) job.reject(error);
    } finally {
      handOn();
    }
    // The batch's hooks run together, before any answer: the wake-ups they send (the live feed,
    // the outboxes) arrive at once, so each reader reads the batch's events once.
    const hookFailures = new Map<Job, unknown>();
    if (!commitFailure) {
      for (const { job } of done) {
        try {
          job.committed();
        } catch (error) {
          hookFailures.set(job, error);
        }
      }
    }
    // Each answer runs its request's rest (serializing, writing the response) as soon as it is
    // given: a few at a time, with the next batch already scheduled, so a batch's worth of
    // responses never holds the loop in one piece.
    for (let i = 0; i < done.length; i++) {
      const { job, result } = done[i]!;
      if (commitFailure) job.reject(commitFailure.error);
      else if (hookFailures.has(job)) job.reject(hookFailures.get(job));
      else job.resolve(result);
      if ((i + 1) % ANSWER_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

const groups = new WeakMap<Db, GroupCommit>();

/** Turns on grouped commits for a SQLite database, at most `maxBatch` transactions per commit. */
export function groupCommits(db: Db, maxBatch = 32): void {
  groups.set(db, new GroupCommit(db, maxBatch));
}

export const groupCommitStats = (db: Db) => groups.get(db)?.stats;

const isTransaction = (executor: Executor): executor is Tx => executor.isTransaction;

/** What runs once a transaction's work has committed, per open transaction (see afterCommit). */
const committedHooks = new WeakMap<Tx, (() => void)[]>();

/**
 * Outside production, which database each async context is inside a transaction of: a
 * `transaction(db, …)` started inside another on the same database would wait, under grouped
 * commits, for the batch it is part of, for good. It throws instead. (AsyncLocalStorage costs
 * every promise a little in Node 20, so production leaves the check to the tests.)
 */
const openOn = process.env.NODE_ENV === 'production' ? undefined : new AsyncLocalStorage<Db>();

/**
 * Runs `work` in a transaction: all of it commits, or none of it. Given an open transaction, `work`
 * joins it (it commits or rolls back with the rest); given the database, a new one begins.
 */
export function transaction<T>(executor: Executor, work: Work<T>): Promise<T> {
  if (isTransaction(executor)) return work(executor);
  const db = executor;
  if (openOn?.getStore() === db) {
    throw new Error('transaction(db) inside a transaction on the same database: pass its tx to join it');
  }
  const hooks: (() => void)[] = [];
  // Under grouped commits the jobs of a batch share one Tx but run one after another, so the
  // hooks in place while a job runs are that job's own.
  const bound: Work<T> = async (tx) => {
    committedHooks.set(tx, hooks);
    try {
      return await (openOn ? openOn.run(db, () => work(tx)) : work(tx));
    } finally {
      committedHooks.delete(tx);
    }
  };
  const committed = () => {
    for (const hook of hooks) hook();
  };
  const group = groups.get(db);
  if (group) return group.run(bound, committed);
  return db
    .transaction()
    .execute(bound)
    .then((result) => {
      committed();
      return result;
    });
}

/**
 * Runs a write that needs no transaction of its own (one statement, say) as cheaply as the database
 * allows: under grouped commits (SQLite) it joins the next batch and shares its fsync, rather than
 * committing alone and waiting for the disk on the event loop's thread; elsewhere it runs as it is,
 * each statement its own transaction. For the background loops' leases and claims.
 */
export function groupedWrite<T>(db: Db, work: (executor: Executor) => Promise<T>): Promise<T> {
  return groups.has(db) ? transaction(db, work) : work(db);
}

/**
 * Runs `hook` once the transaction `tx` belongs to has committed, and never if it rolls back: the
 * place for announcements that must not run ahead of the data (wake-ups, cache drops).
 */
export function afterCommit(tx: Tx, hook: () => void): void {
  const hooks = committedHooks.get(tx);
  if (!hooks) throw new Error('afterCommit needs a transaction begun by transaction()');
  hooks.push(hook);
}
