/**
 * Bulk insert into a database the app has migrated: SQLite through prepared statements in large
 * transactions (better-sqlite3), PostgreSQL by INSERT … SELECT FROM unnest(arrays), some 10,000
 * rows a statement, with the column types the migrations gave each table.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { TableRows } from './data.ts';

export interface Loader {
  insert(tables: TableRows[]): Promise<void>;
  /** The statistics and upkeep a live database would have by now (ANALYZE; autovacuum on PostgreSQL). */
  upkeep(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A live database's message dispatcher has composed every past event: without this the server
 * would start by composing messages for every event loaded, which is no shop's steady state.
 */
const EVENTS_COMPOSED =
  'update message_cursor set last_event_id = (select coalesce(max(id), 0) from order_events) where id = 1';

export function sqliteLoader(file: string): Loader {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  // A bulk load: nothing is lost that the run could not make again.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const statements = new Map<string, SQLite.Statement>();
  const statementOf = ({ table, columns }: TableRows) => {
    const key = `${table}(${columns.join()})`;
    let statement = statements.get(key);
    if (!statement) {
      statement = db.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      );
      statements.set(key, statement);
    }
    return statement;
  };
  const insertAll = db.transaction((tables: TableRows[]) => {
    for (const rows of tables) {
      const statement = statementOf(rows);
      for (const row of rows.rows) statement.run(row);
    }
  });
  return {
    insert: async (tables) => insertAll(tables),
    upkeep: async () => {
      db.exec(EVENTS_COMPOSED);
      db.exec('analyze');
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close: async () => void db.close(),
  };
}

const ROWS_PER_STATEMENT = 10_000;

export async function postgresLoader(url: string): Promise<Loader> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // A bulk load: a crash loses at most the last commits, which the run would make again anyway.
  await client.query('set synchronous_commit = off');
  // The trigram (GIN) indexes take new rows into a pending list merged when full: a larger list
  // merges less often, with more memory to sort in.
  await client.query("set gin_pending_list_limit = '64MB'");
  await client.query("set work_mem = '256MB'");
  const types = new Map<string, string>();
  const { rows } = await client.query<{ table_name: string; column_name: string; udt_name: string }>(
    "select table_name, column_name, udt_name from information_schema.columns where table_schema = 'public'",
  );
  for (const row of rows) types.set(`${row.table_name}.${row.column_name}`, row.udt_name);
  async function insertRows({ table, columns, rows }: TableRows) {
    const casts = columns.map((column, i) => {
      const type = types.get(`${table}.${column}`);
      if (!type) throw new Error(`no column ${table}.${column}`);
      return `$${i + 1}::${type}[]`;
    });
    const text = `insert into ${table} (${columns.join(', ')}) select * from unnest(${casts.join(', ')})`;
    for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(at, at + ROWS_PER_STATEMENT);
      await client.query(
        text,
        columns.map((_, c) => chunk.map((row) => row[c])),
      );
    }
  }
  return {
    insert: async (tables) => {
      await client.query('begin');
      for (const table of tables) await insertRows(table);
      await client.query('commit');
    },
    // Autovacuum would have vacuumed and analysed tables this size by now (the GIN indexes'
    // pending lists merged in, the visibility map set for index-only scans).
    upkeep: async () => {
      await client.query(EVENTS_COMPOSED);
      await client.query('vacuum analyze');
    },
    close: () => client.end(),
  };
}

/**
 * A copy of a database no one is connected to, dropped by `drop`: the SQLite file (checkpointed by
 * `upkeep`) in a temp folder of its own, or a PostgreSQL database made from it as a template.
 */
export async function copyDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (url.startsWith('file:')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'igniflo-bench-'));
    const file = path.join(dir, 'igniflo.db');
    copyFileSync(url.slice('file:'.length), file);
    return { url: `file:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const source = new URL(url);
  const name = `${source.pathname.slice(1)}_copy`;
  // Not through the source itself: a template must have no connections.
  const admin =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const run = async (text: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await run(`create database ${name} template ${source.pathname.slice(1)}`);
  const copy = new URL(url);
  copy.pathname = `/${name}`;
  return { url: copy.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
