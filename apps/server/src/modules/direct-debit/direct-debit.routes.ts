import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateDirectDebitBatchBody,
  CreateMandateBody,
  DirectDebitBatch,
  DirectDebitBatchDetail,
  DirectDebitBatchListQuery,
  DirectDebitImportResult,
  IdParams,
  Mandate,
  MandateListQuery,
  page,
  UpdateMandateBody,
} from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { sendXlsx, xlsxResponse } from '../../http/xlsx-io.js';
import { badRequest } from '../../http/errors.js';
import { directDebitService } from './direct-debit.service.js';

export async function directDebitRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['direct-debit'];
  const read = { access: { permission: 'billing.read' as const } };
  const collect = { access: { permission: 'billing.collect' as const } };

  app.get('/api/direct-debit/mandates', { config: read, schema: { tags, querystring: MandateListQuery, response: { 200: page(Mandate) } } }, async (req) =>
    directDebitService.listMandates(ctxOf(req), req.query));

  app.post('/api/direct-debit/mandates', { config: collect, schema: { tags, summary: "A unit's mandate (replaces its active one); the number is answered masked", body: CreateMandateBody, response: { 201: Mandate } } }, async (req, reply) => {
    const result = await directDebitService.createMandate(ctxOf(req), req.body);
    reply.status(201);
    return result;
  });

  app.patch('/api/direct-debit/mandates/:id', { config: collect, schema: { tags, params: IdParams, body: UpdateMandateBody, response: { 200: Mandate } } }, async (req) =>
    directDebitService.updateMandate(ctxOf(req), req.params.id, req.body));

  app.get('/api/direct-debit/batches', { config: read, schema: { tags, querystring: DirectDebitBatchListQuery, response: { 200: page(DirectDebitBatch) } } }, async (req) =>
    directDebitService.listBatches(ctxOf(req), req.query));

  app.post('/api/direct-debit/batches', { config: collect, schema: { tags, summary: 'The collection batch of a period (what each mandated unit owes)', body: CreateDirectDebitBatchBody, response: { 201: DirectDebitBatchDetail } } }, async (req, reply) => {
    const result = await directDebitService.createBatch(ctxOf(req), req.body);
    reply.status(201);
    return result;
  });

  app.get('/api/direct-debit/batches/:id', { config: read, schema: { tags, params: IdParams, response: { 200: DirectDebitBatchDetail } } }, async (req) =>
    directDebitService.getBatch(ctxOf(req), req.params.id));

  app.get('/api/direct-debit/batches/:id/file', { config: collect, schema: { tags, summary: 'The collection file for the bank (.xlsx)', params: IdParams, response: xlsxResponse } }, async (req, reply) => {
    const { buffer, period } = await directDebitService.bankFile(ctxOf(req), req.params.id);
    return sendXlsx(reply, `托收-${period}.xlsx`, `direct-debit-${period}.xlsx`, buffer);
  });

  app.post('/api/direct-debit/batches/:id/result', { config: collect, schema: { tags, summary: "Import the bank's result file (.xlsx, multipart field \"file\"): successes become payments", params: IdParams, response: { 200: DirectDebitImportResult } } }, async (req) => {
    const missing = () => badRequest('file_required', { zh: '请上传银行回盘 .xlsx 文件（表单字段 file）', en: 'Upload the bank result .xlsx as the multipart field "file"' });
    if (!req.isMultipart()) throw missing();
    let file: Buffer | null = null;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname === 'file') file = await part.toBuffer();
        else part.file.resume();
      }
    }
    if (!file) throw missing();
    return directDebitService.importResult(ctxOf(req), req.params.id, file);
  });
}
