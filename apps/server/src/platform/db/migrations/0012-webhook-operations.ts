/**
 * Webhook operations (SPEC §13): pings and redeliveries recorded beside the dispatcher's own
 * attempts (a ping sends no event), the failure state that turns a webhook off after a day of
 * failures, an index for the retention sweep, and notifications about a webhook rather than an
 * order (an admin is told when one is turned off).
 */
import { sql, type Kysely } from 'kysely';
import { autoIncrementId, isPostgres } from '../dialect.ts';

const DELIVERY_COLUMNS = [
  'id',
  'webhook_id',
  'event_id',
  'attempt',
  'succeeded',
  'response_status',
  'error',
  'duration_ms',
  'at',
];
const NOTIFICATION_COLUMNS = [
  'id',
  'user_id',
  'order_id',
  'event_id',
  'title',
  'body',
  'read_at',
  'created_at',
];

/** The two tables as 0002 made them, with their event (and order) required or not. */
function createDeliveries(db: Kysely<unknown>, name: string, eventRequired: boolean) {
  return db.schema
    .createTable(name)
    .addColumn('id', 'integer', autoIncrementId(db))
    .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event_id', 'integer', (c) => (eventRequired ? c.notNull() : c))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull());
}

function createNotifications(db: Kysely<unknown>, name: string, orderRequired: boolean) {
  return db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('order_id', 'text', (c) => (orderRequired ? c.notNull() : c).references('orders.id'))
    .addColumn('event_id', 'integer', (c) => (orderRequired ? c.notNull() : c).references('order_events.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull());
}

async function createIndexes(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('webhook_deliveries_webhook_idx')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'id'])
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'id'])
    .execute();
  await db.schema.createIndex('notifications_event_idx').on('notifications').column('event_id').execute();
}

/**
 * SQLite cannot change whether a column may be null: both tables are built again under their
 * names, rows and ids kept (AUTOINCREMENT's counter follows the copied ids).
 */
async function rebuildOnSqlite(db: Kysely<unknown>, required: boolean): Promise<void> {
  const tables = [
    { name: 'webhook_deliveries', create: createDeliveries, columns: DELIVERY_COLUMNS },
    { name: 'notifications', create: createNotifications, columns: NOTIFICATION_COLUMNS },
  ];
  for (const { name, create, columns } of tables) {
    const next = `${name}_next`;
    await create(db, next, required).execute();
    const list = sql.join(columns.map((c) => sql.ref(c)));
    await sql`insert into ${sql.table(next)} (${list}) select ${list} from ${sql.table(name)}`.execute(db);
    await db.schema.dropTable(name).execute();
    await db.schema.alterTable(next).renameTo(name).execute();
  }
  await createIndexes(db);
}

async function eventRequired(db: Kysely<unknown>, required: boolean): Promise<void> {
  if (!isPostgres(db)) {
    await rebuildOnSqlite(db, required);
    return;
  }
  const change = required ? sql`set not null` : sql`drop not null`;
  await sql`alter table webhook_deliveries alter column event_id ${change}`.execute(db);
  await sql`alter table notifications alter column order_id ${change}, alter column event_id ${change}`.execute(
    db,
  );
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await eventRequired(db, false);
  // SQLite adds one column a statement.
  for (const column of ['failing_since', 'disabled_at', 'disabled_reason']) {
    await db.schema.alterTable('webhooks').addColumn(column, 'text').execute();
  }
  await db.schema
    .alterTable('webhook_deliveries')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('event'))
    .execute();
  await db.schema.alterTable('webhook_deliveries').addColumn('event_type', 'text').execute();
  await db.schema
    .alterTable('webhook_deliveries')
    .addColumn('redelivery_of', isPostgres(db) ? 'bigint' : 'integer')
    .execute();
  await db.schema.alterTable('webhook_deliveries').addColumn('delivery_uid', 'text').execute();
  await sql`update webhook_deliveries set event_type = (select type from order_events where order_events.id = webhook_deliveries.event_id)`.execute(
    db,
  );
  // The retention sweep deletes by age; an attempt's number follows the event's earlier attempts.
  await db.schema.createIndex('webhook_deliveries_at_idx').on('webhook_deliveries').column('at').execute();
  await db.schema
    .createIndex('webhook_deliveries_event_idx')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'event_id'])
    .execute();
  await db.schema.alterTable('notifications').addColumn('webhook_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('webhook_deliveries_at_idx').execute();
  await db.schema.dropIndex('webhook_deliveries_event_idx').execute();
  await db.schema.alterTable('notifications').dropColumn('webhook_id').execute();
  for (const column of ['kind', 'event_type', 'redelivery_of', 'delivery_uid']) {
    await db.schema.alterTable('webhook_deliveries').dropColumn(column).execute();
  }
  for (const column of ['failing_since', 'disabled_at', 'disabled_reason']) {
    await db.schema.alterTable('webhooks').dropColumn(column).execute();
  }
  await sql`delete from webhook_deliveries where event_id is null`.execute(db);
  await sql`delete from notifications where order_id is null or event_id is null`.execute(db);
  await eventRequired(db, true);
}
