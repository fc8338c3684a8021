import type { Generated, Insertable, Selectable } from 'kysely';

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
/** Every column by name, for prepared() statements, which name what they return (db/prepared.ts). */
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

/** Every stock change, so that stock can be audited: sum(delta) per product equals its stock. */
export interface InventoryLedgerTable {
  id: Generated<number>;
  product_id: string;
  delta: number;
  reason: string;
  order_id: string | null;
  actor_id: string | null;
  at: string;
}
export type NewLedgerEntry = Insertable<InventoryLedgerTable>;
