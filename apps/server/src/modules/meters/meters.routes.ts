import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateMeterBody,
  CreateMeterReadingsBody,
  Id,
  IdParams,
  Meter,
  MeterListQuery,
  MeterReading,
  MeterReadingImportQuery,
  MeterReadingListQuery,
  MeterReadingsResult,
  MeterReadingTemplateQuery,
  page,
  ReviewReadingBody,
} from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { readUpload, sendXlsx, xlsxFileRequired, xlsxResponse } from '../../http/xlsx-io.js';
import { fieldInvalid } from '../../http/errors.js';
import { metersService } from './meters.service.js';

export async function metersRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['billing'];

  app.get('/api/meters', { config: { access: { permission: 'billing.read' } }, schema: { tags, querystring: MeterListQuery, response: { 200: page(Meter) } } }, async (req) =>
    metersService.list(ctxOf(req), req.query));
  app.post('/api/meters', { config: { access: { permission: 'billing.configure' } }, schema: { tags, body: CreateMeterBody, response: { 201: Meter } } }, async (req, reply) => {
    const meter = await metersService.create(ctxOf(req), req.body);
    reply.status(201);
    return meter;
  });

  app.get('/api/meter-readings', { config: { access: { permission: 'billing.read' } }, schema: { tags, querystring: MeterReadingListQuery, response: { 200: page(MeterReading) } } }, async (req) =>
    metersService.listReadings(ctxOf(req), req.query));
  app.post(
    '/api/meter-readings',
    { config: { access: { permission: 'billing.read_meters' } }, schema: { tags, summary: 'Enter readings (an array), all or nothing', body: CreateMeterReadingsBody, response: { 201: MeterReadingsResult } } },
    async (req, reply) => {
      const result = await metersService.enter(ctxOf(req), req.body);
      reply.status(201);
      return result;
    },
  );
  app.get(
    '/api/meter-readings/import/template',
    { config: { access: { permission: 'billing.read_meters' } }, schema: { tags, summary: "The reading sheet (.xlsx) of a project's or building's meters", querystring: MeterReadingTemplateQuery, response: xlsxResponse } },
    async (req, reply) => sendXlsx(reply, '抄表录入.xlsx', 'meter-readings.xlsx', await metersService.template(ctxOf(req), req.query)),
  );
  app.post(
    '/api/meter-readings/import',
    {
      config: { access: { permission: 'billing.read_meters' } },
      schema: { tags, summary: 'Import readings from the sheet (.xlsx, multipart field "file"; projectId as query or field); all or nothing', querystring: MeterReadingImportQuery, response: { 201: MeterReadingsResult } },
    },
    async (req, reply) => {
      const { file, fields } = await readUpload(req);
      const projectId = Id.safeParse(req.query.projectId ?? (fields.projectId?.trim() || undefined));
      if (!projectId.success) throw fieldInvalid('projectId', { zh: '请指定项目（projectId）', en: 'say which project the readings are for (projectId)' });
      if (!file) throw xlsxFileRequired();
      const result = await metersService.importXlsx(ctxOf(req), projectId.data, file);
      reply.status(201);
      return result;
    },
  );
  app.post('/api/meter-readings/:id/approve', { config: { access: { permission: 'billing.approve' } }, schema: { tags, params: IdParams, body: ReviewReadingBody, response: { 200: MeterReading } } }, async (req) =>
    metersService.review(ctxOf(req), req.params.id, 'accepted', req.body.note));
  app.post('/api/meter-readings/:id/reject', { config: { access: { permission: 'billing.approve' } }, schema: { tags, params: IdParams, body: ReviewReadingBody, response: { 200: MeterReading } } }, async (req) =>
    metersService.review(ctxOf(req), req.params.id, 'rejected', req.body.note));
}
