/**
 * A product's stock history is read newest first a page at a time (GET /products/:id/ledger): an
 * index on (product_id, id) serves each page from the index, on PostgreSQL as on SQLite, where the
 * index on product_id alone would sort every entry of a busy product for each page.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('inventory_ledger_product_id_idx')
    .on('inventory_ledger')
    .columns(['product_id', 'id'])
    .execute();
  await db.schema.dropIndex('inventory_ledger_product_idx').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('inventory_ledger_product_idx')
    .on('inventory_ledger')
    .column('product_id')
    .execute();
  await db.schema.dropIndex('inventory_ledger_product_id_idx').execute();
}
