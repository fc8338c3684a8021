import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/** Any Kysely instance or transaction, whatever its table types. */
type AnyKysely = Pick<Kysely<unknown>, 'getExecutor'>;

export function isPostgres(db: AnyKysely): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** A strictly increasing integer key: identity on PostgreSQL, AUTOINCREMENT (never reused) on SQLite. */
export function autoIncrementId(db: Kysely<unknown>) {
  return (c: ColumnDefinitionBuilder) =>
    isPostgres(db) ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement();
}
