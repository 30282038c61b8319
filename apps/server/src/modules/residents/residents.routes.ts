import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddResidentUnitBody,
  CreateResidentBody,
  EndResidentUnitBody,
  Id,
  IdParams,
  page,
  Resident,
  ResidentExportQuery,
  ResidentImportQuery,
  ResidentImportResult,
  ResidentListQuery,
  ResidentUnitParams,
  RevealIdResponse,
  UpdateResidentBody,
} from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { badRequest, fieldInvalid } from '../../http/errors.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { residentsService } from './residents.service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XlsxFile = z.any().describe('.xlsx workbook');

function sendXlsx(reply: FastifyReply, file: Buffer, asciiName: string, zhName: string) {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(zhName)}`)
    .send(file);
}

/** The uploaded file (field "file") and any plain fields sent with it, in whatever order they come. */
async function readUpload(req: FastifyRequest): Promise<{ file: Buffer | null; fields: Record<string, string> }> {
  let file: Buffer | null = null;
  const fields: Record<string, string> = {};
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const buf = await part.toBuffer(); // always drain the stream, even for a field we ignore
      if (part.fieldname === 'file') file = buf;
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  return { file, fields };
}

export async function residentsRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['residents'];

  app.get('/api/residents', { config: { access: { permission: 'residents.read' } }, schema: { tags, querystring: ResidentListQuery, response: { 200: page(Resident) } } }, async (req) =>
    residentsService.list(ctxOf(req), req.query));

  app.post('/api/residents', { config: { access: { permission: 'residents.manage' } }, schema: { tags, body: CreateResidentBody, response: { 201: Resident } } }, async (req, reply) => {
    const created = await residentsService.create(ctxOf(req), req.body);
    reply.status(201);
    return created;
  });

  app.get('/api/residents/import/template', {
    config: { access: { permission: 'residents.import' } },
    schema: { tags, summary: 'The .xlsx template for POST /api/residents/import', response: { 200: XlsxFile } },
  }, async (_req, reply) => sendXlsx(reply, await residentsService.template(), 'residents-template.xlsx', '住户导入模板.xlsx'));

  app.get('/api/residents/export', {
    config: { access: { permission: 'residents.read' } },
    schema: { tags, summary: 'The filtered list as .xlsx (ID numbers masked)', querystring: ResidentExportQuery, response: { 200: XlsxFile } },
  }, async (req, reply) => sendXlsx(reply, await residentsService.export(ctxOf(req), req.query), 'residents.xlsx', '住户.xlsx'));

  app.post('/api/residents/import', {
    config: { access: { permission: 'residents.import' } },
    schema: { tags, summary: 'All-or-nothing import of a filled-in template (multipart, field "file"; projectId as query or field)', querystring: ResidentImportQuery, response: { 200: ResidentImportResult } },
  }, async (req) => {
    const ctx = ctxOf(req);
    if (!req.isMultipart()) {
      throw badRequest('expected_file_upload', { zh: '请以文件上传方式提交 .xlsx 文件（multipart/form-data，字段 file）', en: 'Upload the .xlsx file as multipart/form-data (field "file")' });
    }
    const { file, fields } = await readUpload(req);
    if (!file) throw badRequest('file_required', { zh: '请选择要导入的 .xlsx 文件（字段 file）', en: 'Choose the .xlsx file to import (field "file")' });
    let projectId = req.query.projectId ?? fields.projectId;
    if (projectId !== undefined && !Id.safeParse(projectId).success) throw fieldInvalid('query.projectId', { zh: '项目编号无效', en: 'invalid project id' });
    if (projectId === undefined) {
      // Someone who imports for one project only need not say which.
      const scope = await scopedProjectIds(ctx, 'residents.import');
      if (scope.length !== 1) throw fieldInvalid('query.projectId', { zh: '请选择导入到哪个项目', en: 'say which project to import into (projectId)' });
      projectId = scope[0]!;
    }
    return residentsService.importXlsx(ctx, projectId, file);
  });

  app.get('/api/residents/:id', { config: { access: { permission: 'residents.read' } }, schema: { tags, params: IdParams, response: { 200: Resident } } }, async (req) =>
    residentsService.get(ctxOf(req), req.params.id));

  app.patch('/api/residents/:id', { config: { access: { permission: 'residents.manage' } }, schema: { tags, params: IdParams, body: UpdateResidentBody, response: { 200: Resident } } }, async (req) =>
    residentsService.update(ctxOf(req), req.params.id, req.body));

  app.post('/api/residents/:id/reveal-id', {
    config: { access: { permission: 'residents.reveal_id' } },
    schema: { tags, summary: 'The full ID number (audited as resident.reveal_id)', params: IdParams, response: { 200: RevealIdResponse } },
  }, async (req) => residentsService.revealId(ctxOf(req), req.params.id));

  app.post('/api/residents/:id/units', { config: { access: { permission: 'residents.manage' } }, schema: { tags, params: IdParams, body: AddResidentUnitBody, response: { 201: Resident } } }, async (req, reply) => {
    const resident = await residentsService.addUnit(ctxOf(req), req.params.id, req.body);
    reply.status(201);
    return resident;
  });

  app.post('/api/residents/:id/units/:linkId/end', { config: { access: { permission: 'residents.manage' } }, schema: { tags, params: ResidentUnitParams, body: EndResidentUnitBody, response: { 200: Resident } } }, async (req) =>
    residentsService.endUnit(ctxOf(req), req.params.id, req.params.linkId, req.body));
}
