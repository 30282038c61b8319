import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  Bill,
  BillDetail,
  BillingRun,
  BillingRunBody,
  BillingRunListQuery,
  BillingRunResult,
  BillLine,
  BillListQuery,
  IdParams,
  OneOffChargeBody,
  page,
  Reduction,
  ReductionBody,
  ReductionListQuery,
  ReviewReductionBody,
  VoidLineBody,
} from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { billingService } from './billing.service.js';

export async function billingRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['billing'];

  app.post(
    '/api/billing-runs',
    { config: { access: { permission: 'billing.run' } }, schema: { tags, summary: 'Preview (dryRun) or commit the billing run of a project and month', body: BillingRunBody, response: { 200: BillingRunResult, 201: BillingRunResult } } },
    async (req, reply) => {
      const result = await billingService.run(ctxOf(req), req.body);
      reply.status(req.body.dryRun ? 200 : 201);
      return result;
    },
  );
  app.get('/api/billing-runs', { config: { access: { permission: 'billing.read' } }, schema: { tags, querystring: BillingRunListQuery, response: { 200: page(BillingRun) } } }, async (req) =>
    billingService.listRuns(ctxOf(req), req.query));

  app.get('/api/bills', { config: { access: { permission: 'billing.read' } }, schema: { tags, querystring: BillListQuery, response: { 200: page(Bill) } } }, async (req) =>
    billingService.listBills(ctxOf(req), req.query));
  app.post('/api/bills/charges', { config: { access: { permission: 'billing.collect' } }, schema: { tags, summary: "A one-off charge (or a finished work order's charge) on the unit's bill of this month", body: OneOffChargeBody, response: { 201: BillDetail } } }, async (req, reply) => {
    const bill = await billingService.charge(ctxOf(req), req.body);
    reply.status(201);
    return bill;
  });
  app.get('/api/bills/:id', { config: { access: { permission: 'billing.read' } }, schema: { tags, params: IdParams, response: { 200: BillDetail } } }, async (req) =>
    billingService.getBill(ctxOf(req), req.params.id));

  app.post('/api/bill-lines/:id/void', { config: { access: { permission: 'billing.void' } }, schema: { tags, params: IdParams, body: VoidLineBody, response: { 200: BillLine } } }, async (req) =>
    billingService.voidLine(ctxOf(req), req.params.id, req.body.reason));
  app.post('/api/bill-lines/:id/reductions', { config: { access: { permission: 'billing.reduce' } }, schema: { tags, params: IdParams, body: ReductionBody, response: { 201: BillLine } } }, async (req, reply) => {
    const line = await billingService.requestReduction(ctxOf(req), req.params.id, req.body);
    reply.status(201);
    return line;
  });
  app.get('/api/reductions', { config: { access: { permission: 'billing.read' } }, schema: { tags, querystring: ReductionListQuery, response: { 200: page(Reduction) } } }, async (req) =>
    billingService.listReductions(ctxOf(req), req.query));
  app.post('/api/reductions/:id/approve', { config: { access: { permission: 'billing.approve' } }, schema: { tags, params: IdParams, body: ReviewReductionBody, response: { 200: BillLine } } }, async (req) =>
    billingService.reviewReduction(ctxOf(req), req.params.id, 'approved', req.body.note));
  app.post('/api/reductions/:id/reject', { config: { access: { permission: 'billing.approve' } }, schema: { tags, params: IdParams, body: ReviewReductionBody, response: { 200: BillLine } } }, async (req) =>
    billingService.reviewReduction(ctxOf(req), req.params.id, 'rejected', req.body.note));
}
