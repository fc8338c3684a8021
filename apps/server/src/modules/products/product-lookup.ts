/**
 * The products module's face for modules that show or check products (cart, wishlist): rows as
 * they are now, on the executor given, so a caller's transaction sees its own reads.
 */
import type { Executor } from '../../platform/db/database.ts';
import { findProduct, findProducts } from './products.repository.ts';
import type { ProductRow } from './products.table.ts';

export const productLookup = {
  byId: (db: Executor, id: string): Promise<ProductRow | undefined> => findProduct(db, id),
  byIds: (db: Executor, ids: string[]): Promise<ProductRow[]> => findProducts(db, ids),
};
