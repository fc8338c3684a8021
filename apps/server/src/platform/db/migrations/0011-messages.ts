/**
 * Messages to customers (SPEC §13): what each order event says, in structured form; each
 * customer's preferences; and the messages themselves with every attempt to send them. The order
 * events stay the outbox: a cursor row says how far they have been turned into messages.
 */
import { sql, type Kysely } from 'kysely';
import { autoIncrementId, isPostgres } from '../dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const bigint = isPostgres(db) ? 'bigint' : 'integer';

  // JSON details a subscriber needs beyond the note: a package's status, a refund's amount.
  await db.schema.alterTable('order_events').addColumn('data', 'text').execute();

  await db.schema
    .alterTable('users')
    .addColumn('email_order_updates', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('sms_order_updates', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('message_cursor')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_event_id', bigint, (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .execute();
  // Messages start with the events written after this migration, not with years of history.
  await sql`insert into message_cursor (id, last_event_id) select 1, coalesce(max(id), 0) from order_events`.execute(
    db,
  );

  await db.schema
    .createTable('messages')
    .addColumn('id', bigint, autoIncrementId(db))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('event_id', bigint)
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'sms')`))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('QUEUED', 'SENT', 'FAILED')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    // An event turned into messages twice (a crash before the cursor moved) is still one message.
    .addUniqueConstraint('messages_event_channel_key', ['event_id', 'channel', 'template'])
    .execute();
  await db.schema
    .createIndex('messages_due_idx')
    .on('messages')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema.createIndex('messages_order_idx').on('messages').columns(['order_id', 'id']).execute();

  await db.schema
    .createTable('message_attempts')
    .addColumn('id', bigint, autoIncrementId(db))
    .addColumn('message_id', bigint, (c) => c.notNull().references('messages.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('message_attempts_message_idx')
    .on('message_attempts')
    .columns(['message_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('message_attempts').execute();
  await db.schema.dropTable('messages').execute();
  await db.schema.dropTable('message_cursor').execute();
  await db.schema.alterTable('users').dropColumn('sms_order_updates').execute();
  await db.schema.alterTable('users').dropColumn('email_order_updates').execute();
  await db.schema.alterTable('order_events').dropColumn('data').execute();
}
