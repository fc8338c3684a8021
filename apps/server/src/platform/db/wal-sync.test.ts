import fs, { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { transaction } from './transaction.ts';

type Callback = (error: NodeJS.ErrnoException | null) => void;

describe('durable SQLite commits synced off the event loop (SQLITE_SYNCHRONOUS=FULL)', () => {
  const realFdatasync = fs.fdatasync;
  /** The files fdatasync was called on, in order. */
  let synced: string[];
  /** While set, syncs wait for it before they reach the disk. */
  let gate: Promise<void> | undefined;
  let release = () => {};
  const holdSyncs = () => {
    gate = new Promise((resolve) => (release = resolve));
  };
  let failNext: NodeJS.ErrnoException | undefined;
  let dir: string;
  let file: string;
  let database: Database;

  beforeEach(async () => {
    synced = [];
    gate = undefined;
    failNext = undefined;
    vi.spyOn(fs, 'fdatasync').mockImplementation((fd: number, callback: Callback) => {
      synced.push(readlinkSync(`/proc/self/fd/${fd}`));
      const failure = failNext;
      failNext = undefined;
      void (gate ?? Promise.resolve()).then(() =>
        failure ? callback(failure) : realFdatasync(fd, callback),
      );
    });
    dir = mkdtempSync(path.join(tmpdir(), 'igniflo-walsync-'));
    file = path.join(dir, 'db.sqlite');
    database = openDatabase({ dialect: 'sqlite', file, synchronous: 'FULL' });
    await sql`create table t (n integer)`.execute(database.db);
    synced = [];
  });
  afterEach(async () => {
    release();
    await database.close().catch(() => {});
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (n: number) => sql`insert into t (n) values (${n})`.execute(database.db);
  const count = async () =>
    (await sql<{ c: number }>`select count(*) as c from t`.execute(database.db)).rows[0]?.c;
  /** Whether the promise has settled after the event loop has turned a few times. */
  const settled = async (promise: Promise<unknown>) => {
    let done = false;
    void promise.then(
      () => (done = true),
      () => (done = true),
    );
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    return done;
  };

  it('runs SQLite with NORMAL and syncs the write-ahead log itself, once per write, never for a read', async () => {
    const pragma = (await sql.raw<{ synchronous: number }>('pragma synchronous').execute(database.db))
      .rows[0];
    expect(pragma?.synchronous).toBe(1); // NORMAL: the commit writes its frames, the driver syncs them
    await insert(1);
    expect(synced).toEqual([`${file}-wal`]);
    expect(await count()).toBe(1);
    expect(synced).toHaveLength(1);
  });

  it('answers a write only once its commit is on disk, and lets the next statements run meanwhile', async () => {
    holdSyncs();
    const ran: string[] = [];
    const stop = database.traceStatements((text) => ran.push(text));
    try {
      const first = insert(1);
      expect(await settled(first)).toBe(false); // its sync is held
      const second = insert(2);
      const read = count();
      expect(await settled(second)).toBe(false);
      expect(await settled(read)).toBe(false); // it saw rows not yet on disk: it waits for them too
      // Both ran on the connection while the first commit's sync was under way.
      expect(ran.filter((text) => text.startsWith('insert'))).toHaveLength(2);
      expect(ran.filter((text) => text.startsWith('select'))).toHaveLength(1);
      release();
      await Promise.all([first, second]);
      expect(await read).toBe(2);
      // One sync for the first commit; the second, begun after it, covers the second commit.
      expect(synced).toHaveLength(2);
    } finally {
      stop();
    }
  });

  it('runs the next batch of grouped transactions while the last one syncs', async () => {
    holdSyncs();
    const ran: string[] = [];
    const stop = database.traceStatements((text) => ran.push(text));
    try {
      const write = (n: number) =>
        transaction(database.db, (tx) => sql`insert into t (n) values (${n})`.execute(tx));
      const first = write(1);
      expect(await settled(first)).toBe(false);
      const second = write(2);
      expect(await settled(second)).toBe(false);
      expect(ran.filter((text) => text === 'commit')).toHaveLength(2); // the second committed; its answer waits
      release();
      await Promise.all([first, second]);
      expect(synced).toHaveLength(2);
    } finally {
      stop();
    }
  });

  it('gives twenty transactions arriving together one sync between them', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        transaction(database.db, (tx) => sql`insert into t (n) values (${n})`.execute(tx)),
      ),
    );
    expect(await count()).toBe(20);
    expect(synced).toHaveLength(1);
  });

  it('fails the write whose sync failed, and every statement after it', async () => {
    failNext = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    await expect(insert(1)).rejects.toMatchObject({ code: 'EIO' });
    await expect(count()).rejects.toMatchObject({ code: 'EIO' });
    await expect(insert(2)).rejects.toMatchObject({ code: 'EIO' });
  });

  it('leaves the syncing to SQLite under another setting', async () => {
    const other = openDatabase({
      dialect: 'sqlite',
      file: path.join(dir, 'extra.sqlite'),
      synchronous: 'EXTRA',
    });
    try {
      await sql`create table t (n integer)`.execute(other.db);
      const pragma = (await sql.raw<{ synchronous: number }>('pragma synchronous').execute(other.db)).rows[0];
      expect(pragma?.synchronous).toBe(3);
      expect(synced).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
