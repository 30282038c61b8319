import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CancelBody, CodeParams, CreateItemReleaseBody, GateQuery, IdParams, ItemRelease, ItemReleaseListQuery, ItemReleaseVerification, OwnerConfirmationBody, page, RejectBody, ReleaseBody } from '@propdesk/contracts';
import { z } from 'zod';
import { ctxOf } from '../../http/authenticate.js';
import { itemReleaseService } from './item-release.service.js';

export async function itemReleaseRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['item-releases'];
  const one = { 200: ItemRelease };

  app.get('/api/item-releases', { config: { access: { permission: 'resident_services.read' } }, schema: { tags, querystring: ItemReleaseListQuery, response: { 200: page(ItemRelease) } } }, async (req) =>
    itemReleaseService.list(ctxOf(req), req.query));

  app.post('/api/item-releases', { config: { access: { permission: 'resident_services.apply' } }, schema: { tags, body: CreateItemReleaseBody, response: { 201: ItemRelease } } }, async (req, reply) => {
    reply.status(201);
    return itemReleaseService.create(ctxOf(req), req.body);
  });

  app.get('/api/item-releases/verify/:code', {
    config: { access: { permission: 'gate.verify' } },
    schema: { tags, summary: 'Check a release slip by its QR code or printed number (logged)', params: CodeParams, querystring: GateQuery, response: { 200: ItemReleaseVerification } },
  }, async (req) => itemReleaseService.verify(ctxOf(req), req.params.code, req.query.gate));

  app.get('/api/item-releases/:id', { config: { access: { permission: 'resident_services.read' } }, schema: { tags, params: IdParams, response: one } }, async (req) =>
    itemReleaseService.get(ctxOf(req), req.params.id));

  app.post('/api/item-releases/:id/owner-confirmation', { config: { access: { permission: 'resident_services.apply' } }, schema: { tags, params: IdParams, body: OwnerConfirmationBody, response: one } }, async (req) =>
    itemReleaseService.confirmOwner(ctxOf(req), req.params.id, req.body));

  app.post('/api/item-releases/:id/approve', { config: { access: { permission: 'resident_services.approve' } }, schema: { tags, params: IdParams, body: z.strictObject({}).nullish(), response: one } }, async (req) =>
    itemReleaseService.approve(ctxOf(req), req.params.id));

  app.post('/api/item-releases/:id/reject', { config: { access: { permission: 'resident_services.approve' } }, schema: { tags, params: IdParams, body: RejectBody, response: one } }, async (req) =>
    itemReleaseService.reject(ctxOf(req), req.params.id, req.body.reason));

  app.post('/api/item-releases/:id/cancel', { config: { access: { permission: 'resident_services.apply' } }, schema: { tags, params: IdParams, body: CancelBody, response: one } }, async (req) =>
    itemReleaseService.cancel(ctxOf(req), req.params.id, req.body.reason));

  app.post('/api/item-releases/:id/release', { config: { access: { permission: 'gate.verify' } }, schema: { tags, summary: 'Mark released at a gate — once; a second use is 409 already_released and logged', params: IdParams, body: ReleaseBody, response: one } }, async (req) =>
    itemReleaseService.release(ctxOf(req), req.params.id, req.body.gate));
}
