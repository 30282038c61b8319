import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateTeamBody, IdParams, Ok, page, Team, TeamListQuery, UpdateTeamBody } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { teamsService } from './teams.service.js';

export async function teamsRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['teams'];
  app.get('/api/teams', { config: { access: { permission: 'teams.read' } }, schema: { tags, querystring: TeamListQuery, response: { 200: page(Team) } } }, async (req) =>
    teamsService.list(ctxOf(req), req.query));
  app.post('/api/teams', { config: { access: { permission: 'teams.manage' } }, schema: { tags, body: CreateTeamBody, response: { 201: Team } } }, async (req, reply) => {
    reply.status(201);
    return teamsService.create(ctxOf(req), req.body);
  });
  app.get('/api/teams/:id', { config: { access: { permission: 'teams.read' } }, schema: { tags, params: IdParams, response: { 200: Team } } }, async (req) =>
    teamsService.get(ctxOf(req), req.params.id));
  app.patch('/api/teams/:id', { config: { access: { permission: 'teams.manage' } }, schema: { tags, params: IdParams, body: UpdateTeamBody, response: { 200: Team } } }, async (req) =>
    teamsService.update(ctxOf(req), req.params.id, req.body));
  // 409 team_in_use while a zone, members, work orders or tickets refer to it.
  app.delete('/api/teams/:id', { config: { access: { permission: 'teams.manage' } }, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    await teamsService.remove(ctxOf(req), req.params.id);
    return { ok: true as const };
  });
}
