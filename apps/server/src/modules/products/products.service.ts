import {
  type CreateProductBody,
  type Product,
  type ProductsQuery,
  type StockAdjustmentBody,
  type UpdateProductBody,
} from '@igniflo/contract';
import type { Updateable } from 'kysely';
import { isUniqueViolation, now, type Db, type Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { ReadCache } from '../../lib/read-cache.ts';
import { decodeCursor, DEFAULT_LIMIT, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import {
  findProduct,
  insertLedgerEntries,
  insertProduct,
  listProducts,
  moveStock,
  updateProduct,
} from './products.repository.ts';
import { toProduct } from './products.mapper.ts';
import type { ProductsTable } from './products.table.ts';

export type ProductsService = ReturnType<typeof createProductsService>;
type ProductPage = { items: Product[]; nextCursor: string | null };

const skuTaken = (error: unknown) =>
  isUniqueViolation(error) ? conflict('A product with this SKU already exists') : error;

/** How long a catalog page may lag a change made by another instance. */
export const CATALOG_MAX_AGE_MS = 1000;

export function createProductsService({ db }: { db: Db }) {
  /**
   * Catalog pages as browsed (no search), at most 100 of them; every product write and every order
   * change (see app.ts) drops them.
   */
  const catalog = new ReadCache<ProductPage>(CATALOG_MAX_AGE_MS, 100);

  async function write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await transaction(db, work);
    } finally {
      catalog.invalidate();
    }
  }

  /** Applies a change to a product and records it in the audit log, in one transaction. */
  async function change(
    id: string,
    actorId: string,
    action: string,
    patch: Updateable<ProductsTable>,
  ): Promise<Product> {
    try {
      return await write(async (tx) => {
        const before = await findProduct(tx, id);
        if (!before) throw notFound('Product');
        const at = now();
        const row = await updateProduct(tx, id, { ...patch, updated_at: at });
        if (!row) throw notFound('Product');
        const after = toProduct(row);
        await recordAudit(tx, {
          actorId,
          action,
          entityType: 'product',
          entityId: id,
          before: toProduct(before),
          after,
          at,
        });
        return after;
      });
    } catch (error) {
      throw skuTaken(error);
    }
  }

  return {
    /** The catalog changed outside this service (an order took or returned stock). */
    catalogChanged: () => catalog.invalidate(),

    list(query: ProductsQuery, canSeeArchived: boolean): Promise<ProductPage> {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const includeArchived = canSeeArchived && query.includeArchived === true;
      const load = async () => {
        const rows = await listProducts(db, {
          q: query.q,
          includeArchived,
          beforeId: decodeCursor(query.cursor),
          limit,
        });
        return toPage(rows, limit, toProduct);
      };
      // Searches are too varied to be worth keeping.
      return includeArchived || query.q ? load() : catalog.get(JSON.stringify([query.cursor, limit]), load);
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
        return await write(async (tx) => {
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
          const product = toProduct(row);
          await recordAudit(tx, {
            actorId,
            action: 'product.create',
            entityType: 'product',
            entityId: row.id,
            after: product,
            at,
          });
          return product;
        });
      } catch (error) {
        throw skuTaken(error);
      }
    },

    update: (id: string, patch: UpdateProductBody, actorId: string) =>
      change(id, actorId, 'product.update', {
        ...(patch.sku !== undefined ? { sku: patch.sku } : {}),
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.priceCents !== undefined ? { price_cents: patch.priceCents } : {}),
        ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
        ...(patch.imageUrl !== undefined ? { image_url: patch.imageUrl } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      }),

    archive: (id: string, actorId: string) => change(id, actorId, 'product.archive', { active: 0 }),

    async adjustStock(id: string, { delta, reason }: StockAdjustmentBody, actorId: string): Promise<Product> {
      return write(async (tx) => {
        const at = now();
        if (!(await moveStock(tx, id, delta, at))) {
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
        await recordAudit(tx, {
          actorId,
          action: 'stock.adjust',
          entityType: 'product',
          entityId: id,
          before: { stock: row.stock - delta },
          after: { stock: row.stock, delta, reason },
          at,
        });
        return toProduct(row);
      });
    },
  };
}
