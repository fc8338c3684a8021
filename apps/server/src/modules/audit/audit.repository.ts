import type { AuditQuery } from '@igniflo/contract';
import type { Executor } from '../../db/database.ts';
import type { AuditLogTable, AuditRow } from './audit.table.ts';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  entityType: AuditLogTable['entity_type'];
  entityId: string;
  before?: unknown;
  after?: unknown;
  at: string;
}

/** Written in the transaction of the change it records. */
export async function recordAudit(db: Executor, record: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: record.actorId,
      action: record.action,
      entity_type: record.entityType,
      entity_id: record.entityId,
      before: record.before === undefined ? null : JSON.stringify(record.before),
      after: record.after === undefined ? null : JSON.stringify(record.after),
      at: record.at,
    })
    .execute();
}

export async function listAudit(
  db: Executor,
  filter: Omit<AuditQuery, 'limit' | 'cursor'> & { beforeId?: number | undefined; limit: number },
): Promise<AuditRow[]> {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit + 1);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  return query.execute();
}
