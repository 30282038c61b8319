import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  Building,
  BuildingListQuery,
  CreateUnitBody,
  Id,
  IdParams,
  page,
  Unit,
  UnitDetail,
  UnitExportQuery,
  UnitImportQuery,
  UnitImportResult,
  UnitListQuery,
  UpdateUnitBody,
} from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { readUpload, sendXlsx, xlsxResponse } from '../../http/xlsx-io.js';
import { badRequest, fieldInvalid } from '../../http/errors.js';
import { unitsService } from './units.service.js';

export async function unitsRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['units'];

  app.get('/api/units', { config: { access: { permission: 'units.read' } }, schema: { tags, querystring: UnitListQuery, response: { 200: page(Unit) } } }, async (req) =>
    unitsService.list(ctxOf(req), req.query));

  app.post('/api/units', { config: { access: { permission: 'units.manage' } }, schema: { tags, body: CreateUnitBody, response: { 201: Unit } } }, async (req, reply) => {
    const unit = await unitsService.create(ctxOf(req), req.body);
    reply.status(201);
    return unit;
  });

  app.get('/api/units/import/template', { config: { access: { permission: 'units.import' } }, schema: { tags, summary: 'The units import template (.xlsx)', response: xlsxResponse } }, async (_req, reply) =>
    sendXlsx(reply, '房屋导入模板.xlsx', 'units-template.xlsx', await unitsService.template()));

  app.get('/api/units/export', { config: { access: { permission: 'units.read' } }, schema: { tags, summary: 'The filtered unit list as .xlsx', querystring: UnitExportQuery, response: xlsxResponse } }, async (req, reply) =>
    sendXlsx(reply, '房屋.xlsx', 'units.xlsx', await unitsService.exportXlsx(ctxOf(req), req.query)));

  app.post(
    '/api/units/import',
    {
      config: { access: { permission: 'units.import' } },
      schema: {
        tags,
        summary: 'Import units from the template (.xlsx, multipart field "file"; projectId as query or field); all or nothing',
        querystring: UnitImportQuery,
        response: { 200: UnitImportResult },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const { file, fields } = await readUpload(req);
      const fromField = fields.projectId?.trim() || undefined;
      if (req.query.projectId && fromField && req.query.projectId !== fromField) {
        throw fieldInvalid('projectId', { zh: '查询参数与表单中的项目不一致', en: 'the query and the form name different projects' });
      }
      const projectId = Id.safeParse(req.query.projectId ?? fromField);
      if (!projectId.success) throw fieldInvalid('projectId', { zh: '请指定导入到哪个项目（projectId）', en: 'say which project to import into (projectId)' });
      if (!file) throw badRequest('file_required', { zh: '请上传 .xlsx 文件（表单字段 file）', en: 'Upload the .xlsx file as the multipart field "file"' });
      return unitsService.importXlsx(ctx, projectId.data, file);
    },
  );

  app.get('/api/units/:id', { config: { access: { permission: 'units.read' } }, schema: { tags, params: IdParams, response: { 200: UnitDetail } } }, async (req) =>
    unitsService.get(ctxOf(req), req.params.id));

  app.patch('/api/units/:id', { config: { access: { permission: 'units.manage' } }, schema: { tags, params: IdParams, body: UpdateUnitBody, response: { 200: Unit } } }, async (req) =>
    unitsService.update(ctxOf(req), req.params.id, req.body));

  app.get('/api/buildings', { config: { access: { permission: 'units.read' } }, schema: { tags, querystring: BuildingListQuery, response: { 200: page(Building) } } }, async (req) =>
    unitsService.listBuildings(ctxOf(req), req.query));
}
