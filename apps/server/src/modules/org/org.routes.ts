import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateOrgUnitBody, IdParams, OrgUnit, OrgUnitListQuery, page, UpdateOrgUnitBody } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { orgService } from './org.service.js';

export async function orgRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];
  app.get('/api/org-units', { config: { access: { permission: 'org.read' } }, schema: { tags, querystring: OrgUnitListQuery, response: { 200: page(OrgUnit) } } }, async (req) =>
    orgService.list(ctxOf(req), req.query));
  app.post('/api/org-units', { config: { access: { permission: 'org.manage' } }, schema: { tags, body: CreateOrgUnitBody, response: { 201: OrgUnit } } }, async (req, reply) => {
    reply.status(201);
    return orgService.create(ctxOf(req), req.body);
  });
  app.get('/api/org-units/:id', { config: { access: { permission: 'org.read' } }, schema: { tags, params: IdParams, response: { 200: OrgUnit } } }, async (req) =>
    orgService.get(ctxOf(req), req.params.id));
  app.patch('/api/org-units/:id', { config: { access: { permission: 'org.manage' } }, schema: { tags, params: IdParams, body: UpdateOrgUnitBody, response: { 200: OrgUnit } } }, async (req) =>
    orgService.update(ctxOf(req), req.params.id, req.body));
}
