/**
 * Orders keep their customer's name as it was at placement, beside the shipping address: staff
 * lists and the board show who an order is for without a join (SPEC §14, people on orders).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('customer_name', 'text').execute();
  await sql`update orders set customer_name = (select name from users where users.id = orders.customer_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders').dropColumn('customer_name').execute();
}
