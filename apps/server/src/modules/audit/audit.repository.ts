import type { AuditQuery } from '@igniflo/contract';
import type { Executor } from '../../platform/db/database.ts';
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

export async function insertAuditRow(db: Executor, record: AuditRecord): Promise<void> {
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

/** An entry with who made it, as that account is named now; both null for the system. */
export type AuditRowWithActor = AuditRow & { actor_name: string | null; actor_email: string | null };

export async function listAudit(
  db: Executor,
  filter: Omit<AuditQuery, 'limit' | 'cursor'> & { beforeId?: number | undefined; limit: number },
): Promise<AuditRowWithActor[]> {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select(['users.name as actor_name', 'users.email as actor_email'])
    .orderBy('audit_log.id', 'desc')
    .limit(filter.limit + 1);
  if (filter.actorId) query = query.where('audit_log.actor_id', '=', filter.actorId);
  if (filter.entityType) query = query.where('audit_log.entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('audit_log.entity_id', '=', filter.entityId);
  if (filter.action) query = query.where('audit_log.action', '=', filter.action);
  if (filter.from) query = query.where('audit_log.at', '>=', filter.from);
  if (filter.to) query = query.where('audit_log.at', '<', filter.to);
  if (filter.beforeId !== undefined) query = query.where('audit_log.id', '<', filter.beforeId);
  return query.execute();
}
