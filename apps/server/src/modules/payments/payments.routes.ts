import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CashierUnit,
  CashierUnitQuery,
  CreateDailyCloseBody,
  CreateDepositBody,
  CreatePaymentBody,
  CreatePrepayBody,
  DailyClose,
  DailyCloseListQuery,
  DailyClosePreview,
  DailyClosePreviewQuery,
  HandOverRecipient,
  HandOverRecipientsQuery,
  Deposit,
  DepositListQuery,
  Id,
  IdParams,
  Outstanding,
  OutstandingQuery,
  page,
  Payment,
  PaymentListQuery,
  PaymentResult,
  PrepaidAccounts,
  PrepayResult,
  PrintResult,
  Receipt,
  RefundDepositBody,
  ReverseBody,
} from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { paymentsService } from './payments.service.js';

export async function paymentsRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['payments'];
  const read = { access: { permission: 'billing.read' as const } };
  const collect = { access: { permission: 'billing.collect' as const } };

  app.get('/api/cashier/units', { config: read, schema: { tags, summary: "The cashier's unit search: number, owner name or phone tail", querystring: CashierUnitQuery, response: { 200: z.array(CashierUnit) } } }, async (req) =>
    paymentsService.searchUnits(ctxOf(req), req.query));

  app.get('/api/payments/outstanding', { config: read, schema: { tags, summary: "A unit's outstanding lines, oldest first, with late fees to date", querystring: OutstandingQuery, response: { 200: Outstanding } } }, async (req) =>
    paymentsService.outstanding(ctxOf(req), req.query.unitId));

  app.post('/api/payments', { config: collect, schema: { tags, summary: 'Take a payment: allocation oldest first or to the chosen lines, a gap-free receipt', body: CreatePaymentBody, response: { 201: PaymentResult } } }, async (req, reply) => {
    const result = await paymentsService.pay(ctxOf(req), req.body);
    reply.status(201);
    return result;
  });

  app.get('/api/payments', { config: read, schema: { tags, querystring: PaymentListQuery, response: { 200: page(Payment) } } }, async (req) =>
    paymentsService.list(ctxOf(req), req.query));

  app.get('/api/payments/:id', { config: read, schema: { tags, summary: 'A payment with everything its receipt prints', params: IdParams, response: { 200: Receipt } } }, async (req) =>
    paymentsService.receipt(ctxOf(req), req.params.id));

  app.post('/api/payments/:id/print', { config: read, schema: { tags, summary: 'Record a print of the receipt (later prints are reprints, 补打)', params: IdParams, response: { 200: PrintResult } } }, async (req) =>
    paymentsService.print(ctxOf(req), req.params.id));

  app.post('/api/payments/:id/reverse', { config: { access: { permission: 'billing.reverse' } }, schema: { tags, summary: '冲正: a negative payment with its own receipt that reopens the lines', params: IdParams, body: ReverseBody, response: { 201: Payment } } }, async (req, reply) => {
    const result = await paymentsService.reverse(ctxOf(req), req.params.id, req.body.reason);
    reply.status(201);
    return result;
  });

  app.post('/api/prepaid', { config: collect, schema: { tags, summary: 'Prepaid top-up (预存) with a receipt', body: CreatePrepayBody, response: { 201: PrepayResult } } }, async (req, reply) => {
    const result = await paymentsService.topUp(ctxOf(req), req.body);
    reply.status(201);
    return result;
  });

  app.get('/api/prepaid', { config: read, schema: { tags, summary: "A unit's prepaid balances per fee item, with their entries", querystring: z.object({ unitId: Id }), response: { 200: PrepaidAccounts } } }, async (req) =>
    paymentsService.prepaidOf(ctxOf(req), req.query.unitId));

  app.post('/api/deposits', { config: collect, schema: { tags, summary: 'Take a deposit (押金) with a receipt', body: CreateDepositBody, response: { 201: Deposit } } }, async (req, reply) => {
    const result = await paymentsService.takeDeposit(ctxOf(req), req.body);
    reply.status(201);
    return result;
  });

  app.get('/api/deposits', { config: read, schema: { tags, querystring: DepositListQuery, response: { 200: page(Deposit) } } }, async (req) =>
    paymentsService.listDeposits(ctxOf(req), req.query));

  app.post('/api/deposits/:id/refund', { config: collect, schema: { tags, summary: 'Refund a deposit minus deductions, with its own receipt', params: IdParams, body: RefundDepositBody, response: { 200: Deposit } } }, async (req) =>
    paymentsService.refundDeposit(ctxOf(req), req.params.id, req.body));

  app.get('/api/daily-closes/preview', { config: collect, schema: { tags, summary: "The signed-in cashier's day so far", querystring: DailyClosePreviewQuery, response: { 200: DailyClosePreview } } }, async (req) =>
    paymentsService.closePreview(ctxOf(req), req.query));

  app.get('/api/daily-closes/recipients', { config: collect, schema: { tags, summary: "Who may take the signed-in cashier's hand-over (交接人)", querystring: HandOverRecipientsQuery, response: { 200: z.object({ items: z.array(HandOverRecipient) }) } } }, async (req) =>
    paymentsService.recipients(ctxOf(req), req.query));

  app.post('/api/daily-closes', { config: collect, schema: { tags, summary: '日结: close and hand over the day; nothing more can be booked into it', body: CreateDailyCloseBody, response: { 201: DailyClose } } }, async (req, reply) => {
    const result = await paymentsService.close(ctxOf(req), req.body);
    reply.status(201);
    return result;
  });

  app.get('/api/daily-closes', { config: read, schema: { tags, querystring: DailyCloseListQuery, response: { 200: page(DailyClose) } } }, async (req) =>
    paymentsService.listCloses(ctxOf(req), req.query));
}
