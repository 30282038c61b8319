import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Call, CallListQuery, CallToTicketBody, CallbackDoneBody, CreateCallBody, CreateTicketResponse, IdParams, page } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { callsService } from './calls.service.js';

export async function callsRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['calls'];
  app.get('/api/calls', { config: { access: { permission: 'calls.read' } }, schema: { tags, querystring: CallListQuery, response: { 200: page(Call) } } }, async (req) =>
    callsService.list(ctxOf(req), req.query));
  app.post('/api/calls', { config: { access: { permission: 'calls.log' } }, schema: { tags, body: CreateCallBody, response: { 201: Call } } }, async (req, reply) => {
    reply.status(201);
    return callsService.create(ctxOf(req), req.body);
  });
  app.post('/api/calls/:id/callback-done', { config: { access: { permission: 'calls.log' } }, schema: { tags, params: IdParams, body: CallbackDoneBody, response: { 200: Call } } }, async (req) =>
    callsService.callbackDone(ctxOf(req), req.params.id, req.body));
  // Turning a call into a ticket is intake: it needs tickets.create as well (checked by the intake service).
  app.post('/api/calls/:id/to-ticket', {
    config: { access: { permission: 'calls.log' } },
    schema: { tags, params: IdParams, body: CallToTicketBody, response: { 201: z.object({ call: Call, ticket: CreateTicketResponse }) } },
  }, async (req, reply) => {
    reply.status(201);
    return callsService.toTicket(ctxOf(req), req.params.id, req.body);
  });
}
