import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CheckOutBody, CreateVisitBody, IdParams, page, Visit, VisitListQuery } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { visitService } from './visit.service.js';

export async function visitRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['visits'];
  const access = { config: { access: { permission: 'visitors.manage' as const } } };

  app.get('/api/visits', { ...access, schema: { tags, summary: 'The register: ?onSite=true for who is on site now, ?date= for a day\'s record', querystring: VisitListQuery, response: { 200: page(Visit) } } }, async (req) =>
    visitService.list(ctxOf(req), req.query));
  app.post('/api/visits', { ...access, schema: { tags, summary: 'Check a visitor in', body: CreateVisitBody, response: { 201: Visit } } }, async (req, reply) => {
    reply.status(201);
    return visitService.checkIn(ctxOf(req), req.body);
  });
  app.get('/api/visits/:id', { ...access, schema: { tags, params: IdParams, response: { 200: Visit } } }, async (req) => visitService.get(ctxOf(req), req.params.id));
  app.post('/api/visits/:id/check-out', { ...access, schema: { tags, params: IdParams, body: CheckOutBody.nullish(), response: { 200: Visit } } }, async (req) =>
    visitService.checkOut(ctxOf(req), req.params.id));
}
