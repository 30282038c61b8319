import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChecklistItemParams, ChecklistRun, ChecklistRunListQuery, ChecklistTemplate, ChecklistTemplateListQuery, CreateChecklistTemplateBody, IdParams,
  OpenChecklistRunsBody, page, UpdateChecklistTemplateBody,
} from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { checklistsService } from './checklists.service.js';

export async function checklistsRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['checklists'];
  app.get('/api/checklist-templates', { config: { access: { permission: 'desk.read' } }, schema: { tags, querystring: ChecklistTemplateListQuery, response: { 200: page(ChecklistTemplate) } } }, async (req) =>
    checklistsService.listTemplates(ctxOf(req), req.query));
  app.post('/api/checklist-templates', { config: { access: { permission: 'desk.manage' } }, schema: { tags, body: CreateChecklistTemplateBody, response: { 201: ChecklistTemplate } } }, async (req, reply) => {
    reply.status(201);
    return checklistsService.createTemplate(ctxOf(req), req.body);
  });
  app.patch('/api/checklist-templates/:id', { config: { access: { permission: 'desk.manage' } }, schema: { tags, params: IdParams, body: UpdateChecklistTemplateBody, response: { 200: ChecklistTemplate } } }, async (req) =>
    checklistsService.updateTemplate(ctxOf(req), req.params.id, req.body));
  app.get('/api/checklist-runs', { config: { access: { permission: 'desk.read' } }, schema: { tags, querystring: ChecklistRunListQuery, response: { 200: page(ChecklistRun) } } }, async (req) =>
    checklistsService.listRuns(ctxOf(req), req.query));
  app.post('/api/checklist-runs', { config: { access: { permission: 'desk.work' } }, schema: { tags, summary: "Opens the day's runs of the desk's active templates (idempotent)", body: OpenChecklistRunsBody, response: { 200: z.object({ items: z.array(ChecklistRun) }) } } }, async (req) =>
    checklistsService.openRuns(ctxOf(req), req.body.deskId, req.body.date));
  app.post('/api/checklist-runs/:id/items/:itemId/check', { config: { access: { permission: 'desk.work' } }, schema: { tags, params: ChecklistItemParams, response: { 200: ChecklistRun } } }, async (req) =>
    checklistsService.check(ctxOf(req), req.params.id, req.params.itemId));
}
