/** Opens the Kysely instance for the configured dialect; everything dialect-specific lives in this folder. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteStatement, type Transaction } from 'kysely';
import { DEFAULT_POOL_SIZE, type DatabaseConfig } from '../config.ts';
import type { DB } from './tables.ts';
import { statementName } from './prepared.ts';
import { groupCommits } from './transaction.ts';
import { WalSyncDialect } from './wal-sync.ts';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** A database handle or an open transaction: repositories take either. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  dialect: DatabaseConfig['dialect'];
  /** A round trip to the database, for readiness checks. */
  ping(): Promise<void>;
  /**
   * Statements sent to the database since it was opened (BEGIN and COMMIT included): round trips
   * on PostgreSQL, calls into SQLite on SQLite. GET /metrics shows it; the benchmark counts it per
   * request.
   */
  statements(): number;
  /** Hands each statement's text to `listener` as it is sent (for tests): stop with the result. */
  traceStatements(listener: (text: string) => void): () => void;
  close(): Promise<void>;
}

// int8 (counts, sums, bigint ids) fits a JS number for every value this system stores.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function openDatabase(config: DatabaseConfig): Database {
  if (config.dialect === 'sqlite') {
    mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    // FULL's fsync of each commit is done by the driver, off the event loop (wal-sync.ts).
    const walSync = config.synchronous === 'FULL';
    sqlite.pragma(`synchronous = ${walSync ? 'NORMAL' : config.synchronous}`);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Each grouped transaction runs in a savepoint, whose undo copies of pages (the sub-journal)
    // went to a temporary file: written through system calls on every statement, they were half
    // of an order's time in SQLite. In memory they are the same copies; the WAL, which makes a
    // commit durable, is untouched.
    sqlite.pragma('temp_store = MEMORY');
    const counted = withStatementCache(sqlite);
    const settings = { database: counted };
    const dialect = walSync
      ? new WalSyncDialect(settings, `${config.file}-wal`, counted)
      : new SqliteDialect(settings);
    const db = new Kysely<DB>({ dialect });
    groupCommits(db);
    return {
      db,
      dialect: 'sqlite',
      statements: () => counted.statements,
      traceStatements: (listener) => {
        counted.traced = listener;
        return () => (counted.traced = undefined);
      },
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      close: () => db.destroy(),
    };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: 5000,
    // The application names itself so operators can tell its sessions apart.
    application_name: 'igniflo',
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const counter: StatementCounter = { statements: 0 };
  pool.on('connect', (client) => nameStatements(client, counter));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    statements: () => counter.statements,
    traceStatements: (listener) => {
      counter.traced = listener;
      return () => (counter.traced = undefined);
    },
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/**
 * better-sqlite3 compiles a statement on every prepare(); Kysely prepares each query it runs. The
 * same few hundred query shapes repeat, so compiled statements are kept and reused. Kysely
 * prepares once per query it runs, so the prepares are also the count of statements, and a
 * statement that writes, prepared, is one about to write (`pending`, for wal-sync.ts).
 */
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, { statement: SqliteStatement; writes: boolean }>();
  return {
    statements: 0,
    pending: false,
    traced: undefined as ((text: string) => void) | undefined,
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      this.statements++;
      this.traced?.(sql);
      let entry = cache.get(sql);
      if (entry === undefined) {
        const prepared = sqlite.prepare(sql);
        entry = { statement: withFastRows(prepared), writes: !prepared.readonly };
        if (cache.size >= size) cache.delete(cache.keys().next().value ?? '');
        cache.set(sql, entry);
      }
      if (entry.writes) this.pending = true;
      return entry.statement;
    },
  };
}

/**
 * Rows as plain objects, built in JavaScript from better-sqlite3's raw arrays by a function made
 * once per statement: objects of one fixed shape, which V8 creates about twice as fast as the
 * driver sets properties one by one. The rows are the same (a repeated column name keeps the last
 * value, as before); reads are where an API request spends most of its time in SQLite.
 */
function withFastRows(statement: SQLite.Statement): SqliteStatement {
  if (!statement.reader) return statement;
  const names = statement.columns().map((column) => JSON.stringify(column.name));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- built from column names only
  const toRow = new Function('r', `return { ${names.map((name, i) => `${name}: r[${i}]`).join(', ')} };`) as (
    raw: unknown[],
  ) => unknown;
  const raw = statement.raw(true);
  return {
    reader: true,
    all: (parameters) => (raw.all(parameters) as unknown[][]).map(toRow),
    run: (parameters) => raw.run(parameters),
    *iterate(parameters) {
      for (const row of raw.iterate(parameters)) yield toRow(row as unknown[]);
    },
  };
}

/**
 * Runs prepared() queries as named statements on this connection: PostgreSQL parses and plans each
 * once per connection instead of on every run. Kysely calls query(sql, parameters); other SQL runs
 * as before. Every query is counted: each is one round trip.
 */
interface StatementCounter {
  statements: number;
  traced?: ((text: string) => void) | undefined;
}

function nameStatements(client: pg.PoolClient, counter: StatementCounter): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    counter.statements++;
    if (counter.traced && typeof text === 'string') counter.traced(text);
    const name = typeof text === 'string' ? statementName(text) : undefined;
    if (name === undefined) return query(text, values, callback);
    // query(text, callback) is a form of pg's too.
    return typeof values === 'function'
      ? query({ name, text }, values)
      : query({ name, text, values }, callback);
  }) as typeof client.query;
}

export function isUniqueViolation(error: unknown, constraintHint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, constraint } = error as { code?: unknown; message?: unknown; constraint?: unknown };
  const unique =
    code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  if (!unique || constraintHint === undefined) return unique;
  return [message, constraint].some((s) => typeof s === 'string' && s.includes(constraintHint));
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
]);

/**
 * The database cannot be reached right now (down, restarting, connection lost): the request may
 * succeed if retried, so it is answered 503, not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  );
}

export const now = () => new Date().toISOString();
