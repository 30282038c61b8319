import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AssignWorkBody, EmptyBody, FinishWorkBody, IdParams, page, ReturnWorkBody, StartWorkBody, TransferWorkBody, WorkOrder, WorkOrderCodeParams, WorkOrderListQuery,
} from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { workOrderService } from './work-order.service.js';

export async function workOrderRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['work-orders'];
  const one = { 200: WorkOrder };

  app.get('/api/work-orders', { config: { access: { permission: 'work_orders.read' } }, schema: { tags, querystring: WorkOrderListQuery, response: { 200: page(WorkOrder) } } }, async (req) =>
    workOrderService.list(ctxOf(req), req.query));

  app.get('/api/work-orders/by-code/:code', { config: { access: { permission: 'work_orders.read' } }, schema: { tags, params: WorkOrderCodeParams, response: one } }, async (req) =>
    workOrderService.byCode(ctxOf(req), req.params.code));

  app.get('/api/work-orders/:id', { config: { access: { permission: 'work_orders.read' } }, schema: { tags, params: IdParams, response: one } }, async (req) =>
    workOrderService.get(ctxOf(req), req.params.id));

  app.post('/api/work-orders/:id/accept', { config: { access: { permission: 'work_orders.work' } }, schema: { tags, params: IdParams, body: EmptyBody.nullish(), response: one } }, async (req) =>
    workOrderService.accept(ctxOf(req), req.params.id));

  app.post('/api/work-orders/:id/start', { config: { access: { permission: 'work_orders.work' } }, schema: { tags, params: IdParams, body: StartWorkBody.nullish(), response: one } }, async (req) =>
    workOrderService.start(ctxOf(req), req.params.id, req.body ?? {}));

  app.post('/api/work-orders/:id/finish', { config: { access: { permission: 'work_orders.work' } }, schema: { tags, params: IdParams, body: FinishWorkBody, response: one } }, async (req) =>
    workOrderService.finish(ctxOf(req), req.params.id, req.body));

  app.post('/api/work-orders/:id/return', { config: { access: { permission: 'work_orders.work' } }, schema: { tags, params: IdParams, body: ReturnWorkBody, response: one } }, async (req) =>
    workOrderService.returnOrder(ctxOf(req), req.params.id, req.body));

  // Transfer and assign belong to the team's leader (a technician) and to dispatchers: the service decides per order.
  app.post('/api/work-orders/:id/transfer', { config: { access: { permission: 'work_orders.read' } }, schema: { tags, params: IdParams, body: TransferWorkBody, response: { 201: WorkOrder } } }, async (req, reply) => {
    reply.status(201);
    return workOrderService.transfer(ctxOf(req), req.params.id, req.body);
  });

  app.post('/api/work-orders/:id/assign', { config: { access: { permission: 'work_orders.read' } }, schema: { tags, params: IdParams, body: AssignWorkBody, response: one } }, async (req) =>
    workOrderService.assign(ctxOf(req), req.params.id, req.body));
}
