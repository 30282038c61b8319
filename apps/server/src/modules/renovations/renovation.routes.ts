import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AcceptanceBody, ApproveRenovationBody, CancelBody, CreateRenovationBody, DecideExtensionBody, ExtendBody, IdParams, InspectBody, page, PayRenovationBody, RefundBody,
  RejectBody, Renovation, RenovationListQuery,
} from '@propdesk/contracts';
import { z } from 'zod';
import { ctxOf } from '../../http/authenticate.js';
import { renovationService } from './renovation.service.js';

export async function renovationRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['renovations'];
  const one = { 200: Renovation };
  const apply = { config: { access: { permission: 'resident_services.apply' as const } } };
  const approve = { config: { access: { permission: 'resident_services.approve' as const } } };
  // Taking and paying back the deposit is money at the till: a collector's (billing.collect), booked in her day.
  const collect = { config: { access: { permission: 'billing.collect' as const } } };

  app.get('/api/renovations', { config: { access: { permission: 'resident_services.read' } }, schema: { tags, querystring: RenovationListQuery, response: { 200: page(Renovation) } } }, async (req) =>
    renovationService.list(ctxOf(req), req.query));
  app.post('/api/renovations', { ...apply, schema: { tags, body: CreateRenovationBody, response: { 201: Renovation } } }, async (req, reply) => {
    reply.status(201);
    return renovationService.create(ctxOf(req), req.body);
  });
  app.get('/api/renovations/:id', { config: { access: { permission: 'resident_services.read' } }, schema: { tags, params: IdParams, response: one } }, async (req) =>
    renovationService.get(ctxOf(req), req.params.id));

  app.post('/api/renovations/:id/approve', { ...approve, schema: { tags, summary: 'Approve, with conditions', params: IdParams, body: ApproveRenovationBody.nullish(), response: one } }, async (req) =>
    renovationService.approve(ctxOf(req), req.params.id, req.body ?? {}));
  app.post('/api/renovations/:id/reject', { ...approve, schema: { tags, params: IdParams, body: RejectBody, response: one } }, async (req) =>
    renovationService.reject(ctxOf(req), req.params.id, req.body.reason));
  app.post('/api/renovations/:id/pay', { ...collect, schema: { tags, summary: 'Take the deposit (装修押金, a billing deposit with its receipt) and record the fees (垃圾清运费), in fen', params: IdParams, body: PayRenovationBody, response: one } }, async (req) =>
    renovationService.pay(ctxOf(req), req.params.id, req.body));
  app.post('/api/renovations/:id/issue-permit', { ...apply, schema: { tags, summary: 'Issue the permit and the worker passes for the approved dates', params: IdParams, body: z.strictObject({}).nullish(), response: one } }, async (req) =>
    renovationService.issuePermit(ctxOf(req), req.params.id));
  app.post('/api/renovations/:id/inspect', { ...apply, schema: { tags, params: IdParams, body: InspectBody, response: one } }, async (req) =>
    renovationService.inspect(ctxOf(req), req.params.id, req.body));
  app.post('/api/renovations/:id/acceptance', { ...apply, schema: { tags, summary: 'Acceptance inspection (验收): passed, or failed → rework', params: IdParams, body: AcceptanceBody, response: one } }, async (req) =>
    renovationService.acceptance(ctxOf(req), req.params.id, req.body));
  app.post('/api/renovations/:id/extend', { ...apply, schema: { tags, summary: 'Ask for an extension', params: IdParams, body: ExtendBody, response: one } }, async (req) =>
    renovationService.extend(ctxOf(req), req.params.id, req.body));
  app.post('/api/renovations/:id/decide-extension', { ...approve, schema: { tags, params: IdParams, body: DecideExtensionBody, response: one } }, async (req) =>
    renovationService.decideExtension(ctxOf(req), req.params.id, req.body));
  app.post('/api/renovations/:id/refund', { ...collect, schema: { tags, summary: 'Refund the deposit minus deductions with reasons (its refund receipt) and close the application', params: IdParams, body: RefundBody, response: one } }, async (req) =>
    renovationService.refund(ctxOf(req), req.params.id, req.body));
  app.post('/api/renovations/:id/cancel', { ...apply, schema: { tags, params: IdParams, body: CancelBody, response: one } }, async (req) =>
    renovationService.cancel(ctxOf(req), req.params.id, req.body.reason));
}
