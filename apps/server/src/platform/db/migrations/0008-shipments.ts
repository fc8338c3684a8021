/** Shipments (SPEC §11): the packages an order leaves in, what is in each, and each one's tracking events. */
import { sql, type Kysely } from 'kysely';
import { autoIncrementId, isPostgres } from '../dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  const bigint = isPostgres(db) ? 'bigint' : 'integer';

  await db.schema
    .createTable('shipments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('carrier', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('tracking_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    // The time of the event the status comes from: an older event arriving late does not undo it.
    .addColumn('status_at', 'text', (c) => c.notNull())
    .addColumn('estimated_from', 'text')
    .addColumn('estimated_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('shipped_at', 'text')
    .addColumn('delivered_at', 'text')
    .addUniqueConstraint('shipments_order_number_key', ['order_id', 'number'])
    .execute();
  await db.schema.createIndex('shipments_tracking_idx').on('shipments').column('tracking_number').execute();

  await db.schema
    .createTable('shipment_items')
    .addColumn('id', bigint, autoIncrementId(db))
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .execute();
  await db.schema
    .createIndex('shipment_items_shipment_idx')
    .on('shipment_items')
    .column('shipment_id')
    .execute();

  await db.schema
    .createTable('shipment_events')
    .addColumn('id', bigint, autoIncrementId(db))
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('staff', 'carrier')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The same report twice (a carrier's retry) is one event.
    .addUniqueConstraint('shipment_events_once_key', ['shipment_id', 'status', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('shipment_events').execute();
  await db.schema.dropTable('shipment_items').execute();
  await db.schema.dropTable('shipments').execute();
}
