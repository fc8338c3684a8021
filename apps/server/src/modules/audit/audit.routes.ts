import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditEntry, AuditQuery, Page } from '@igniflo/contract';
import type { Db } from '../../platform/db/database.ts';
import { DEFAULT_LIMIT, decodeNumericCursor, encodeNumericCursor } from '../../lib/pagination.ts';
import { listAudit, type AuditRowWithActor } from './audit.repository.ts';

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

export const auditRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/admin/audit',
    {
      onRequest: app.requireUser('ADMIN'),
      schema: {
        tags: ['admin'],
        security: [{ bearerAuth: [] }],
        querystring: AuditQuery,
        response: { 200: Page(AuditEntry) },
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, cursor, ...filter } = request.query;
      const rows = await listAudit(db, { ...filter, beforeId: decodeNumericCursor(cursor), limit });
      const items = rows.slice(0, limit).map(toEntry);
      return { items, nextCursor: rows.length > limit ? encodeNumericCursor(items.at(-1)?.id) : null };
    },
  );
};
