import { Readable } from 'node:stream';
import {
  PRODUCT_CSV_COLUMNS,
  type CreateProductBody,
  type LedgerEntry,
  type LedgerQuery,
  type ProductImportResult,
  type Product,
  type ProductsQuery,
  type StockAdjustmentBody,
  type UpdateProductBody,
} from '@igniflo/contract';
import type { Updateable } from 'kysely';
import { isUniqueViolation, now, type Db, type Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { ReadCache } from '../../lib/read-cache.ts';
import { decodeCursor, DEFAULT_LIMIT, toPage } from '../../lib/pagination.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Inventory } from '../inventory/inventory.service.ts';
import { csvStream, keysetPages, type Cell } from '../../lib/csv.ts';
import { parseProductCsv, planImport } from './product-import.ts';
import {
  findProduct,
  findProductsBefore,
  insertProduct,
  listProducts,
  updateProduct,
} from './products.repository.ts';
import { toProduct } from './products.mapper.ts';
import type { ProductsTable } from './products.table.ts';

export type ProductsService = ReturnType<typeof createProductsService>;
type ProductPage = { items: Product[]; nextCursor: string | null };

const skuTaken = (error: unknown) =>
  isUniqueViolation(error) ? conflict('A product with this SKU already exists') : error;

/** A file with errors: nothing imported, and every error in the details. */
const importRefused = (result: ProductImportResult) =>
  invalid(`${result.errors.length} errors in the file; nothing was imported`, result.errors);

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

  /** A new product, its stock entered through the ledger for `reason`, and its audit entry. */
  async function insertWithStock(
    tx: Tx,
    input: CreateProductBody & { active?: boolean | undefined },
    actorId: string | null,
    at: string,
    reason: string,
    action: string,
  ): Promise<Product> {
    const inserted = await insertProduct(tx, {
      id: newId(),
      sku: input.sku,
      name: input.name.trim(),
      description: input.description ?? '',
      price_cents: input.priceCents,
      currency: input.currency ?? 'USD',
      stock: 0,
      active: input.active === false ? 0 : 1,
      image_url: input.imageUrl ?? null,
      created_at: at,
      updated_at: at,
    });
    const row = input.stock
      ? await inventory.adjust(tx, inserted.id, input.stock, { reason, orderId: null, actorId, at })
      : inserted;
    const product = toProduct(row);
    await recordAudit(tx, { actorId, action, entityType: 'product', entityId: row.id, after: product, at });
    return product;
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
      try {
        return await write((tx) =>
          insertWithStock(tx, input, actorId, now(), 'initial stock', 'product.create'),
        );
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

    /** Every product, archived too, as CSV (the import's columns), read a page at a time. */
    exportCsv(): Readable {
      async function* records(): AsyncGenerator<Cell[]> {
        for await (const rows of keysetPages((beforeId, limit) => findProductsBefore(db, beforeId, limit))) {
          for (const row of rows) {
            const product = toProduct(row);
            yield PRODUCT_CSV_COLUMNS.map((column) => product[column]);
          }
        }
      }
      return csvStream(PRODUCT_CSV_COLUMNS, records());
    },

    /**
     * Upserts the file's products by SKU (product-import.ts). A dry run, or a file with any error,
     * changes nothing and says what would change; otherwise every row is applied in one transaction.
     */
    async importCsv(text: string, dryRun: boolean, actorId: string): Promise<ProductImportResult> {
      const parsed = parseProductCsv(text);
      const report = (
        plan: Awaited<ReturnType<typeof planImport>>,
        applied: boolean,
      ): ProductImportResult => {
        const updates = plan.steps.flatMap((step) => (step.kind === 'update' ? [step] : []));
        const moves = [
          ...plan.steps.map((step) => (step.kind === 'create' ? (step.fields.stock ?? 0) : step.stockDelta)),
        ];
        return {
          dryRun,
          applied,
          rows: parsed.rows.length + new Set(parsed.errors.map((e) => e.row)).size,
          created: plan.steps.length - updates.length,
          updated: updates.length,
          unchanged: plan.unchanged,
          stockAdded: moves.filter((n) => n > 0).reduce((a, b) => a + b, 0),
          stockRemoved: -moves.filter((n) => n < 0).reduce((a, b) => a + b, 0),
          errors: [...parsed.errors, ...plan.errors].sort((a, b) => a.row - b.row),
        };
      };
      if (dryRun) return report(await planImport(db, parsed.rows), false);
      if (parsed.errors.length > 0) throw importRefused(report(await planImport(db, parsed.rows), false));
      try {
        return await write(async (tx) => {
          const plan = await planImport(tx, parsed.rows);
          if (plan.errors.length > 0) throw importRefused(report(plan, false));
          const at = now();
          const why = { reason: 'import', orderId: null, actorId, at };
          for (const step of plan.steps) {
            if (step.kind === 'create') {
              await insertWithStock(tx, step.fields, actorId, at, 'import', 'product.import');
              continue;
            }
            const { product, patch, stockDelta } = step;
            let row = product;
            if (Object.keys(patch).length > 0) {
              row = (await updateProduct(tx, product.id, { ...patch, updated_at: at })) ?? product;
            }
            if (stockDelta !== 0) row = await inventory.adjust(tx, product.id, stockDelta, why);
            await recordAudit(tx, {
              actorId,
              action: 'product.import',
              entityType: 'product',
              entityId: product.id,
              before: toProduct(product),
              after: toProduct(row),
              at,
            });
          }
          return report(plan, true);
        });
      } catch (error) {
        throw skuTaken(error);
      }
    },

    /** A product's stock history (admin): 404 for a product that does not exist. */
    async ledger(
      id: string,
      page: LedgerQuery,
    ): Promise<{ items: LedgerEntry[]; nextCursor: string | null }> {
      if (!(await findProduct(db, id))) throw notFound('Product');
      return inventory.ledger(id, page);
    },
  };
}
