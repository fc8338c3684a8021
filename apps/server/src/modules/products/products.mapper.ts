import type { Product } from '@igniflo/contract';
import type { ProductRow } from './products.table.ts';

export const toProduct = (row: ProductRow): Product => ({
  id: row.id,
  sku: row.sku,
  name: row.name,
  description: row.description,
  priceCents: row.price_cents,
  currency: row.currency,
  stock: row.stock,
  active: row.active === 1,
  imageUrl: row.image_url,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
