/** The only statements that write stock and the ledger. */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { isPostgres } from '../../platform/db/dialect.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { PRODUCT_COLUMNS, type ProductRow } from '../products/products.table.ts';
import type { NewLedgerEntry } from './inventory.table.ts';

/**
 * Takes `quantity` units of an active product in one conditional statement and returns the
 * product as it is afterwards; undefined when it is missing, archived or short of stock.
 */
export const takeStock = async (
  db: Executor,
  productId: string,
  quantity: number,
  at: string,
): Promise<ProductRow | undefined> => (await takeStockRow(db, { productId, quantity, at })).rows[0];

const takeStockRow = prepared((db, v: { productId: string; quantity: number; at: string }) =>
  db
    .updateTable('products')
    .set((eb) => ({ stock: eb('stock', '-', v.quantity), updated_at: v.at }))
    .where('id', '=', v.productId)
    .where('stock', '>=', v.quantity)
    .where('active', '=', 1)
    .returning(PRODUCT_COLUMNS),
);

/**
 * Takes each product's units (`wanted`, in product id order) and, only if every product could be
 * taken, writes the ledger `entries`. Returns the products taken, as they are afterwards: fewer
 * than wanted when any is missing, archived or short, and then the caller gives those back.
 *
 * On PostgreSQL this is one statement, one round trip: it locks the products in id order (so
 * concurrent orders cannot deadlock), takes nothing unless every product is active with enough
 * stock (all or nothing, so nothing needs giving back), and inserts the ledger rows with the
 * takes. Under READ COMMITTED the lock waits for a concurrent take to commit and then reads the
 * stock it left; `CHECK (stock >= 0)` stays the backstop. On SQLite, one statement per product:
 * its calls cost no round trip.
 */
export async function takeStockWithLedger(
  db: Executor,
  wanted: Map<string, number>,
  at: string,
  entries: NewLedgerEntry[],
): Promise<Map<string, ProductRow>> {
  const taken = new Map<string, ProductRow>();
  if (wanted.size === 0) return taken;
  if (isPostgres(db)) {
    const ids = [...wanted.keys()];
    const ledger = entries[0];
    const { rows } = await sql<ProductRow>`
      with wanted as (
        select * from unnest(${ids}::text[], ${[...wanted.values()]}::int[]) as w (id, quantity)
      ), locked as materialized (
        select p.id, p.stock, p.active from products p where p.id = any(${ids}::text[]) order by p.id for update
      ), refused as (
        select 1 from wanted w left join locked l on l.id = w.id
        where l.id is null or l.active <> 1 or l.stock < w.quantity
      ), taken as (
        update products p set stock = p.stock - w.quantity, updated_at = ${at}
        from wanted w
        where p.id = w.id and not exists (select 1 from refused)
        returning ${sql.join(PRODUCT_COLUMNS.map((c) => sql.ref(`p.${c}`)))}
      ), ledger as (
        insert into inventory_ledger (product_id, delta, reason, order_id, actor_id, at)
        select t.id, -w.quantity, ${ledger?.reason ?? ''}, ${ledger?.order_id ?? null}, ${ledger?.actor_id ?? null}, ${ledger?.at ?? at}
        from taken t join wanted w on w.id = t.id
        order by t.id
      )
      select * from taken`.execute(db);
    for (const row of rows) taken.set(row.id, row);
    return taken;
  }
  for (const [id, quantity] of wanted) {
    const product = await takeStock(db, id, quantity, at);
    if (product) taken.set(id, product);
  }
  if (taken.size === wanted.size) await insertLedgerEntries(db, entries);
  return taken;
}

/** A product as an order's lines copied it: what must not have changed when its stock is taken. */
export type SeenProduct = Pick<ProductRow, 'id' | 'sku' | 'name' | 'price_cents' | 'currency'>;

/** What stockTakeParts takes of one order: the products wanted, as its lines copied them, and why. */
export type StockTakeValues = {
  /** JSON rows: id, quantity, and the sku, name, price_cents and currency the order copied. */
  stock_wanted: string;
  stock_reason: string;
  stock_order_id: string | null;
  stock_actor_id: string | null;
  stock_at: string;
};

export function stockTakeValues(
  wanted: Map<string, number>,
  seen: Map<string, SeenProduct>,
  ledger: Omit<NewLedgerEntry, 'product_id' | 'delta'>,
): StockTakeValues {
  const rows = [...wanted].map(([id, quantity]) => {
    const product = seen.get(id);
    return {
      id,
      quantity,
      sku: product?.sku ?? null,
      name: product?.name ?? null,
      price_cents: product?.price_cents ?? null,
      currency: product?.currency ?? null,
    };
  });
  return {
    stock_wanted: JSON.stringify(rows),
    stock_reason: ledger.reason,
    stock_order_id: ledger.order_id ?? null,
    stock_actor_id: ledger.actor_id ?? null,
    stock_at: ledger.at,
  };
}

/**
 * The stock parts of a statement that places an order in one round trip (PostgreSQL; see
 * place-order.ts), built once per shape from the values' stand-ins (platform/db/prepared.ts).
 * `check` locks the products in id order and lists in `stock_refused` those missing or archived
 * (`unavailable`), short of stock (`short`) or no longer as the order copied them (`changed`);
 * `take` takes every product's units and writes their ledger rows, but only when the CTE named
 * `gate` has a row, which it must not when anything was refused.
 */
export function stockTakeParts(v: StockTakeValues, gate: string) {
  const check = sql`stock_wanted as (
      select w.id, w.quantity, w.sku, w.name, w.price_cents, w.currency
      from json_to_recordset(${v.stock_wanted}::json)
        as w (id text, quantity int, sku text, name text, price_cents int, currency text)
    ), stock_locked as materialized (
      select p.id, p.stock, p.active, p.sku, p.name, p.price_cents, p.currency
      from products p where p.id = any(array(select id from stock_wanted)) order by p.id for update
    ), stock_refused as (
      select w.id, case
          when l.id is null or l.active <> 1 then 'unavailable'
          when (l.sku, l.name, l.price_cents, l.currency) is distinct from (w.sku, w.name, w.price_cents, w.currency)
            then 'changed'
          else 'short' end as reason
      from stock_wanted w left join stock_locked l on l.id = w.id
      where l.id is null or l.active <> 1 or l.stock < w.quantity
        or (l.sku, l.name, l.price_cents, l.currency) is distinct from (w.sku, w.name, w.price_cents, w.currency)
    )`;
  const take = sql`stock_taken as (
      update products p set stock = p.stock - w.quantity, updated_at = ${v.stock_at}
      from stock_wanted w
      -- The ids as an array as well: PostgreSQL guesses 100 rows of any JSON, and would scan
      -- every product to join them; an array of ids it looks up in the primary key.
      where p.id = w.id and p.id = any(array(select id from stock_wanted))
        and exists (select 1 from ${sql.table(gate)})
      returning p.id
    ), stock_ledger as (
      insert into inventory_ledger (product_id, delta, reason, order_id, actor_id, at)
      select t.id, -w.quantity, ${v.stock_reason}, ${v.stock_order_id}, ${v.stock_actor_id}, ${v.stock_at}
      from stock_taken t join stock_wanted w on w.id = t.id
      order by t.id
    )`;
  return { check, take };
}

/**
 * Moves stock by `delta`, archived product or not, in one conditional statement that applies only
 * if stock stays non-negative. Returns the product as it is afterwards, undefined when it did not apply.
 */
export const moveStock = async (
  db: Executor,
  productId: string,
  delta: number,
  at: string,
): Promise<ProductRow | undefined> =>
  db
    .updateTable('products')
    .set((eb) => ({ stock: eb('stock', '+', delta), updated_at: at }))
    .where('id', '=', productId)
    .where('stock', '>=', Math.max(0, -delta))
    .returning(PRODUCT_COLUMNS)
    .executeTakeFirst();

export async function insertLedgerEntries(db: Executor, entries: NewLedgerEntry[]): Promise<void> {
  if (entries.length > 0) await insertLedgerRows(db, entries);
}

const insertLedgerRows = prepared((db, entries: NewLedgerEntry[]) =>
  db.insertInto('inventory_ledger').values(entries),
);

/** The products as they are now: for the reasons behind a refusal. */
export const findStock = (
  db: Executor,
  ids: string[],
): Promise<Pick<ProductRow, 'id' | 'sku' | 'stock' | 'active'>[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('products').select(['id', 'sku', 'stock', 'active']).where('id', 'in', ids).execute();

export async function ledgerTotal(db: Executor, productId: string): Promise<number> {
  const row = await db
    .selectFrom('inventory_ledger')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('delta'), eb.lit(0)).as('total'))
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export interface LedgerRow {
  id: number;
  delta: number;
  reason: string;
  order_id: string | null;
  order_number: string | null;
  actor_id: string | null;
  actor_name: string | null;
  at: string;
}

/** A product's ledger, newest first, with the order's number and the actor's name: limit + 1 rows. */
export function listLedger(
  db: Executor,
  productId: string,
  beforeId: number | undefined,
  limit: number,
): Promise<LedgerRow[]> {
  let query = db
    .selectFrom('inventory_ledger as l')
    .leftJoin('orders as o', 'o.id', 'l.order_id')
    .leftJoin('users as u', 'u.id', 'l.actor_id')
    .select([
      'l.id',
      'l.delta',
      'l.reason',
      'l.order_id',
      'o.order_number',
      'l.actor_id',
      'u.name as actor_name',
      'l.at',
    ])
    .where('l.product_id', '=', productId)
    .orderBy('l.id', 'desc')
    .limit(limit + 1);
  if (beforeId !== undefined) query = query.where('l.id', '<', beforeId);
  return query.execute();
}
