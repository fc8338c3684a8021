import { describe, expect, it } from 'vitest';
import { dialects, openEmptyDatabase } from '../../../test/context.ts';
import type { Database } from './database.ts';
import { migrateToLatest, migrateToNothing } from './migrator.ts';

/** The tables of the schema, Kysely's own bookkeeping aside. */
async function schemaOf(database: Database): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return tables.map((t) => t.name).filter((name) => !name.startsWith('kysely_'));
}

describe.each(dialects)('migrations on %s', (dialect) => {
  it('undo completely, newest first, and apply again', async () => {
    const { database, remove } = await openEmptyDatabase(dialect);
    try {
      await migrateToLatest(database.db);
      const latest = await schemaOf(database);
      expect(latest).toContain('orders');
      await migrateToNothing(database.db);
      expect(await schemaOf(database)).toEqual([]);
      await migrateToLatest(database.db);
      expect((await schemaOf(database)).sort()).toEqual([...latest].sort());
    } finally {
      await remove();
    }
  });
});
