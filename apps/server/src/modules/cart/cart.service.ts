import {
  ErrorCode,
  type AddCartItemBody,
  type Cart,
  type CartLine,
  type MergeCartBody,
  type MergeReport,
} from '@igniflo/contract';
import { now, type Db, type Executor, type Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import { mergeOnce } from '../guest-merge/guest-merge.ts';
import { productLookup } from '../products/product-lookup.ts';
import type { ProductRow } from '../products/products.table.ts';
import {
  cartLine,
  cartLines,
  clearCart,
  clearCartPart,
  countCartLines,
  deleteCartLine,
  putCartLine,
  type CartLineRow,
} from './cart.repository.ts';

export const MAX_CART_LINES = 100;

function toCartLine(row: CartLineRow): CartLine {
  const status: CartLine['status'] =
    row.active !== 1
      ? 'unavailable'
      : row.stock === 0
        ? 'out_of_stock'
        : row.stock < row.quantity
          ? 'insufficient_stock'
          : 'ok';
  return {
    productId: row.product_id,
    sku: row.sku,
    name: row.name,
    imageUrl: row.image_url,
    unitPriceCents: row.price_cents,
    currency: row.currency,
    quantity: row.quantity,
    options: JSON.parse(row.options) as Record<string, string>,
    lineTotalCents: row.price_cents * row.quantity,
    available: row.stock,
    status,
  };
}

/** Prices and availability are read now, never trusted from the client. */
export async function loadCart(db: Executor, userId: string): Promise<Cart> {
  const items = (await cartLines(db, userId)).map(toCartLine);
  const orderable = items.filter((line) => line.status === 'ok');
  return {
    items,
    itemCount: items.reduce((sum, line) => sum + line.quantity, 0),
    totalCents: orderable.reduce((sum, line) => sum + line.lineTotalCents, 0),
    currency: items[0]?.currency ?? 'USD',
    checkoutReady: items.length > 0 && orderable.length === items.length,
  };
}

const outOfStock = (product: ProductRow, requested: number) =>
  new AppError(ErrorCode.OUT_OF_STOCK, 409, `Only ${product.stock} of ${product.sku} in stock`, [
    { productId: product.id, sku: product.sku, requested, available: product.stock },
  ]);

async function sellable(db: Executor, productId: string): Promise<ProductRow> {
  const product = await productLookup.byId(db, productId);
  if (!product || product.active !== 1) throw notFound('Product');
  return product;
}

export type CartService = ReturnType<typeof createCartService>;

export function createCartService({ db }: { db: Db }) {
  return {
    get: (userId: string) => loadCart(db, userId),

    /** The cart's lines as order lines, for a checkout (read in the order's transaction). */
    async checkoutLines(reader: Executor, userId: string) {
      return (await cartLines(reader, userId)).map((line) => ({
        productId: line.product_id,
        quantity: line.quantity,
        options: JSON.parse(line.options) as Record<string, string>,
      }));
    },

    /** Empties the cart in the transaction of the order it became. */
    emptyAfterCheckout: (tx: Tx, userId: string) => clearCart(tx, userId),
    /** emptyAfterCheckout as part of a one-statement write (see place-order.ts), built from stand-ins of its values. */
    emptyAfterCheckoutPart: (values: { cart_user_id: string }, gate: string) => clearCartPart(values, gate),
    emptyAfterCheckoutValues: (userId: string) => ({ cart_user_id: userId }),

    /** Adds to the line's quantity; refuses more than is in stock. */
    async addItem(userId: string, { productId, quantity, options }: AddCartItemBody): Promise<Cart> {
      return transaction(db, async (tx) => {
        const product = await sellable(tx, productId);
        const existing = await cartLine(tx, userId, productId);
        if (!existing && (await countCartLines(tx, userId)) >= MAX_CART_LINES) {
          throw conflict(`A cart holds at most ${MAX_CART_LINES} different products`);
        }
        const total = (existing?.quantity ?? 0) + quantity;
        if (total > 1000) throw conflict('At most 1000 units of one product per order');
        if (total > product.stock) throw outOfStock(product, total);
        await putCartLine(tx, { userId, productId, quantity: total, options, at: now() });
        return loadCart(tx, userId);
      });
    },

    async setQuantity(userId: string, productId: string, quantity: number): Promise<Cart> {
      return transaction(db, async (tx) => {
        if (!(await cartLine(tx, userId, productId))) throw notFound('Cart line');
        const product = await sellable(tx, productId);
        if (quantity > product.stock) throw outOfStock(product, quantity);
        await putCartLine(tx, { userId, productId, quantity, at: now() });
        return loadCart(tx, userId);
      });
    },

    async removeItem(userId: string, productId: string): Promise<Cart> {
      if (!(await deleteCartLine(db, userId, productId))) throw notFound('Cart line');
      return loadCart(db, userId);
    },

    async clear(userId: string): Promise<Cart> {
      await clearCart(db, userId);
      return loadCart(db, userId);
    },

    /**
     * Takes a guest's cart into the account: quantities summed with what is there, capped at the
     * stock available; unknown, archived and sold-out products reported back. The same mergeId
     * merges once: a retry returns the first report and changes nothing.
     */
    async merge(
      userId: string,
      { mergeId, items }: MergeCartBody,
    ): Promise<{ cart: Cart; report: MergeReport }> {
      return transaction(db, async (tx) => {
        const report = await mergeOnce(tx, { userId, mergeId, target: 'cart' }, async () => {
          const wanted = new Map<
            string,
            { quantity: number; options?: Record<string, string> | undefined }
          >();
          for (const item of items) {
            const line = wanted.get(item.productId);
            wanted.set(item.productId, {
              quantity: (line?.quantity ?? 0) + item.quantity,
              options: item.options ?? line?.options,
            });
          }
          const products = new Map((await productLookup.byIds(tx, [...wanted.keys()])).map((p) => [p.id, p]));
          const report: MergeReport = { merged: [], rejected: [], replayed: false };
          let lines = await countCartLines(tx, userId);
          const at = now();
          for (const [productId, guest] of wanted) {
            const product = products.get(productId);
            if (!product) {
              report.rejected.push({ productId, reason: 'unknown' });
              continue;
            }
            if (product.active !== 1) {
              report.rejected.push({ productId, reason: 'unavailable' });
              continue;
            }
            const existing = await cartLine(tx, userId, productId);
            if (product.stock === 0 || (!existing && lines >= MAX_CART_LINES)) {
              report.rejected.push({ productId, reason: 'out_of_stock' });
              continue;
            }
            const summed = (existing?.quantity ?? 0) + guest.quantity;
            const quantity = Math.min(summed, product.stock, 1000);
            await putCartLine(tx, {
              userId,
              productId,
              quantity,
              options: existing ? undefined : guest.options,
              at,
            });
            if (!existing) lines += 1;
            report.merged.push({ productId, quantity, capped: quantity < summed });
          }
          return report;
        });
        return { cart: await loadCart(tx, userId), report };
      });
    },
  };
}
