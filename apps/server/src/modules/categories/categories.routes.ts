import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CategoryList, CategoryListQuery, CreateCategoryBody, IdParams, TicketCategory, UpdateCategoryBody } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { categoriesService } from './categories.service.js';

export async function categoriesRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['categories'];
  app.get('/api/ticket-categories', { config: { access: { permission: 'tickets.read' } }, schema: { tags, querystring: CategoryListQuery, response: { 200: CategoryList } } }, async (req) =>
    categoriesService.list(ctxOf(req), req.query));
  app.post('/api/ticket-categories', { config: { access: { permission: 'sla.manage' } }, schema: { tags, body: CreateCategoryBody, response: { 201: TicketCategory } } }, async (req, reply) => {
    reply.status(201);
    return categoriesService.create(ctxOf(req), req.body);
  });
  app.patch('/api/ticket-categories/:id', { config: { access: { permission: 'sla.manage' } }, schema: { tags, params: IdParams, body: UpdateCategoryBody, response: { 200: TicketCategory } } }, async (req) =>
    categoriesService.update(ctxOf(req), req.params.id, req.body));
}
