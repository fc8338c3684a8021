import {
  type CreateProductBody,
  type Product,
  type ProductsQuery,
  type StockAdjustmentBody,
  type UpdateProductBody,
} from '@igniflo/contract';
import { isUniqueViolation, now, type Db } from '../../db/database.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { decodeCursor, DEFAULT_LIMIT, toPage } from '../../lib/pagination.ts';
import {
  findProduct,
  insertLedgerEntries,
  insertProduct,
  listProducts,
  moveStock,
  updateProduct,
} from './products.repository.ts';
import { toProduct } from './products.mapper.ts';

export type ProductsService = ReturnType<typeof createProductsService>;

const skuTaken = (error: unknown) =>
  isUniqueViolation(error) ? conflict('A product with this SKU already exists') : error;

export function createProductsService({ db }: { db: Db }) {
  return {
    async list(query: ProductsQuery, canSeeArchived: boolean) {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await listProducts(db, {
        q: query.q,
        includeArchived: canSeeArchived && query.includeArchived === true,
        beforeId: decodeCursor(query.cursor),
        limit,
      });
      return toPage(rows, limit, toProduct);
    },

    async get(id: string, canSeeArchived: boolean): Promise<Product> {
      const row = await findProduct(db, id);
      if (!row || (row.active !== 1 && !canSeeArchived)) throw notFound('Product');
      return toProduct(row);
    },

    /** Initial stock enters through the ledger like every other stock change. */
    async create(input: CreateProductBody, actorId: string | null): Promise<Product> {
      const at = now();
      try {
        return await db.transaction().execute(async (tx) => {
          const row = await insertProduct(tx, {
            id: newId(),
            sku: input.sku,
            name: input.name.trim(),
            description: input.description ?? '',
            price_cents: input.priceCents,
            currency: input.currency ?? 'USD',
            stock: input.stock ?? 0,
            active: 1,
            image_url: input.imageUrl ?? null,
            created_at: at,
            updated_at: at,
          });
          if (row.stock > 0) {
            await insertLedgerEntries(tx, [
              {
                product_id: row.id,
                delta: row.stock,
                reason: 'initial stock',
                order_id: null,
                actor_id: actorId,
                at,
              },
            ]);
          }
          return toProduct(row);
        });
      } catch (error) {
        throw skuTaken(error);
      }
    },

    async update(id: string, patch: UpdateProductBody): Promise<Product> {
      try {
        const row = await updateProduct(db, id, {
          ...(patch.sku !== undefined ? { sku: patch.sku } : {}),
          ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.priceCents !== undefined ? { price_cents: patch.priceCents } : {}),
          ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
          ...(patch.imageUrl !== undefined ? { image_url: patch.imageUrl } : {}),
          ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
          updated_at: now(),
        });
        if (!row) throw notFound('Product');
        return toProduct(row);
      } catch (error) {
        throw skuTaken(error);
      }
    },

    async archive(id: string): Promise<Product> {
      const row = await updateProduct(db, id, { active: 0, updated_at: now() });
      if (!row) throw notFound('Product');
      return toProduct(row);
    },

    async adjustStock(id: string, { delta, reason }: StockAdjustmentBody, actorId: string): Promise<Product> {
      return db.transaction().execute(async (tx) => {
        const at = now();
        if (!(await moveStock(tx, id, delta, at, { requireActive: false }))) {
          const current = await findProduct(tx, id);
          if (!current) throw notFound('Product');
          throw conflict(`Stock cannot go below zero (stock is ${current.stock})`, [
            { productId: id, stock: current.stock, delta },
          ]);
        }
        await insertLedgerEntries(tx, [
          { product_id: id, delta, reason, order_id: null, actor_id: actorId, at },
        ]);
        const row = await findProduct(tx, id);
        if (!row) throw notFound('Product');
        return toProduct(row);
      });
    },
  };
}
