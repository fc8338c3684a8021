import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

const lineColumns = [
  'c.product_id',
  'c.quantity',
  'c.options',
  'c.added_at',
  'p.sku',
  'p.name',
  'p.image_url',
  'p.price_cents',
  'p.currency',
  'p.stock',
  'p.active',
] as const;

/** The cart's lines with each product's current price and stock. */
export const cartLines = (db: Executor, userId: string) =>
  db
    .selectFrom('cart_items as c')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .select(lineColumns)
    .where('c.user_id', '=', userId)
    .orderBy('c.added_at')
    .orderBy('c.product_id')
    .execute();
export type CartLineRow = Awaited<ReturnType<typeof cartLines>>[number];

export const cartLine = (db: Executor, userId: string, productId: string) =>
  db
    .selectFrom('cart_items')
    .selectAll()
    .where('user_id', '=', userId)
    .where('product_id', '=', productId)
    .executeTakeFirst();

export async function countCartLines(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('cart_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sets a line's quantity (and options, when given), creating the line if needed. */
export async function putCartLine(
  db: Executor,
  line: {
    userId: string;
    productId: string;
    quantity: number;
    options?: Record<string, string> | undefined;
    at: string;
  },
): Promise<void> {
  const options = line.options ? JSON.stringify(line.options) : undefined;
  await db
    .insertInto('cart_items')
    .values({
      user_id: line.userId,
      product_id: line.productId,
      quantity: line.quantity,
      options: options ?? '{}',
      added_at: line.at,
      updated_at: line.at,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'product_id']).doUpdateSet({
        quantity: line.quantity,
        updated_at: line.at,
        ...(options !== undefined ? { options } : {}),
      }),
    )
    .execute();
}

export async function deleteCartLine(db: Executor, userId: string, productId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('cart_items')
    .where('user_id', '=', userId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function clearCart(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('cart_items').where('user_id', '=', userId).execute();
}

/** clearCart as a CTE of a one-statement write (PostgreSQL), only when the CTE named `gate` has a row. */
export const clearCartPart = (v: { cart_user_id: string }, gate: string) =>
  sql`cart_cleared as (
    delete from cart_items where user_id = ${v.cart_user_id} and exists (select 1 from ${sql.table(gate)})
  )`;
