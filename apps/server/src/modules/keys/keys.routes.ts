import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateKeyBody, DeskKey, IdParams, KeyHistory, KeyListQuery, LendKeyBody, page, ReturnKeyBody, UpdateKeyBody } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { keysService } from './keys.service.js';

export async function keysRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['keys'];
  app.get('/api/keys', { config: { access: { permission: 'keys.read' } }, schema: { tags, querystring: KeyListQuery, response: { 200: page(DeskKey) } } }, async (req) =>
    keysService.list(ctxOf(req), req.query));
  app.post('/api/keys', { config: { access: { permission: 'keys.manage' } }, schema: { tags, body: CreateKeyBody, response: { 201: DeskKey } } }, async (req, reply) => {
    reply.status(201);
    return keysService.create(ctxOf(req), req.body);
  });
  app.get('/api/keys/:id', { config: { access: { permission: 'keys.read' } }, schema: { tags, params: IdParams, response: { 200: DeskKey } } }, async (req) =>
    keysService.get(ctxOf(req), req.params.id));
  app.patch('/api/keys/:id', { config: { access: { permission: 'keys.manage' } }, schema: { tags, summary: "Correct a key's record", params: IdParams, body: UpdateKeyBody, response: { 200: DeskKey } } }, async (req) =>
    keysService.update(ctxOf(req), req.params.id, req.body));

  app.get('/api/keys/:id/history', { config: { access: { permission: 'keys.read' } }, schema: { tags, params: IdParams, response: { 200: KeyHistory } } }, async (req) =>
    keysService.history(ctxOf(req), req.params.id));
  app.post('/api/keys/:id/lend', { config: { access: { permission: 'keys.lend' } }, schema: { tags, params: IdParams, body: LendKeyBody, response: { 200: DeskKey } } }, async (req) =>
    keysService.lend(ctxOf(req), req.params.id, req.body));
  app.post('/api/keys/:id/return', { config: { access: { permission: 'keys.lend' } }, schema: { tags, params: IdParams, body: ReturnKeyBody, response: { 200: DeskKey } } }, async (req) =>
    keysService.giveBack(ctxOf(req), req.params.id, req.body));
}
