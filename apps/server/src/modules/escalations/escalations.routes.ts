import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EmptyBody, Escalation, EscalationListQuery, IdParams, page } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { escalationsService } from './escalations.service.js';

/** The escalation list (supervisors and directors) and acknowledging one. */
export async function escalationsRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['escalations'];
  const access = { permission: 'escalations.read' as const };
  app.get('/api/escalations', { config: { access }, schema: { tags, querystring: EscalationListQuery, response: { 200: page(Escalation) } } }, async (req) =>
    escalationsService.list(ctxOf(req), req.query));
  app.post('/api/escalations/:id/acknowledge', { config: { access }, schema: { tags, params: IdParams, body: EmptyBody.nullish(), response: { 200: Escalation } } }, async (req) =>
    escalationsService.acknowledge(ctxOf(req), req.params.id));
}
