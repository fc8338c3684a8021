import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditEntry, AuditQuery, Page } from '@igniflo/contract';
import type { AuditService } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (app, { audit }) => {
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
    (request) => audit.list(request.query),
  );
};
