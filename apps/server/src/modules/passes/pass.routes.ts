import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CodeParams, CreatePassBody, GateCheck, GateCheckListQuery, GateQuery, IdParams, page, Pass, PassListQuery, PassVerification, RevokeBody } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { passService } from './pass.service.js';

export async function passRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['passes'];

  app.get('/api/passes', { config: { access: { permission: 'resident_services.read' } }, schema: { tags, querystring: PassListQuery, response: { 200: page(Pass) } } }, async (req) =>
    passService.list(ctxOf(req), req.query));

  app.post('/api/passes', { config: { access: { permission: 'resident_services.apply' } }, schema: { tags, body: CreatePassBody, response: { 201: Pass } } }, async (req, reply) => {
    reply.status(201);
    return passService.create(ctxOf(req), req.body);
  });

  // Before /:id so "verify" is not taken for an id.
  app.get('/api/passes/verify/:code', {
    config: { access: { permission: 'gate.verify' } },
    schema: { tags, summary: 'Check a pass by its QR code or printed number (logged)', params: CodeParams, querystring: GateQuery, response: { 200: PassVerification } },
  }, async (req) => passService.verify(ctxOf(req), req.params.code, req.query.gate));

  app.get('/api/passes/:id', { config: { access: { permission: 'resident_services.read' } }, schema: { tags, params: IdParams, response: { 200: Pass } } }, async (req) =>
    passService.get(ctxOf(req), req.params.id));

  app.post('/api/passes/:id/revoke', { config: { access: { permission: 'resident_services.apply' } }, schema: { tags, params: IdParams, body: RevokeBody, response: { 200: Pass } } }, async (req) =>
    passService.revoke(ctxOf(req), req.params.id, req.body.reason));

  app.get('/api/gate-checks', { config: { access: { permission: 'gate.verify' } }, schema: { tags, querystring: GateCheckListQuery, response: { 200: page(GateCheck) } } }, async (req) =>
    passService.gateChecks(ctxOf(req), req.query));

  app.post('/api/gate-checks/:id/entry', {
    config: { access: { permission: 'gate.verify' } },
    schema: { tags, summary: 'Log the entry after a valid check (the guard\'s one tap)', params: IdParams, response: { 201: GateCheck } },
  }, async (req, reply) => {
    reply.status(201);
    return passService.admit(ctxOf(req), req.params.id);
  });
}
