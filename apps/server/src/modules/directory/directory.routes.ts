import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateDirectoryEntryBody, DirectoryEntry, DirectoryListQuery, DirectoryReveal, IdParams, Ok, page, UpdateDirectoryEntryBody, XLSX_MEDIA_TYPE, XlsxFile } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { directoryService } from './directory.service.js';

function sendXlsx(reply: FastifyReply, body: Buffer) {
  return reply
    .header('content-type', XLSX_MEDIA_TYPE)
    .header('content-disposition', `attachment; filename="directory.xlsx"; filename*=UTF-8''${encodeURIComponent('通讯录.xlsx')}`)
    .send(body);
}

const xlsxResponse = { 200: { description: '.xlsx file (attachment)', content: { [XLSX_MEDIA_TYPE]: { schema: XlsxFile } } } };

export async function directoryRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['directory'];
  app.get('/api/directory', { config: { access: { permission: 'directory.read' } }, schema: { tags, querystring: DirectoryListQuery, response: { 200: page(DirectoryEntry) } } }, async (req) =>
    directoryService.list(ctxOf(req), req.query));
  app.get('/api/directory/export', { config: { access: { permission: 'directory.read' } }, schema: { tags, summary: 'The filtered directory as .xlsx (confidential numbers masked unless the caller may reveal them)', querystring: DirectoryListQuery, response: xlsxResponse } }, async (req, reply) =>
    sendXlsx(reply, await directoryService.exportXlsx(ctxOf(req), req.query)));
  app.post('/api/directory', { config: { access: { permission: 'directory.manage' } }, schema: { tags, body: CreateDirectoryEntryBody, response: { 201: DirectoryEntry } } }, async (req, reply) => {
    reply.status(201);
    return directoryService.create(ctxOf(req), req.body);
  });
  app.get('/api/directory/:id', { config: { access: { permission: 'directory.read' } }, schema: { tags, params: IdParams, response: { 200: DirectoryEntry } } }, async (req) =>
    directoryService.get(ctxOf(req), req.params.id));
  app.patch('/api/directory/:id', { config: { access: { permission: 'directory.manage' } }, schema: { tags, params: IdParams, body: UpdateDirectoryEntryBody, response: { 200: DirectoryEntry } } }, async (req) =>
    directoryService.update(ctxOf(req), req.params.id, req.body));
  app.delete('/api/directory/:id', { config: { access: { permission: 'directory.manage' } }, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    await directoryService.remove(ctxOf(req), req.params.id);
    return { ok: true as const };
  });
  app.post('/api/directory/:id/confirm', { config: { access: { permission: 'directory.manage' } }, schema: { tags, params: IdParams, response: { 200: DirectoryEntry } } }, async (req) =>
    directoryService.confirm(ctxOf(req), req.params.id));
  app.post('/api/directory/:id/reveal', { config: { access: { permission: 'directory.reveal' } }, schema: { tags, params: IdParams, response: { 200: DirectoryReveal } } }, async (req) =>
    directoryService.reveal(ctxOf(req), req.params.id));
}
