import {
  Migrator,
  NO_MIGRATIONS,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely';
import type { Db } from './database.ts';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-live-events.ts';
import * as m0003 from './migrations/0003-cart-wishlist-otp.ts';
import * as m0004 from './migrations/0004-media-audit.ts';
import * as m0005 from './migrations/0005-sessions.ts';
import * as m0006 from './migrations/0006-avatars.ts';
import * as m0007 from './migrations/0007-order-customer-name.ts';
import * as m0008 from './migrations/0008-shipments.ts';
import * as m0009 from './migrations/0009-returns-refunds.ts';
import * as m0011 from './migrations/0011-messages.ts';
import * as m0012 from './migrations/0012-webhook-operations.ts';
import * as m0013 from './migrations/0013-account-mail.ts';
import * as m0014 from './migrations/0014-ledger-history.ts';
import * as m0015 from './migrations/0015-order-search.ts';

const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-live-events': m0002,
  '0003-cart-wishlist-otp': m0003,
  '0004-media-audit': m0004,
  '0005-sessions': m0005,
  '0006-avatars': m0006,
  '0007-order-customer-name': m0007,
  '0008-shipments': m0008,
  '0009-returns-refunds': m0009,
  '0011-messages': m0011,
  '0012-webhook-operations': m0012,
  '0013-account-mail': m0013,
  '0014-ledger-history': m0014,
  '0015-order-search': m0015,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/** Migrates forward to the latest version; each migration runs in a transaction and is recorded. */
export const migrateToLatest = (db: Db): Promise<void> => run((migrator) => migrator.migrateToLatest(), db);

/** Migrates up or down to the named migration (tests of one migration over data of the one before). */
export const migrateTo = (db: Db, name: string): Promise<void> =>
  run((migrator) => migrator.migrateTo(name), db);

/** Undoes every migration, newest first: what each migration's down() is for (tested, never run by the app). */
export const migrateToNothing = (db: Db): Promise<void> =>
  run((migrator) => migrator.migrateTo(NO_MIGRATIONS), db);

async function run(step: (migrator: Migrator) => Promise<MigrationResultSet>, db: Db): Promise<void> {
  const { error, results } = await step(new Migrator({ db, provider }));
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}
