import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CompleteMoveInBody, CompleteMoveOutBody, CreateMoveInBody, CreateMoveOutBody, DirectDebitBody, IdParams, MoveIn, MoveInStepBody, MoveInStepParams, MoveListQuery,
  MoveOut, MoveOutStepBody, MoveOutStepParams, page, UpdateUtilityBody, UtilityParams,
} from '@propdesk/contracts';
import { z } from 'zod';
import { ctxOf } from '../../http/authenticate.js';
import { moveService } from './move.service.js';

const Empty = z.strictObject({}).nullish();

export async function moveRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const read = { config: { access: { permission: 'resident_services.read' as const } } };
  const apply = { config: { access: { permission: 'resident_services.apply' as const } } };

  let tags = ['move-ins'];
  app.get('/api/move-ins', { ...read, schema: { tags, querystring: MoveListQuery, response: { 200: page(MoveIn) } } }, async (req) => moveService.listMoveIns(ctxOf(req), req.query));
  app.post('/api/move-ins', { ...apply, schema: { tags, body: CreateMoveInBody, response: { 201: MoveIn } } }, async (req, reply) => {
    reply.status(201);
    return moveService.createMoveIn(ctxOf(req), req.body);
  });
  app.get('/api/move-ins/:id', { ...read, schema: { tags, params: IdParams, response: { 200: MoveIn } } }, async (req) => moveService.getMoveIn(ctxOf(req), req.params.id));
  app.post('/api/move-ins/:id/steps/:step', { ...apply, schema: { tags, summary: 'Mark a checklist step done (meters: readings; keys: keys)', params: MoveInStepParams, body: MoveInStepBody, response: { 200: MoveIn } } }, async (req) =>
    moveService.moveInStep(ctxOf(req), req.params.id, req.params.step, req.body));
  app.patch('/api/move-ins/:id/utility-accounts/:kind', { ...apply, schema: { tags, summary: 'Move a utility account on: submitted, opened (account number) or failed (reason)', params: UtilityParams, body: UpdateUtilityBody, response: { 200: MoveIn } } }, async (req) =>
    moveService.updateUtility(ctxOf(req), req.params.id, req.params.kind, req.body));
  app.post('/api/move-ins/:id/direct-debit', { ...apply, schema: { tags, summary: '托收: record a bank direct-debit mandate for the unit', params: IdParams, body: DirectDebitBody, response: { 200: MoveIn } } }, async (req) =>
    moveService.directDebit(ctxOf(req), req.params.id, req.body));
  app.post('/api/move-ins/:id/complete', { ...apply, schema: { tags, params: IdParams, body: CompleteMoveInBody.nullish(), response: { 200: MoveIn } } }, async (req) =>
    moveService.completeMoveIn(ctxOf(req), req.params.id, req.body ?? {}));
  app.post('/api/move-ins/:id/cancel', { ...apply, schema: { tags, params: IdParams, body: Empty, response: { 200: MoveIn } } }, async (req) => moveService.cancelMoveIn(ctxOf(req), req.params.id));

  tags = ['move-outs'];
  app.get('/api/move-outs', { ...read, schema: { tags, querystring: MoveListQuery, response: { 200: page(MoveOut) } } }, async (req) => moveService.listMoveOuts(ctxOf(req), req.query));
  app.post('/api/move-outs', { ...apply, schema: { tags, body: CreateMoveOutBody, response: { 201: MoveOut } } }, async (req, reply) => {
    reply.status(201);
    return moveService.createMoveOut(ctxOf(req), req.body);
  });
  app.get('/api/move-outs/:id', { ...read, schema: { tags, summary: 'The move-out with what the unit owes now', params: IdParams, response: { 200: MoveOut } } }, async (req) => moveService.getMoveOut(ctxOf(req), req.params.id));
  app.post('/api/move-outs/:id/steps/:step', { ...apply, schema: { tags, params: MoveOutStepParams, body: MoveOutStepBody, response: { 200: MoveOut } } }, async (req) =>
    moveService.moveOutStep(ctxOf(req), req.params.id, req.params.step, req.body));
  app.post('/api/move-outs/:id/complete', { ...apply, schema: { tags, summary: '409 unit_in_arrears while the unit owes money, unless {override:{reason}} by a supervisor', params: IdParams, body: CompleteMoveOutBody.nullish(), response: { 200: MoveOut } } }, async (req) =>
    moveService.completeMoveOut(ctxOf(req), req.params.id, req.body ?? {}));
  app.post('/api/move-outs/:id/cancel', { ...apply, schema: { tags, params: IdParams, body: Empty, response: { 200: MoveOut } } }, async (req) => moveService.cancelMoveOut(ctxOf(req), req.params.id));
}
