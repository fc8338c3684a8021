/**
 * The item editor's rules (SPEC §12), as the server applies them: what may be edited, the lines it
 * starts from, the price each line shows, the new total, the stock check, and the body it sends.
 */
import type { EditItemsBody, Order, OrderStatus, Product } from '@igniflo/contract';
import { ErrorCode } from '@igniflo/contract/constants';
import { ApiError } from '../../lib/api.ts';

export type EditorLine =
  | {
      key: string;
      kind: 'product';
      productId: string;
      name: string;
      sku: string;
      unitPriceCents: number;
      options: Record<string, string>;
      quantity: string;
    }
  | { key: string; kind: 'custom'; name: string; price: string; quantity: string };

const EDITABLE: readonly OrderStatus[] = ['PENDING', 'CONFIRMED', 'IN_PROGRESS', 'ON_HOLD'];

/** Items may change until anything ships. */
export const canEditItems = (order: Pick<Order, 'status' | 'shipments'>): boolean =>
  EDITABLE.includes(order.status) && order.shipments.length === 0;

/** A custom order (a title or description) may have no items: a request not priced yet. */
export const isCustomOrder = (order: Pick<Order, 'title' | 'description'>): boolean =>
  Boolean(order.title || order.description);

let counter = 0;
const nextKey = () => `line-${(counter += 1)}`;

export const emptyCustomLine = (): EditorLine => ({
  key: nextKey(),
  kind: 'custom',
  name: '',
  price: '',
  quantity: '1',
});

/** The order's lines as the editor starts them; a request without any starts with one custom line. */
export function startingLines(order: Pick<Order, 'items'>): EditorLine[] {
  if (order.items.length === 0) return [emptyCustomLine()];
  return order.items.map((item) =>
    item.productId
      ? {
          key: nextKey(),
          kind: 'product',
          productId: item.productId,
          name: item.name,
          sku: item.sku,
          unitPriceCents: item.unitPriceCents,
          options: item.options,
          quantity: String(item.quantity),
        }
      : {
          key: nextKey(),
          kind: 'custom',
          name: item.name,
          price: (item.unitPriceCents / 100).toFixed(2),
          quantity: String(item.quantity),
        },
  );
}

const hasOptions = (options: Record<string, string>) => Object.keys(options).length > 0;

/**
 * A product found by search: one more on its line without options, or a new line, at the price the
 * order already has for it (the server keeps that snapshot) or today's.
 */
export function withProduct(
  lines: EditorLine[],
  product: Product,
  order: Pick<Order, 'items'>,
): EditorLine[] {
  const same = lines.find(
    (l) => l.kind === 'product' && l.productId === product.id && !hasOptions(l.options),
  );
  if (same) {
    return lines.map((l) => (l === same ? { ...l, quantity: String((Number(l.quantity) || 0) + 1) } : l));
  }
  const snapshot = order.items.find((i) => i.productId === product.id && !hasOptions(i.options));
  return [
    ...lines,
    {
      key: nextKey(),
      kind: 'product',
      productId: product.id,
      name: snapshot?.name ?? product.name,
      sku: snapshot?.sku ?? product.sku,
      unitPriceCents: snapshot?.unitPriceCents ?? product.priceCents,
      options: {},
      quantity: '1',
    },
  ];
}

const toCents = (price: string) => Math.round(Number(price) * 100);

export const unitCents = (line: EditorLine): number =>
  line.kind === 'product' ? line.unitPriceCents : toCents(line.price) || 0;

export const previewTotal = (lines: readonly EditorLine[]): number =>
  lines.reduce((sum, line) => sum + unitCents(line) * (Number(line.quantity) || 0), 0);

export function bodyOf(lines: readonly EditorLine[], note: string, version: number): EditItemsBody {
  return {
    items: lines.map((line) =>
      line.kind === 'product'
        ? {
            productId: line.productId,
            quantity: Number(line.quantity),
            ...(hasOptions(line.options) ? { options: line.options } : {}),
          }
        : { name: line.name.trim(), unitPriceCents: toCents(line.price), quantity: Number(line.quantity) },
    ),
    ...(note.trim() ? { note: note.trim() } : {}),
    version,
  };
}

/** Units of each product the lines hold. */
export function unitsByProduct(lines: readonly { productId?: string | null; quantity: number | string }[]) {
  const units = new Map<string, number>();
  for (const line of lines) {
    if (line.productId)
      units.set(line.productId, (units.get(line.productId) ?? 0) + (Number(line.quantity) || 0));
  }
  return units;
}

/**
 * A message for each line whose product lacks the units asked for: the order may use what it holds
 * and what is in stock (`stock`, for the products looked up so far).
 */
export function stockProblems(
  lines: readonly EditorLine[],
  held: ReadonlyMap<string, number>,
  stock: ReadonlyMap<string, number>,
): Map<string, string> {
  const wanted = unitsByProduct(lines.map((l) => (l.kind === 'product' ? l : { quantity: 0 })));
  const problems = new Map<string, string>();
  for (const line of lines) {
    if (line.kind !== 'product' || !stock.has(line.productId)) continue;
    const available = (held.get(line.productId) ?? 0) + (stock.get(line.productId) ?? 0);
    if ((wanted.get(line.productId) ?? 0) > available) problems.set(line.key, `Only ${available} available`);
  }
  return problems;
}

/** The server's refusal of the lines, per line: short stock by product, unusable products by position. */
export function refusals(error: unknown, lines: readonly EditorLine[]): Map<string, string> {
  const problems = new Map<string, string>();
  if (!(error instanceof ApiError)) return problems;
  const details = error.details as readonly Record<string, unknown>[];
  if (error.code === ErrorCode.OUT_OF_STOCK) {
    for (const { productId, available } of details) {
      for (const line of lines) {
        if (line.kind === 'product' && line.productId === productId) {
          problems.set(line.key, `Not enough stock: ${String(available)} more in stock`);
        }
      }
    }
  }
  for (const { path, reason } of details) {
    const index = typeof path === 'string' ? /^\/items\/(\d+)$/.exec(path)?.[1] : undefined;
    const line = index === undefined ? undefined : lines[Number(index)];
    if (line && reason)
      problems.set(line.key, reason === 'currency' ? 'Priced in another currency' : 'No longer sold');
  }
  return problems;
}
