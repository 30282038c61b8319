import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditEntry, AuditListQuery, page } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { auditService } from './audit.service.js';

export async function auditRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  app.get('/api/audit', { config: { access: { permission: 'audit.read' } }, schema: { tags: ['audit'], querystring: AuditListQuery, response: { 200: page(AuditEntry) } } }, async (req) =>
    auditService.list(ctxOf(req), req.query));
}
