/**
 * Inventory owns stock and its ledger: every change of a product's stock goes through here, as a
 * conditional statement and a ledger entry in the same transaction, so a product's stock always
 * equals the sum of its ledger and never goes below zero.
 */
import { EventEmitter } from 'node:events';
import { ErrorCode, type LedgerEntry } from '@igniflo/contract';
import type { Db, Executor, Tx } from '../../platform/db/database.ts';
import { afterCommit } from '../../platform/db/transaction.ts';
import { AppError, conflict, invalid, notFound } from '../../lib/errors.ts';
import type { ProductRow } from '../products/products.table.ts';
import { decodeNumericCursor, DEFAULT_LIMIT, encodeNumericCursor } from '../../lib/pagination.ts';
import {
  findStock,
  insertLedgerEntries,
  ledgerTotal,
  listLedger,
  moveStock,
  stockTakeParts,
  stockTakeValues,
  takeStock,
  takeStockWithLedger,
  type SeenProduct,
  type StockTakeValues,
} from './inventory.repository.ts';
import { SoldOutHint } from './sold-out-hint.ts';

export type { StockTakeValues } from './inventory.repository.ts';

export interface StockLine {
  productId: string;
  quantity: number;
}

/** Why stock moves, as the ledger records it. */
export interface StockReason {
  reason: string;
  orderId: string | null;
  actorId: string | null;
  /** When the change happens; stamped on the product rows. */
  at: string;
  /** When the ledger says it happened, if not `at`: an imported order's own time. */
  recordedAt?: string;
}

type Stock = Pick<ProductRow, 'id' | 'sku' | 'stock' | 'active'>;

/** Units per product, lines of one product summed, in product id order (so concurrent takes cannot deadlock). */
export function demand(lines: readonly StockLine[]): Map<string, number> {
  const wanted = new Map<string, number>();
  for (const line of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
    wanted.set(line.productId, (wanted.get(line.productId) ?? 0) + line.quantity);
  }
  return wanted;
}

function refuseUnavailable(ids: string[], products: Map<string, Stock>): void {
  const unavailable = ids.filter((id) => products.get(id)?.active !== 1);
  if (unavailable.length > 0) {
    throw invalid(
      'Some products do not exist or are no longer sold',
      unavailable.map((productId) => ({ productId, reason: 'unavailable' })),
    );
  }
}

function outOfStock(short: string[], products: Map<string, Stock>, wanted: Map<string, number>): AppError {
  return new AppError(
    ErrorCode.OUT_OF_STOCK,
    409,
    `Not enough stock for ${short.map((id) => products.get(id)?.sku).join(', ')}`,
    short.map((productId) => ({
      productId,
      sku: products.get(productId)?.sku,
      requested: wanted.get(productId),
      available: products.get(productId)?.stock ?? 0,
    })),
  );
}

export type Inventory = ReturnType<typeof createInventory>;

export function createInventory({ db }: { db: Db }) {
  const soldOut = new SoldOutHint();
  const changes = new EventEmitter().setMaxListeners(0);

  function entries(wanted: Map<string, number>, sign: 1 | -1, why: StockReason) {
    return [...wanted].map(([productId, quantity]) => ({
      product_id: productId,
      delta: sign * quantity,
      reason: why.reason,
      order_id: why.orderId,
      actor_id: why.actorId,
      at: why.recordedAt ?? why.at,
    }));
  }

  const announce = (tx: Tx) => afterCommit(tx, () => changes.emit('changed'));

  /**
   * Refuses wanted units that could not be taken: 400 if any product is missing or archived, else
   * 409 OUT_OF_STOCK naming those of `suspects` short now (all of them, should stock have come
   * back meanwhile), which are marked sold out.
   */
  async function refuse(reader: Executor, wanted: Map<string, number>, suspects: string[]): Promise<never> {
    const ids = [...wanted.keys()];
    const current = new Map((await findStock(reader, ids)).map((p) => [p.id, p]));
    refuseUnavailable(ids, current);
    const below = suspects.filter((id) => (current.get(id)?.stock ?? 0) < (wanted.get(id) ?? 0));
    const short = below.length > 0 ? below : suspects;
    soldOut.mark(short);
    throw outOfStock(short, current, wanted);
  }

  return {
    /**
     * Takes every line's units of active products, all or nothing, with their ledger rows (one
     * statement on PostgreSQL, see takeStockWithLedger); on a refusal what was taken is given back before the error
     * (unavailable → 400, short → 409 OUT_OF_STOCK), so a caller that goes on loses nothing.
     * Returns the products as they are after the take.
     */
    async reserve(tx: Tx, lines: readonly StockLine[], why: StockReason): Promise<Map<string, ProductRow>> {
      const wanted = demand(lines);
      const ids = [...wanted.keys()];
      const taken = await takeStockWithLedger(tx, wanted, why.at, entries(wanted, -1, why));
      if (taken.size < ids.length) {
        for (const id of taken.keys()) await moveStock(tx, id, wanted.get(id) ?? 0, why.at);
        // On PostgreSQL nothing was taken when anything was short.
        return refuse(
          tx,
          wanted,
          ids.filter((id) => !taken.has(id)),
        );
      }
      announce(tx);
      return taken;
    },

    /**
     * `reserve` as parts of a statement that places an order in one round trip (PostgreSQL; see
     * stockTakeParts), built from stand-ins of `reserveValues`: the products' units are taken as
     * `seen` was read of them, or refused.
     */
    reserveParts: (values: StockTakeValues, gate: string) => stockTakeParts(values, gate),

    /** The values of `reserveParts` for one order. */
    reserveValues(
      lines: readonly StockLine[],
      why: StockReason,
      seen: Map<string, SeenProduct>,
    ): StockTakeValues {
      const ledger = { reason: why.reason, order_id: why.orderId, actor_id: why.actorId, at: why.at };
      return stockTakeValues(demand(lines), seen, ledger);
    },

    /** The refusal of lines that `reserveParts` found `short`: 400 or 409 as `reserve` answers. */
    refuseShort: (reader: Executor, lines: readonly StockLine[], short: string[]): Promise<never> =>
      refuse(reader, demand(lines), short),

    /** Tells the listeners of `onChanged` of stock taken by a statement that has committed. */
    changed: () => changes.emit('changed'),

    /** Puts the lines' units back (archived products too): a cancellation, a return. */
    async release(tx: Tx, lines: readonly StockLine[], why: StockReason): Promise<void> {
      const wanted = demand(lines);
      if (wanted.size === 0) return;
      for (const [id, quantity] of wanted) await moveStock(tx, id, quantity, why.at);
      await insertLedgerEntries(tx, entries(wanted, 1, why));
      announce(tx);
    },

    /**
     * Changes what an order holds from `held` to `wanted` (an edit of its lines): per product, the
     * increase is taken (active products only) and the decrease put back, in one pass in product id
     * order, so concurrent edits and orders cannot deadlock. All or nothing, like `reserve`: on a
     * refusal every move is undone first (unavailable → 400, short → 409 OUT_OF_STOCK naming each
     * short product, `requested` being the units the change needs beyond what it held).
     */
    async exchange(
      tx: Tx,
      held: readonly StockLine[],
      wanted: readonly StockLine[],
      why: StockReason,
    ): Promise<void> {
      const before = demand(held);
      const after = demand(wanted);
      const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
      const moved = new Map<string, number>();
      const more = new Map<string, number>();
      for (const id of ids) {
        const delta = (before.get(id) ?? 0) - (after.get(id) ?? 0);
        if (delta === 0) continue;
        if (delta > 0) {
          await moveStock(tx, id, delta, why.at);
          moved.set(id, delta);
        } else if (await takeStock(tx, id, -delta, why.at)) {
          moved.set(id, delta);
        } else {
          more.set(id, -delta);
        }
      }
      if (more.size > 0) {
        for (const [id, delta] of moved) await moveStock(tx, id, -delta, why.at);
        const short = [...more.keys()];
        const current = new Map((await findStock(tx, short)).map((p) => [p.id, p]));
        refuseUnavailable(short, current);
        soldOut.mark(short);
        throw outOfStock(short, current, more);
      }
      if (moved.size === 0) return;
      await insertLedgerEntries(tx, entries(moved, 1, why));
      announce(tx);
    },

    /** Moves one product's stock by `delta` (an admin's count, initial stock); 409 below zero. */
    async adjust(tx: Tx, productId: string, delta: number, why: StockReason): Promise<ProductRow> {
      const row = await moveStock(tx, productId, delta, why.at);
      if (!row) {
        const [current] = await findStock(tx, [productId]);
        if (!current) throw notFound('Product');
        throw conflict(`Stock cannot go below zero (stock is ${current.stock})`, [
          { productId, stock: current.stock, delta },
        ]);
      }
      await insertLedgerEntries(tx, entries(new Map([[productId, delta]]), 1, why));
      announce(tx);
      return row;
    },

    /**
     * Refuses, from plain reads before any write transaction, lines for a product recently short
     * that still is; `lines` is asked for only when a product may be short (a cart is read then).
     * Passing proves nothing, the transaction checks again; a refusal is what it would have answered.
     */
    async refuseIfSoldOut(
      reader: Executor,
      productIds: readonly string[] | undefined,
      lines: () => Promise<readonly StockLine[]>,
    ): Promise<void> {
      if (soldOut.empty) return;
      if (productIds && !productIds.some((id) => soldOut.has(id))) return;
      const wanted = demand(await lines());
      const ids = [...wanted.keys()];
      if (!ids.some((id) => soldOut.has(id))) return;
      const current = new Map((await findStock(reader, ids)).map((p) => [p.id, p]));
      refuseUnavailable(ids, current);
      const short = ids.filter((id) => (current.get(id)?.stock ?? 0) < (wanted.get(id) ?? 0));
      for (const id of ids) if (!short.includes(id)) soldOut.clear(id);
      if (short.length > 0) throw outOfStock(short, current, wanted);
    },

    /** Listens for committed stock changes made by this process (for caches of stock). */
    onChanged(listener: () => void): void {
      changes.on('changed', listener);
    },

    /** A product's ledger, newest first, a page at a time (SPEC §14). */
    async ledger(
      productId: string,
      page: { cursor?: string | undefined; limit?: number | undefined },
    ): Promise<{ items: LedgerEntry[]; nextCursor: string | null }> {
      const limit = page.limit ?? DEFAULT_LIMIT;
      const rows = await listLedger(db, productId, decodeNumericCursor(page.cursor), limit);
      const items = rows.slice(0, limit).map((row) => ({
        id: Number(row.id),
        delta: row.delta,
        reason: row.reason,
        orderId: row.order_id,
        orderNumber: row.order_number,
        actorId: row.actor_id,
        actorName: row.actor_name,
        at: row.at,
      }));
      return { items, nextCursor: rows.length > limit ? encodeNumericCursor(items.at(-1)?.id) : null };
    },

    /** The sum of a product's ledger: equal to its stock. */
    ledgerTotal: (productId: string): Promise<number> => ledgerTotal(db, productId),
  };
}
