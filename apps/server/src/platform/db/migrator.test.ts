import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPgDatabase, dialects } from '../../../test/context.ts';
import { openDatabase, type Database } from './database.ts';
import { migrateToLatest, migrateToNothing } from './migrator.ts';

/** The tables of the schema, Kysely's own bookkeeping aside. */
async function schemaOf(database: Database): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return tables.map((t) => t.name).filter((name) => !name.startsWith('kysely_'));
}

describe.each(dialects)('migrations on %s', (dialect) => {
  it('undo completely, newest first, and apply again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'igniflo-migrations-'));
    const pg = dialect === 'postgres' ? await createPgDatabase() : undefined;
    const database = openDatabase(
      pg
        ? { dialect: 'postgres', url: pg.url }
        : { dialect: 'sqlite', file: path.join(dir, 'db.sqlite'), synchronous: 'FULL' },
    );
    try {
      await migrateToLatest(database.db);
      const latest = await schemaOf(database);
      expect(latest).toContain('orders');
      await migrateToNothing(database.db);
      expect(await schemaOf(database)).toEqual([]);
      await migrateToLatest(database.db);
      expect((await schemaOf(database)).sort()).toEqual([...latest].sort());
    } finally {
      await database.close();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
