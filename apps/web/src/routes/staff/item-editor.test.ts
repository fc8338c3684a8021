import { describe, expect, it } from 'vitest';
import type { Order, Product } from '@igniflo/contract';
import { ApiError } from '../../lib/api.ts';
import { bodyOf, previewTotal, refusals, startingLines, withProduct } from './item-editor.ts';

const order: Pick<Order, 'items'> = {
  items: [
    { productId: 'p1', sku: 'MUG', name: 'Mug', unitPriceCents: 1000, quantity: 2, options: {} },
    { productId: 'p2', sku: 'TEE', name: 'Tee', unitPriceCents: 2000, quantity: 1, options: { size: 'L' } },
  ],
};
const product = (id: string, priceCents: number) =>
  ({ id, sku: id.toUpperCase(), name: `Product ${id}`, priceCents, currency: 'USD', stock: 9 }) as Product;

describe('the item editor', () => {
  it('adds a product the order had at its old price, and a new one at today’s', () => {
    const lines = startingLines(order).filter((l) => l.kind === 'product' && l.productId !== 'p1');
    const again = withProduct(lines, product('p1', 1500), order);
    const fresh = withProduct(again, product('p3', 700), order);
    expect(fresh.map((l) => (l.kind === 'product' ? [l.productId, l.unitPriceCents] : []))).toEqual([
      ['p2', 2000],
      ['p1', 1000],
      ['p3', 700],
    ]);
    // A product on a line without options: one more on that line.
    const more = withProduct(fresh, product('p3', 700), order);
    expect(more).toHaveLength(3);
    expect(previewTotal(more)).toBe(2000 + 1000 + 1400);
    expect(bodyOf(more, '  ', 7)).toEqual({
      items: [
        { productId: 'p2', quantity: 1, options: { size: 'L' } },
        { productId: 'p1', quantity: 1 },
        { productId: 'p3', quantity: 2 },
      ],
      version: 7,
    });
  });

  it('puts the server’s refusal of products beside the lines it names', () => {
    const lines = startingLines(order);
    const error = new ApiError(400, 'VALIDATION_ERROR', 'Every product of this order must be priced in USD', [
      { path: '/items/1', productId: 'p2', reason: 'currency' } as { path: string },
    ]);
    expect([...refusals(error, lines).entries()]).toEqual([[lines[1]?.key, 'Priced in another currency']]);
    expect(refusals(new Error('offline'), lines).size).toBe(0);
  });
});
