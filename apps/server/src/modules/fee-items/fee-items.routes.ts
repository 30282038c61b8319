import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateFeeItemBody, FeeItem, FeeItemListQuery, IdParams, page, UpdateFeeItemBody } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { feeItemsService } from './fee-items.service.js';

export async function feeItemsRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['billing'];
  app.get('/api/fee-items', { config: { access: { permission: 'billing.read' } }, schema: { tags, querystring: FeeItemListQuery, response: { 200: page(FeeItem) } } }, async (req) =>
    feeItemsService.list(ctxOf(req), req.query));
  app.post('/api/fee-items', { config: { access: { permission: 'billing.configure' } }, schema: { tags, body: CreateFeeItemBody, response: { 201: FeeItem } } }, async (req, reply) => {
    const item = await feeItemsService.create(ctxOf(req), req.body);
    reply.status(201);
    return item;
  });
  app.get('/api/fee-items/:id', { config: { access: { permission: 'billing.read' } }, schema: { tags, params: IdParams, response: { 200: FeeItem } } }, async (req) =>
    feeItemsService.get(ctxOf(req), req.params.id));
  app.patch('/api/fee-items/:id', { config: { access: { permission: 'billing.configure' } }, schema: { tags, params: IdParams, body: UpdateFeeItemBody, response: { 200: FeeItem } } }, async (req) =>
    feeItemsService.update(ctxOf(req), req.params.id, req.body));
}
