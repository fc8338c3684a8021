import { describe, expect, it } from 'vitest';
import { describeEdit, editedLines, type PricedProduct } from './order-edit-lines.ts';
import type { OrderItemRow } from './orders.table.ts';

const tee: PricedProduct = {
  id: 'tee',
  sku: 'TEE',
  name: 'Tee',
  price_cents: 2500,
  currency: 'EUR',
  active: 1,
};
const row = (fields: Partial<OrderItemRow>): OrderItemRow => ({
  id: 1,
  order_id: 'o',
  line: 1,
  product_id: 'tee',
  sku: 'TEE',
  name: 'Tee',
  unit_price_cents: 2000,
  quantity: 1,
  options: '{}',
  ...fields,
});
const totals = { before: 0, after: 0 };

describe('the lines of an edited order', () => {
  it('matches a line the order has by product and options, whatever order the options come in', () => {
    const before = [row({ options: '{"size":"L","colour":"red"}' })];
    const products = new Map([[tee.id, tee]]);
    const [kept, fresh] = editedLines(
      before,
      [
        { productId: 'tee', quantity: 2, options: { colour: 'red', size: 'L' } },
        { productId: 'tee', quantity: 1, options: { size: 'M' } },
      ],
      products,
      'EUR',
    );
    expect(kept).toMatchObject({ line: 1, unit_price_cents: 2000, quantity: 2 });
    expect(fresh).toMatchObject({ line: 2, unit_price_cents: 2500, options: '{"size":"M"}' });
  });

  it('says nothing changed when the same units come in other lines or another order', () => {
    const before = [
      row({ quantity: 2 }),
      row({ product_id: null, sku: 'CUSTOM', name: 'Gift wrap', unit_price_cents: 300 }),
    ];
    const after = [
      row({ product_id: null, sku: 'CUSTOM', name: 'Gift wrap', unit_price_cents: 300 }),
      row({ quantity: 1 }),
      row({ quantity: 1 }),
    ];
    expect(describeEdit(before, after, totals, 'EUR')).toBeNull();
  });

  it('names options and custom prices in the note', () => {
    const before = [row({ options: '{"size":"L"}' })];
    const after = [
      row({ options: '{"size":"L"}', quantity: 2 }),
      row({ product_id: null, sku: 'CUSTOM', name: 'Gift wrap', unit_price_cents: 300 }),
    ];
    expect(describeEdit(before, after, { before: 2000, after: 4300 }, 'EUR')).toBe(
      'Items changed: 1 × Tee (size: L) → 2 × Tee (size: L); added 1 × Gift wrap at €3.00. Total €20.00 → €43.00',
    );
  });
});
