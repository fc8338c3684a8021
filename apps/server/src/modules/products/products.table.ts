import type { Insertable, Selectable } from 'kysely';

export interface ProductsTable {
  id: string;
  sku: string;
  name: string;
  description: string;
  price_cents: number;
  currency: string;
  /** Never negative: a CHECK constraint backs the conditional updates. */
  stock: number;
  active: number;
  image_url: string | null;
  created_at: string;
  updated_at: string;
}
export type ProductRow = Selectable<ProductsTable>;
/** Every column by name, for prepared() statements, which name what they return (platform/db/prepared.ts). */
export const PRODUCT_COLUMNS = [
  'id',
  'sku',
  'name',
  'description',
  'price_cents',
  'currency',
  'stock',
  'active',
  'image_url',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ProductsTable)[];
export type NewProductRow = Insertable<ProductsTable>;
