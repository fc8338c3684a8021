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
import { recordAudit } from '../audit/audit.service.ts';
import type { Inventory } from '../inventory/inventory.service.ts';
import { findProduct, insertProduct, listProducts, updateProduct } from './products.repository.ts';
import { toProduct } from './products.mapper.ts';
import type { ProductsTable } from './products.table.ts';

export type ProductsService = ReturnType<typeof createProductsService>;
type ProductPage = { items: Product[]; nextCursor: string | null };

const skuTaken = (error: unknown) =>
  isUniqueViolation(error) ? conflict('A product with this SKU already exists') : error;

/** How long a catalog page may lag a change made by another instance. */
export const CATALOG_MAX_AGE_MS = 1000;

export function createProductsService({ db, inventory }: { db: Db; inventory: Inventory }) {
  /**
   * Catalog pages as browsed (no search), at most 100 of them; every product write and every
   * committed stock change (inventory) drops them.
   */
  const catalog = new ReadCache<ProductPage>(CATALOG_MAX_AGE_MS, 100);
  inventory.onChanged(() => catalog.invalidate());

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
          const inserted = await insertProduct(tx, {
            id: newId(),
            sku: input.sku,
            name: input.name.trim(),
            description: input.description ?? '',
            price_cents: input.priceCents,
            currency: input.currency ?? 'USD',
            stock: 0,
            active: 1,
            image_url: input.imageUrl ?? null,
            created_at: at,
            updated_at: at,
          });
          const row = input.stock
            ? await inventory.adjust(tx, inserted.id, input.stock, {
                reason: 'initial stock',
                orderId: null,
                actorId,
                at,
              })
            : inserted;
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
        const row = await inventory.adjust(tx, id, delta, { reason, orderId: null, actorId, at });
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
