import type { Executor } from '../../platform/db/database.ts';

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
