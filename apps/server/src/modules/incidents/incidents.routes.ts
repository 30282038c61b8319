import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateIncidentBody, IdParams, Incident, IncidentAckBody, IncidentActionBody, IncidentCloseBody, IncidentListQuery, page } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { incidentsService } from './incidents.service.js';

export async function incidentsRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];
  app.get('/api/incidents', { config: { access: { permission: 'incidents.read' } }, schema: { tags, querystring: IncidentListQuery, response: { 200: page(Incident) } } }, async (req) =>
    incidentsService.list(ctxOf(req), req.query));
  app.post('/api/incidents', { config: { access: { permission: 'incidents.report' } }, schema: { tags, body: CreateIncidentBody, response: { 201: Incident } } }, async (req, reply) => {
    reply.status(201);
    return incidentsService.create(ctxOf(req), req.body);
  });
  app.get('/api/incidents/:id', { config: { access: { permission: 'incidents.read' } }, schema: { tags, params: IdParams, response: { 200: Incident } } }, async (req) =>
    incidentsService.get(ctxOf(req), req.params.id));
  app.post('/api/incidents/:id/actions', { config: { access: { permission: 'incidents.report' } }, schema: { tags, params: IdParams, body: IncidentActionBody, response: { 200: Incident } } }, async (req) =>
    incidentsService.act(ctxOf(req), req.params.id, req.body));
  app.post('/api/incidents/:id/acknowledge', { config: { access: { permission: 'incidents.acknowledge' } }, schema: { tags, params: IdParams, body: IncidentAckBody, response: { 200: Incident } } }, async (req) =>
    incidentsService.acknowledge(ctxOf(req), req.params.id, req.body));
  app.post('/api/incidents/:id/close', { config: { access: { permission: 'incidents.report' } }, schema: { tags, params: IdParams, body: IncidentCloseBody, response: { 200: Incident } } }, async (req) =>
    incidentsService.close(ctxOf(req), req.params.id, req.body));
}
