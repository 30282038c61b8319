import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcknowledgeHandoverBody, CalendarDate, Cover, Coverage, CreateCoverBody, CreateDeskBody, CreateHandoverBody, CreateShiftBody, DateRangeQuery, Desk, DeskListQuery,
  DeskToday, Handover, HandoverListQuery, IdParams, Ok, page, RestCheck, Shift, ShiftListQuery, UpdateDeskBody,
} from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { handoversService } from './desks.handover.js';
import { desksService } from './desks.service.js';
import { deskToday } from './desks.today.js';

export async function desksRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['front desk'];
  const read = { config: { access: { permission: 'desk.read' as const } } };
  const manage = { config: { access: { permission: 'desk.manage' as const } } };
  const work = { config: { access: { permission: 'desk.work' as const } } };

  app.get('/api/desks', { ...read, schema: { tags, querystring: DeskListQuery, response: { 200: page(Desk) } } }, async (req) => desksService.list(ctxOf(req), req.query));
  app.post('/api/desks', { ...manage, schema: { tags, body: CreateDeskBody, response: { 201: Desk } } }, async (req, reply) => {
    reply.status(201);
    return desksService.create(ctxOf(req), req.body);
  });
  app.get('/api/desks/:id', { ...read, schema: { tags, params: IdParams, response: { 200: Desk } } }, async (req) => desksService.get(ctxOf(req), req.params.id));
  app.patch('/api/desks/:id', { ...manage, schema: { tags, params: IdParams, body: UpdateDeskBody, response: { 200: Desk } } }, async (req) =>
    desksService.update(ctxOf(req), req.params.id, req.body));
  app.get('/api/desks/:id/staff', { ...read, schema: { tags, summary: 'Active staff of the desk\'s project (for the roster and covers)', params: IdParams, response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), position: z.string().nullable() })) }) } } }, async (req) =>
    desksService.staff(ctxOf(req), req.params.id));
  app.get('/api/desks/:id/coverage', { ...read, schema: { tags, summary: 'Opening minutes with nobody on duty (空岗) over business dates', params: IdParams, querystring: DateRangeQuery, response: { 200: Coverage } } }, async (req) =>
    desksService.coverage(ctxOf(req), req.params.id, req.query.from, req.query.to));
  app.get('/api/desks/:id/rest-check', { ...read, schema: { tags, summary: 'Runs of working days longer than the rest-day rule allows, with proposed rest days', params: IdParams, querystring: DateRangeQuery, response: { 200: RestCheck } } }, async (req) =>
    desksService.restCheck(ctxOf(req), req.params.id, req.query.from, req.query.to));
  app.get('/api/desks/:id/today', { ...read, schema: { tags, params: IdParams, querystring: z.object({ date: CalendarDate.optional() }), response: { 200: DeskToday } } }, async (req) =>
    deskToday(ctxOf(req), req.params.id, req.query.date));

  app.get('/api/shifts', { ...read, schema: { tags, querystring: ShiftListQuery, response: { 200: page(Shift) } } }, async (req) => desksService.listShifts(ctxOf(req), req.query));
  app.post('/api/shifts', { ...manage, schema: { tags, body: CreateShiftBody, response: { 201: Shift } } }, async (req, reply) => {
    reply.status(201);
    return desksService.createShift(ctxOf(req), req.body);
  });
  app.delete('/api/shifts/:id', { ...manage, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    await desksService.deleteShift(ctxOf(req), req.params.id);
    return { ok: true as const };
  });

  app.post('/api/covers', { ...work, schema: { tags, summary: 'A person on duty leaves briefly: who covers (代岗) and until when', body: CreateCoverBody, response: { 201: Cover } } }, async (req, reply) => {
    reply.status(201);
    return desksService.createCover(ctxOf(req), req.body);
  });
  app.post('/api/covers/:id/return', { ...work, schema: { tags, summary: 'Back at the post', params: IdParams, response: { 200: Cover } } }, async (req) =>
    desksService.returnFromCover(ctxOf(req), req.params.id));

  app.get('/api/handovers', { ...read, schema: { tags, querystring: HandoverListQuery, response: { 200: page(Handover) } } }, async (req) => handoversService.list(ctxOf(req), req.query));
  app.post('/api/handovers', { ...work, schema: { tags, body: CreateHandoverBody, response: { 201: Handover } } }, async (req, reply) => {
    reply.status(201);
    return handoversService.create(ctxOf(req), req.body);
  });
  app.post('/api/handovers/:id/acknowledge', { ...work, schema: { tags, params: IdParams, body: AcknowledgeHandoverBody, response: { 200: Handover } } }, async (req) =>
    handoversService.acknowledge(ctxOf(req), req.params.id, req.body.note));
}
