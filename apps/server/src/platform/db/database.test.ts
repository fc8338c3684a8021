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
