import type { Generated, Selectable } from 'kysely';

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: string | null;
  /** `<entity>.<verb>`, e.g. product.update, stock.adjust, user.update, webhook.delete. */
  action: string;
  entity_type: 'user' | 'product' | 'webhook';
  entity_id: string;
  /** JSON snapshots of the entity, without secrets. */
  before: string | null;
  after: string | null;
  at: string;
}
export type AuditRow = Selectable<AuditLogTable>;
