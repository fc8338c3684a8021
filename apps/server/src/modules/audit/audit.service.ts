/** The audit log's face: changes are recorded in the transaction that makes them; admins read it. */
import type { AuditEntry, AuditQuery } from '@igniflo/contract';
import type { Db, Tx } from '../../platform/db/database.ts';
import { DEFAULT_LIMIT, decodeNumericCursor, encodeNumericCursor } from '../../lib/pagination.ts';
import { insertAuditRow, listAudit, type AuditRecord, type AuditRowWithActor } from './audit.repository.ts';

export type { AuditRecord } from './audit.repository.ts';

/** Records a change in the transaction that makes it, so the log and the change commit together. */
export const recordAudit = (tx: Tx, record: AuditRecord): Promise<void> => insertAuditRow(tx, record);

const toEntry = (row: AuditRowWithActor): AuditEntry => ({
  id: row.id,
  actorId: row.actor_id,
  actorName: row.actor_name,
  actorEmail: row.actor_email,
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  before: row.before === null ? null : (JSON.parse(row.before) as unknown),
  after: row.after === null ? null : (JSON.parse(row.after) as unknown),
  at: row.at,
});

export type AuditService = ReturnType<typeof createAuditService>;

export const createAuditService = ({ db }: { db: Db }) => ({
  /** A page of the log, newest first. */
  async list(query: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    const { limit = DEFAULT_LIMIT, cursor, ...filter } = query;
    const rows = await listAudit(db, { ...filter, beforeId: decodeNumericCursor(cursor), limit });
    const items = rows.slice(0, limit).map(toEntry);
    return { items, nextCursor: rows.length > limit ? encodeNumericCursor(items.at(-1)?.id) : null };
  },
});
