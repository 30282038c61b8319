import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CommentBody, CreateTicketBody, CreateTicketResponse, DispatchBody, DispatchResponse, EmptyBody, HoldBody, IdParams, page, QueueCounts, ReasonBody,
  ResolveBody, ReturnVisitBody, ReturnVisitResponse, Ticket, TicketCountsQuery, TicketExportQuery, TicketListQuery, TicketSummary, TransferTicketBody,
  VisitQueueItem, VisitQueueQuery, XLSX_MEDIA_TYPE, XlsxFile,
} from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { workOrderService } from '../work-orders/work-order.service.js';
import { createTicket } from './ticket.intake.js';
import { ticketService } from './ticket.service.js';
import { ticketTransitions } from './ticket.transitions.js';

const xlsxResponse = { 200: { description: '.xlsx file (attachment)', content: { [XLSX_MEDIA_TYPE]: { schema: XlsxFile } } } };

export async function ticketRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['tickets'];
  const reply200 = { 200: Ticket };

  app.post('/api/tickets', { config: { access: { permission: 'tickets.create' } }, schema: { tags, body: CreateTicketBody, response: { 201: CreateTicketResponse } } }, async (req, reply) => {
    reply.status(201);
    return createTicket(ctxOf(req), req.body);
  });

  app.get('/api/tickets', { config: { access: { permission: 'tickets.read' } }, schema: { tags, querystring: TicketListQuery, response: { 200: page(TicketSummary) } } }, async (req) =>
    ticketService.list(ctxOf(req), req.query));

  app.get('/api/tickets/counts', { config: { access: { permission: 'tickets.read' } }, schema: { tags, querystring: TicketCountsQuery, response: { 200: QueueCounts } } }, async (req) =>
    ticketService.counts(ctxOf(req), req.query));

  app.get('/api/tickets/export', { config: { access: { permission: 'tickets.read' } }, schema: { tags, querystring: TicketExportQuery, response: xlsxResponse } }, async (req, reply) => {
    const ctx = ctxOf(req);
    const body = await ticketService.exportXlsx(ctx, req.query);
    const name = ctx.locale === 'en' ? 'tickets.xlsx' : '工单.xlsx';
    // A binary answer: the untyped reply (the declared schema documents it as a file).
    return (reply as FastifyReply)
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', `attachment; filename="tickets.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(body);
  });

  app.get('/api/tickets/:id', { config: { access: { permission: 'tickets.read' } }, schema: { tags, params: IdParams, response: reply200 } }, async (req) =>
    ticketService.get(ctxOf(req), req.params.id));

  app.post('/api/tickets/:id/dispatch', { config: { access: { permission: 'tickets.dispatch' } }, schema: { tags, params: IdParams, body: DispatchBody, response: { 201: DispatchResponse } } }, async (req, reply) => {
    reply.status(201);
    return workOrderService.dispatch(ctxOf(req), req.params.id, req.body);
  });

  app.post('/api/tickets/:id/hold', { config: { access: { permission: 'tickets.handle' } }, schema: { tags, params: IdParams, body: HoldBody, response: reply200 } }, async (req) =>
    ticketTransitions.hold(ctxOf(req), req.params.id, req.body));

  app.post('/api/tickets/:id/resume', { config: { access: { permission: 'tickets.handle' } }, schema: { tags, params: IdParams, body: EmptyBody.nullish(), response: reply200 } }, async (req) =>
    ticketTransitions.resume(ctxOf(req), req.params.id));

  app.post('/api/tickets/:id/resolve', { config: { access: { permission: 'tickets.handle' } }, schema: { tags, params: IdParams, body: ResolveBody, response: reply200 } }, async (req) =>
    ticketTransitions.resolve(ctxOf(req), req.params.id, req.body));

  app.post('/api/tickets/:id/reopen', { config: { access: { permission: 'tickets.handle' } }, schema: { tags, params: IdParams, body: ReasonBody, response: reply200 } }, async (req) =>
    ticketTransitions.reopen(ctxOf(req), req.params.id, req.body));

  app.post('/api/tickets/:id/cancel', { config: { access: { permission: 'tickets.close' } }, schema: { tags, params: IdParams, body: ReasonBody, response: reply200 } }, async (req) =>
    ticketTransitions.cancel(ctxOf(req), req.params.id, req.body));

  app.post('/api/tickets/:id/close', { config: { access: { permission: 'tickets.close' } }, schema: { tags, params: IdParams, body: EmptyBody.nullish(), response: reply200 } }, async (req) =>
    ticketTransitions.close(ctxOf(req), req.params.id));

  app.post('/api/tickets/:id/transfer', { config: { access: { permission: 'tickets.transfer' } }, schema: { tags, params: IdParams, body: TransferTicketBody, response: reply200 } }, async (req) =>
    ticketTransitions.transfer(ctxOf(req), req.params.id, req.body));

  app.post('/api/tickets/:id/comments', { config: { access: { permission: 'tickets.handle' } }, schema: { tags, params: IdParams, body: CommentBody, response: { 201: Ticket } } }, async (req, reply) => {
    reply.status(201);
    return ticketTransitions.comment(ctxOf(req), req.params.id, req.body);
  });

  app.post('/api/tickets/:id/return-visits', { config: { access: { permission: 'tickets.visit' } }, schema: { tags, params: IdParams, body: ReturnVisitBody, response: { 201: ReturnVisitResponse } } }, async (req, reply) => {
    reply.status(201);
    return ticketTransitions.visit(ctxOf(req), req.params.id, req.body);
  });

  app.get('/api/return-visits/queue', { config: { access: { permission: 'tickets.visit' } }, schema: { tags, querystring: VisitQueueQuery, response: { 200: page(VisitQueueItem) } } }, async (req) =>
    ticketService.visitQueue(ctxOf(req), req.query));
}
