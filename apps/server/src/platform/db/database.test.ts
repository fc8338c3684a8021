import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, dialects } from '../../../test/context.ts';
import { openDatabase, type Database } from './database.ts';

describe.runIf(dialects.includes('postgres'))('PostgreSQL connections', () => {
  let pg: Awaited<ReturnType<typeof createPgDatabase>>;
  let database: Database;

  beforeAll(async () => {
    pg = await createPgDatabase();
    database = openDatabase({ dialect: 'postgres', url: pg.url, poolSize: 3 });
  });
  afterAll(async () => {
    await database.close();
    await pg.drop();
  });

  it('opens at most the configured number, however many queries wait', async () => {
    const pids = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.02)`.execute(
          database.db,
        );
        return rows[0]?.pid;
      }),
    );
    expect(new Set(pids).size).toBe(3);
  });
});

describe('SQLite connection', () => {
  it('keeps savepoint undo copies in memory, and commits durably to the write-ahead log', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'igniflo-db-'));
    const database = openDatabase({
      dialect: 'sqlite',
      file: path.join(dir, 'db.sqlite'),
      synchronous: 'FULL',
    });
    try {
      const pragma = async (name: string) =>
        Object.values(
          (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(database.db)).rows[0] ?? {},
        )[0];
      expect(await pragma('temp_store')).toBe(2); // MEMORY
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(1); // NORMAL: FULL's fsync of each commit is wal-sync.ts's
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
