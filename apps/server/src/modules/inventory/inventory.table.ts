import type { Generated, Insertable } from 'kysely';

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
