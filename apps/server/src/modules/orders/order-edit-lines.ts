/**
 * Pure rules of an edit of an order's lines (SPEC §12): which price each new line takes, and the
 * history note that says what changed, before and after.
 */
import { CUSTOM_SKU, QUOTE_READY_NOTE, type CustomLineInput, type EditLineInput } from '@igniflo/contract';
import { invalid } from '../../lib/errors.ts';
import type { ProductRow } from '../products/products.table.ts';
import type { OrderItemRow } from './orders.table.ts';

export type NewItem = Omit<OrderItemRow, 'id' | 'order_id'>;
type Item = Omit<NewItem, 'line'>;

/** What a new product line takes from its product today. */
export type PricedProduct = Pick<ProductRow, 'id' | 'sku' | 'name' | 'price_cents' | 'currency' | 'active'>;

export const isCustomLine = (line: EditLineInput): line is CustomLineInput => !('productId' in line);

/** Options as one text whatever order their names came in: `{"colour":"red","size":"L"}`. */
function sameOptions(options: string | Record<string, string> | undefined): string {
  const parsed = typeof options === 'string' ? (JSON.parse(options) as Record<string, string>) : options;
  return JSON.stringify(
    Object.fromEntries(Object.entries(parsed ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))),
  );
}

const productKey = (productId: string, options: string | Record<string, string> | undefined) =>
  `${productId} ${sameOptions(options)}`;

/** A line's identity across an edit: its product and options, or a custom line's name and price. */
const keyOf = (item: Item): string =>
  item.product_id === null
    ? `custom ${item.name} ${item.unit_price_cents}`
    : productKey(item.product_id, item.options);

/**
 * The order's lines after the edit, numbered in the order given. A product line the order already
 * has (same product and options) keeps its snapshot (sku, name, price); a new one takes the
 * product as it is today, which must be sold and priced in the order's currency (400 naming each
 * line otherwise). Custom lines have no product and the sku CUSTOM_SKU.
 */
export function editedLines(
  before: readonly OrderItemRow[],
  lines: readonly EditLineInput[],
  products: ReadonlyMap<string, PricedProduct>,
  currency: string,
): NewItem[] {
  const kept = new Map<string, OrderItemRow>();
  for (const item of before) if (item.product_id !== null) kept.set(keyOf(item), item);
  const refused: { path: string; productId: string; reason: string }[] = [];
  const items = lines.map((line, index): NewItem => {
    const numbered = { line: index + 1, quantity: line.quantity };
    if (isCustomLine(line)) {
      const { name, unitPriceCents } = line;
      return {
        ...numbered,
        product_id: null,
        sku: CUSTOM_SKU,
        name,
        unit_price_cents: unitPriceCents,
        options: '{}',
      };
    }
    const options = JSON.stringify(line.options ?? {});
    const snapshot = kept.get(productKey(line.productId, line.options));
    if (snapshot) {
      const { sku, name, unit_price_cents } = snapshot;
      return { ...numbered, product_id: line.productId, sku, name, unit_price_cents, options };
    }
    const product = products.get(line.productId);
    const problem =
      product?.active !== 1 ? 'unavailable' : product.currency !== currency ? 'currency' : undefined;
    if (problem) refused.push({ path: `/items/${index}`, productId: line.productId, reason: problem });
    return {
      ...numbered,
      product_id: line.productId,
      sku: product?.sku ?? '',
      name: product?.name ?? '',
      unit_price_cents: product?.price_cents ?? 0,
      options,
    };
  });
  if (refused.some((r) => r.reason === 'currency')) {
    throw invalid(`Every product of this order must be priced in ${currency}`, refused);
  }
  if (refused.length > 0) throw invalid('Some products do not exist or are no longer sold', refused);
  return items;
}

export const totalOf = (items: readonly Item[]): number =>
  items.reduce((sum, item) => sum + item.unit_price_cents * item.quantity, 0);

/** The units of each product the lines hold, for inventory. */
export const stockLines = (items: readonly Item[]) =>
  items.flatMap((item) => (item.product_id ? [{ productId: item.product_id, quantity: item.quantity }] : []));

export const formatMoney = (cents: number, currency: string): string =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).format(cents / 100);

interface Tally {
  label: string;
  quantity: number;
}

/** Units per line identity, in the order the lines come: "Tee (size: L)", "Engraving at $5.00". */
function tally(items: readonly Item[], currency: string): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const item of items) {
    const key = keyOf(item);
    const options = Object.entries(JSON.parse(item.options) as Record<string, string>);
    const label =
      item.product_id === null
        ? `${item.name} at ${formatMoney(item.unit_price_cents, currency)}`
        : options.length > 0
          ? `${item.name} (${options.map(([name, value]) => `${name}: ${value}`).join(', ')})`
          : item.name;
    const seen = tallies.get(key);
    tallies.set(key, { label, quantity: (seen?.quantity ?? 0) + item.quantity });
  }
  return tallies;
}

const units = ({ quantity, label }: Tally) => `${quantity} × ${label}`;

/**
 * The history note of an edit: "Items changed: 2 × Mug → 3 × Mug; added 1 × Cap; removed 1 × Tee.
 * Total $20.00 → $35.00", or for a custom request priced for the first time "Quote ready: 1 ×
 * Bookshelf at $450.00. Total $450.00". Null when no line changed (the edit then changes nothing).
 */
export function describeEdit(
  before: readonly Item[],
  after: readonly Item[],
  totals: { before: number; after: number },
  currency: string,
): string | null {
  const was = tally(before, currency);
  const now = tally(after, currency);
  const parts: string[] = [];
  for (const [key, line] of now) {
    const old = was.get(key);
    if (old && old.quantity !== line.quantity) parts.push(`${units(old)} → ${units(line)}`);
  }
  for (const [key, line] of now) if (!was.has(key)) parts.push(`added ${units(line)}`);
  for (const [key, line] of was) if (!now.has(key)) parts.push(`removed ${units(line)}`);
  if (parts.length === 0) return null;
  const money = (cents: number) => formatMoney(cents, currency);
  if (before.length === 0) {
    return `${QUOTE_READY_NOTE}: ${[...now.values()].map(units).join('; ')}. Total ${money(totals.after)}`;
  }
  return `Items changed: ${parts.join('; ')}. Total ${money(totals.before)} → ${money(totals.after)}`;
}
