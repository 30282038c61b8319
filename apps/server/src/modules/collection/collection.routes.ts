import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CollectionReport, CollectionReportQuery, CollectionTargets, CollectionTargetsQuery, PutCollectionTargetsBody } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { sendXlsx, xlsxResponse } from '../arrears/arrears.routes.js';
import { collectionService } from './collection.service.js';

export async function collectionRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['collection'];

  app.get('/api/collection-targets', {
    config: { access: { permission: 'billing.read' } },
    schema: { tags, summary: "A project's collection targets for a year (month 0 = the whole year)", querystring: CollectionTargetsQuery, response: { 200: CollectionTargets } },
  }, async (req) => collectionService.targets(ctxOf(req), req.query));

  app.put('/api/collection-targets', {
    config: { access: { permission: 'billing.targets' } },
    schema: { tags, summary: 'Set or clear (null) collection targets of a project and year', body: PutCollectionTargetsBody, response: { 200: CollectionTargets } },
  }, async (req) => collectionService.putTargets(ctxOf(req), req.body));

  app.get('/api/reports/collection', {
    config: { access: { permission: 'billing.read' } },
    schema: { tags, summary: 'Billed, collected, recovered and the collection rate against the target, by month', querystring: CollectionReportQuery, response: { 200: CollectionReport } },
  }, async (req) => collectionService.report(ctxOf(req), req.query));

  app.get('/api/reports/collection/export', {
    config: { access: { permission: 'billing.read' } },
    schema: { tags, summary: 'The collection report as .xlsx', querystring: CollectionReportQuery, response: xlsxResponse },
  }, async (req, reply) => sendXlsx(reply, `收缴率报表-${req.query.year}.xlsx`, `collection-${req.query.year}.xlsx`, await collectionService.reportXlsx(ctxOf(req), req.query)));
}
