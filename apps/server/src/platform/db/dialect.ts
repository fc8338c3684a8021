import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely, type RawBuilder } from 'kysely';

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

/** Hours between two ISO-8601 text timestamps, as a SQL expression for either dialect. */
export function hoursBetween(db: AnyKysely, from: string, to: string): RawBuilder<number> {
  return isPostgres(db)
    ? sql<number>`extract(epoch from (${sql.ref(to)}::timestamptz - ${sql.ref(from)}::timestamptz)) / 3600.0`
    : sql<number>`(julianday(${sql.ref(to)}) - julianday(${sql.ref(from)})) * 24.0`;
}
