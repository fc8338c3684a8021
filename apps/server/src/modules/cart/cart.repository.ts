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

export const wishlistLines = (db: Executor, userId: string) =>
  db
    .selectFrom('wishlist_items as w')
    .innerJoin('products as p', 'p.id', 'w.product_id')
    .select([
      'w.product_id',
      'w.added_at',
      'p.sku',
      'p.name',
      'p.image_url',
      'p.price_cents',
      'p.currency',
      'p.stock',
      'p.active',
    ])
    .where('w.user_id', '=', userId)
    .orderBy('w.added_at', 'desc')
    .orderBy('w.product_id')
    .execute();
export type WishlistLineRow = Awaited<ReturnType<typeof wishlistLines>>[number];

export async function addWishlistLine(
  db: Executor,
  userId: string,
  productId: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('wishlist_items')
    .values({ user_id: userId, product_id: productId, added_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'product_id']).doNothing())
    .execute();
}

export async function deleteWishlistLine(db: Executor, userId: string, productId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('wishlist_items')
    .where('user_id', '=', userId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function clearWishlist(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('wishlist_items').where('user_id', '=', userId).execute();
}

/**
 * Claims a merge id; on PostgreSQL a concurrent claim of the same id waits for the first
 * transaction. Returns the stored report when the id was merged before.
 */
export async function claimMerge(
  db: Executor,
  row: { user_id: string; merge_id: string; target: 'cart' | 'wishlist'; created_at: string },
): Promise<{ claimed: true } | { claimed: false; report: string }> {
  const inserted = await db
    .insertInto('merges')
    .values({ ...row, report: '' })
    .onConflict((oc) => oc.columns(['user_id', 'target', 'merge_id']).doNothing())
    .returning('merge_id')
    .executeTakeFirst();
  if (inserted) return { claimed: true };
  const existing = await db
    .selectFrom('merges')
    .select('report')
    .where('user_id', '=', row.user_id)
    .where('target', '=', row.target)
    .where('merge_id', '=', row.merge_id)
    .executeTakeFirstOrThrow();
  return { claimed: false, report: existing.report };
}

export async function storeMergeReport(
  db: Executor,
  key: { user_id: string; merge_id: string; target: 'cart' | 'wishlist' },
  report: string,
): Promise<void> {
  await db
    .updateTable('merges')
    .set({ report })
    .where('user_id', '=', key.user_id)
    .where('target', '=', key.target)
    .where('merge_id', '=', key.merge_id)
    .execute();
}
