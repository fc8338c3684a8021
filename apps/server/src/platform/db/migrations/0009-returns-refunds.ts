/**
 * Returns and refunds (SPEC §12): a return's items and what was restocked of each, the refunds
 * recorded against an order, and the running sum of an order's refunds on its row, so order lists
 * show the payment status without a join.
 */
import { sql, type Kysely } from 'kysely';
import { autoIncrementId, isPostgres } from '../dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const bigint = isPostgres(db) ? 'bigint' : 'integer';

  await db.schema
    .alterTable('orders')
    .addColumn('refunded_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('returns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    // Copied from the order, which never changes them: lists need no join.
    .addColumn('order_number', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'REFUNDED', 'CLOSED')`),
    )
    .addColumn('customer_note', 'text')
    .addColumn('staff_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('rejected_at', 'text')
    .addColumn('received_at', 'text')
    .addColumn('refunded_at', 'text')
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('returns_order_number_key', ['order_id', 'number'])
    .execute();
  await db.schema.createIndex('returns_customer_idx').on('returns').columns(['customer_id', 'id']).execute();
  await db.schema.createIndex('returns_status_idx').on('returns').columns(['status', 'id']).execute();
  await db.schema.createIndex('returns_received_idx').on('returns').column('received_at').execute();

  await db.schema
    .createTable('return_items')
    .addColumn('id', bigint, autoIncrementId(db))
    .addColumn('return_id', 'text', (c) => c.notNull().references('returns.id'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    // Null until the return is received; then how many went back on sale.
    .addColumn('restocked', 'integer', (c) => c.check(sql`restocked >= 0 and restocked <= quantity`))
    .addUniqueConstraint('return_items_product_key', ['return_id', 'product_id'])
    .execute();

  await db.schema
    .createTable('refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('return_id', 'text', (c) => c.references('returns.id'))
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // A return is settled by one refund.
    .addUniqueConstraint('refunds_return_key', ['return_id'])
    .execute();
  await db.schema.createIndex('refunds_order_idx').on('refunds').column('order_id').execute();
  await db.schema.createIndex('refunds_created_idx').on('refunds').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('refunds').execute();
  await db.schema.dropTable('return_items').execute();
  await db.schema.dropTable('returns').execute();
  await db.schema.alterTable('orders').dropColumn('refunded_cents').execute();
}
