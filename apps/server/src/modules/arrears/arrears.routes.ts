import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ArrearsExportQuery,
  ArrearsPage,
  ArrearsQuery,
  CreateDunningBody,
  DunningLetter,
  DunningListQuery,
  DunningNotice,
  DunningResult,
  IdParams,
  page,
  UnitArrears,
  XLSX_MEDIA_TYPE,
  XlsxFile,
} from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { arrearsService } from './arrears.service.js';

/** Binary answers declare their media type, so the OpenAPI document describes a file download. */
export const xlsxResponse = { 200: { description: '.xlsx file (attachment)', content: { [XLSX_MEDIA_TYPE]: { schema: XlsxFile } } } };

export function sendXlsx(reply: FastifyReply, filename: string, asciiName: string, body: Buffer) {
  return reply
    .header('content-type', XLSX_MEDIA_TYPE)
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(body);
}

export async function arrearsRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['arrears'];

  app.get('/api/arrears', {
    config: { access: { permission: 'billing.read' } },
    schema: { tags, summary: 'Units (or buildings) in arrears with aging buckets and late fees to date', querystring: ArrearsQuery, response: { 200: ArrearsPage } },
  }, async (req) => arrearsService.list(ctxOf(req), req.query));

  app.get('/api/arrears/export', {
    config: { access: { permission: 'billing.read' } },
    schema: { tags, summary: 'The filtered arrears list as .xlsx', querystring: ArrearsExportQuery, response: xlsxResponse },
  }, async (req, reply) => sendXlsx(reply, '欠费明细.xlsx', 'arrears.xlsx', await arrearsService.exportXlsx(ctxOf(req), req.query)));

  app.get('/api/arrears/units/:id', {
    config: { access: { permission: 'billing.read' } },
    schema: { tags, summary: "A unit's lines in arrears", params: IdParams, response: { 200: UnitArrears } },
  }, async (req) => arrearsService.unit(ctxOf(req), req.params.id));

  app.post('/api/dunning', {
    config: { access: { permission: 'billing.dunning' } },
    schema: { tags, summary: 'Reminder letters and/or SMS (queued to the outbox) for chosen units', body: CreateDunningBody, response: { 201: DunningResult } },
  }, async (req, reply) => {
    const result = await arrearsService.dun(ctxOf(req), req.body);
    reply.status(201);
    return result;
  });

  app.get('/api/dunning-notices', {
    config: { access: { permission: 'billing.read' } },
    schema: { tags, summary: 'Reminders sent (per unit with unitId)', querystring: DunningListQuery, response: { 200: page(DunningNotice) } },
  }, async (req) => arrearsService.listNotices(ctxOf(req), req.query));

  app.get('/api/dunning-notices/:id/letter', {
    config: { access: { permission: 'billing.read' } },
    schema: { tags, summary: 'The reminder letter as issued (for printing)', params: IdParams, response: { 200: DunningLetter } },
  }, async (req) => arrearsService.letter(ctxOf(req), req.params.id));
}
