import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateNoticeBody, IdParams, Notice, NoticeListQuery, NoticeReceipts, page } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { noticesService } from './notices.service.js';

export async function noticesRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['notices'];
  app.get('/api/notices', { config: { access: { permission: 'notices.read' } }, schema: { tags, querystring: NoticeListQuery, response: { 200: page(Notice) } } }, async (req) =>
    noticesService.list(ctxOf(req), req.query));
  // Downward notices need notices.publish (checked by the service); an upward report needs only notices.read.
  app.post('/api/notices', { config: { access: { permission: 'notices.read' } }, schema: { tags, body: CreateNoticeBody, response: { 201: Notice } } }, async (req, reply) => {
    reply.status(201);
    return noticesService.create(ctxOf(req), req.body);
  });
  app.get('/api/notices/:id', { config: { access: { permission: 'notices.read' } }, schema: { tags, params: IdParams, response: { 200: Notice } } }, async (req) =>
    noticesService.get(ctxOf(req), req.params.id));
  app.get('/api/notices/:id/receipts', { config: { access: { permission: 'notices.read' } }, schema: { tags, params: IdParams, response: { 200: NoticeReceipts } } }, async (req) =>
    noticesService.receipts(ctxOf(req), req.params.id));
  app.post('/api/notices/:id/read', { config: { access: { permission: 'notices.read' } }, schema: { tags, params: IdParams, response: { 200: Notice } } }, async (req) =>
    noticesService.read(ctxOf(req), req.params.id));
  app.post('/api/notices/:id/acknowledge', { config: { access: { permission: 'notices.read' } }, schema: { tags, params: IdParams, response: { 200: Notice } } }, async (req) =>
    noticesService.acknowledge(ctxOf(req), req.params.id));
}
