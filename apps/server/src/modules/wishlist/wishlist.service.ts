import type { MergeReport, MergeWishlistBody, Wishlist } from '@igniflo/contract';
import { now, type Db, type Executor } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { notFound } from '../../lib/errors.ts';
import { mergeOnce } from '../guest-merge/guest-merge.ts';
import { productLookup } from '../products/product-lookup.ts';
import { addWishlistLine, clearWishlist, deleteWishlistLine, wishlistLines } from './wishlist.repository.ts';

export type WishlistService = ReturnType<typeof createWishlistService>;

/** A customer's saved products, shown with their current price and stock. */
export function createWishlistService({ db }: { db: Db }) {
  async function load(reader: Executor, userId: string): Promise<Wishlist> {
    return {
      items: (await wishlistLines(reader, userId)).map((row) => ({
        productId: row.product_id,
        sku: row.sku,
        name: row.name,
        imageUrl: row.image_url,
        priceCents: row.price_cents,
        currency: row.currency,
        available: row.stock,
        active: row.active === 1,
        addedAt: row.added_at,
      })),
    };
  }

  return {
    get: (userId: string) => load(db, userId),

    async add(userId: string, productId: string): Promise<Wishlist> {
      const product = await productLookup.byId(db, productId);
      if (!product || product.active !== 1) throw notFound('Product');
      await addWishlistLine(db, userId, productId, now());
      return load(db, userId);
    },

    async remove(userId: string, productId: string): Promise<Wishlist> {
      if (!(await deleteWishlistLine(db, userId, productId))) throw notFound('Wishlist item');
      return load(db, userId);
    },

    async clear(userId: string): Promise<Wishlist> {
      await clearWishlist(db, userId);
      return load(db, userId);
    },

    /** Takes a guest's wishlist into the account once per mergeId; unknown and archived products are reported back. */
    async merge(
      userId: string,
      { mergeId, productIds }: MergeWishlistBody,
    ): Promise<{ wishlist: Wishlist; report: MergeReport }> {
      const report = await transaction(db, (tx) =>
        mergeOnce(tx, { userId, mergeId, target: 'wishlist' }, async () => {
          const ids = [...new Set(productIds)];
          const products = new Map((await productLookup.byIds(tx, ids)).map((p) => [p.id, p]));
          const result: MergeReport = { merged: [], rejected: [], replayed: false };
          const at = now();
          for (const productId of ids) {
            const product = products.get(productId);
            if (!product || product.active !== 1) {
              result.rejected.push({ productId, reason: product ? 'unavailable' : 'unknown' });
              continue;
            }
            await addWishlistLine(tx, userId, productId, at);
            result.merged.push({ productId, quantity: 1, capped: false });
          }
          return result;
        }),
      );
      return { wishlist: await load(db, userId), report };
    },
  };
}
