import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Calendar, CalendarParams, PutCalendarBody, PutSlaPoliciesBody, SlaPolicies, SlaPolicyQuery } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { slaService } from './sla.service.js';

export async function slaRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['sla'];
  app.get('/api/sla-policies', { config: { access: { permission: 'tickets.read' } }, schema: { tags, querystring: SlaPolicyQuery, response: { 200: SlaPolicies } } }, async (req) =>
    slaService.getPolicies(ctxOf(req), req.query.projectId));
  app.put('/api/sla-policies', { config: { access: { permission: 'sla.manage' } }, schema: { tags, body: PutSlaPoliciesBody, response: { 200: SlaPolicies } } }, async (req) =>
    slaService.putPolicies(ctxOf(req), req.body));
  app.get('/api/calendars/:projectId', { config: { access: { permission: 'tickets.read' } }, schema: { tags, params: CalendarParams, response: { 200: Calendar } } }, async (req) =>
    slaService.getCalendar(ctxOf(req), req.params.projectId));
  app.put('/api/calendars/:projectId', { config: { access: { permission: 'sla.manage' } }, schema: { tags, params: CalendarParams, body: PutCalendarBody, response: { 200: Calendar } } }, async (req) =>
    slaService.putCalendar(ctxOf(req), req.params.projectId, req.body));
}
