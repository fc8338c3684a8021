import type { OrderItem } from '@igniflo/contract';

/** An order line as the API sends it: the product's id for its SKU, one unit at 1.00. */
export const orderItem = (productId: string, name: string, quantity: number): OrderItem => ({
  productId,
  sku: productId,
  name,
  unitPriceCents: 100,
  quantity,
  options: {},
});
