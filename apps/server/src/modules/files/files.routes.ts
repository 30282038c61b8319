import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ATTACHMENT_MIME_TYPES, Attachment, AttachmentList, Id, IdParams, NoticeFile } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { AppError, badRequest } from '../../http/errors.js';
import { fileCsp, inlineDisposition } from './files.policy.js';
import { filesService, type Upload } from './files.service.js';

const BinaryFile = z.string().meta({ format: 'binary' }).describe('the file\'s bytes');
/** The download declares every type it may answer with, so the OpenAPI document describes a file. */
const fileResponse = { 200: { description: 'The file (image or PDF), shown inline', content: Object.fromEntries(ATTACHMENT_MIME_TYPES.map((m) => [m, { schema: BinaryFile }])) } };

const fileRequired = () =>
  badRequest('file_required', { zh: '请选择要上传的图片或 PDF 文件（表单字段 file）', en: 'Choose the image or PDF file to upload (multipart field "file")' }, [
    { path: 'file', message: 'required', messageZh: '必填' },
  ]);

/**
 * The file (field "file"), the optional field "purpose" and any other text fields of a multipart
 * request, in whatever order they came. The size limit (10 MB) is the multipart plugin's: past it,
 * 413 file_too_large.
 */
async function readUpload(req: FastifyRequest): Promise<Upload & { fields: Record<string, string> }> {
  if (!req.isMultipart()) throw fileRequired();
  let upload: Omit<Upload, 'purpose'> | null = null;
  const fields: Record<string, string> = {};
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname === 'file' && !upload) upload = { bytes: await part.toBuffer(), filename: part.filename };
      else part.file.resume();
    } else if (typeof part.value === 'string' && !(part.fieldname in fields)) {
      fields[part.fieldname] = part.value;
    }
  }
  if (!upload) throw fileRequired();
  return { ...upload, purpose: fields.purpose, fields };
}

/** The text field "projectId" of an upload for something not yet created (a notice). */
function projectIdOf(fields: Record<string, string>): string {
  const parsed = Id.safeParse(fields.projectId);
  if (!parsed.success) {
    throw new AppError(400, 'validation_failed', { zh: '输入有误：请指明项目（表单字段 projectId）', en: 'Invalid input: say which project (multipart field "projectId")' }, [
      { path: 'projectId', message: 'required', messageZh: '必填' },
    ]);
  }
  return parsed.data;
}

function sendInline(reply: FastifyReply, mime: string, name: string, bytes: Buffer) {
  return reply
    .header('content-type', mime)
    .header('content-disposition', inlineDisposition(name))
    .header('content-security-policy', fileCsp(mime))
    // A file never changes under its id; "private": it is someone's data, not for shared caches.
    .header('cache-control', 'private, max-age=3600')
    .send(bytes);
}

export async function filesRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['files'];
  const uploadSummary = (what: string) => `Attach a photo or PDF to a ${what} (multipart: field "file", optional field "purpose"); max 10 MB, 20 files per ${what}`;

  // Route permission tickets.read; the service lets in whoever takes requests (tickets.create) or handles them (tickets.handle) in the ticket's project.
  app.post('/api/tickets/:id/files', {
    config: { access: { permission: 'tickets.read' } },
    schema: { tags, summary: uploadSummary('ticket'), params: IdParams, response: { 201: Attachment } },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    const upload = await readUpload(req);
    reply.status(201);
    return filesService.uploadToTicket(ctx, req.params.id, upload);
  });

  app.get('/api/tickets/:id/files', {
    config: { access: { permission: 'tickets.read' } },
    schema: { tags, summary: 'The ticket\'s files and those of its work orders, oldest first', params: IdParams, response: { 200: AttachmentList } },
  }, async (req) => filesService.listForTicket(ctxOf(req), req.params.id));

  app.post('/api/work-orders/:id/files', {
    config: { access: { permission: 'work_orders.work' } },
    schema: { tags, summary: `${uploadSummary('work order')}; purpose defaults to "completion"`, params: IdParams, response: { 201: Attachment } },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    const upload = await readUpload(req);
    reply.status(201);
    return filesService.uploadToWorkOrder(ctx, req.params.id, upload);
  });

  app.get('/api/work-orders/:id/files', {
    config: { access: { permission: 'work_orders.read' } },
    schema: { tags, summary: 'The work order\'s files and those of its ticket, oldest first', params: IdParams, response: { 200: AttachmentList } },
  }, async (req) => filesService.listForWorkOrder(ctxOf(req), req.params.id));

  app.post('/api/renovations/:id/files', {
    config: { access: { permission: 'resident_services.apply' } },
    schema: { tags, summary: `${uploadSummary('renovation')}: drawings, documents, inspection photos`, params: IdParams, response: { 201: Attachment } },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    const upload = await readUpload(req);
    reply.status(201);
    return filesService.uploadToRenovation(ctx, req.params.id, upload);
  });

  app.get('/api/renovations/:id/files', {
    config: { access: { permission: 'resident_services.read' } },
    schema: { tags, summary: 'The renovation\'s drawings, documents and photos, oldest first', params: IdParams, response: { 200: AttachmentList } },
  }, async (req) => filesService.listForRenovation(ctxOf(req), req.params.id));

  // Uploaded before the notice exists; publishing the notice (attachmentIds) takes it. Checked against notices.publish in the given project.
  app.post('/api/notices/files', {
    config: { access: { permission: 'notices.publish' } },
    schema: {
      tags,
      summary: 'Upload a photo or PDF for a notice about to be published (multipart: field "file", field "projectId"); max 10 MB; name its id in the notice\'s attachmentIds',
      response: { 201: NoticeFile },
    },
  }, async (req, reply) => {
    const ctx = ctxOf(req);
    const upload = await readUpload(req);
    reply.status(201);
    return filesService.uploadForNotice(ctx, projectIdOf(upload.fields), upload);
  });

  // Any signed-in user: whoever sees the file's ticket, work order, renovation or notice gets it, everyone else a 404.
  app.get('/api/files/:id', {
    config: { access: { permission: null } },
    schema: { tags, summary: 'A file\'s content, inline, for whoever sees its ticket, work order, renovation or notice', params: IdParams, response: fileResponse },
  }, async (req, reply) => {
    const { meta, bytes } = await filesService.content(ctxOf(req), req.params.id);
    return sendInline(reply, meta.mime, meta.name, bytes);
  });
}
