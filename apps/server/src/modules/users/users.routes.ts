import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AddTrainingBody, CreateUserBody, GrantParams, GrantRoleBody, IdParams, page, UpdateUserBody, User, UserListQuery } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { usersService } from './users.service.js';

export async function usersRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  const read = { access: { permission: 'users.read' as const } };
  const manage = { access: { permission: 'users.manage' as const } };

  app.get('/api/users', { config: read, schema: { tags, querystring: UserListQuery, response: { 200: page(User) } } }, async (req) =>
    usersService.list(ctxOf(req), req.query));
  app.post('/api/users', { config: manage, schema: { tags, body: CreateUserBody, response: { 201: User } } }, async (req, reply) => {
    reply.status(201);
    return usersService.create(ctxOf(req), req.body);
  });
  app.get('/api/users/:id', { config: read, schema: { tags, params: IdParams, response: { 200: User } } }, async (req) =>
    usersService.get(ctxOf(req), req.params.id));
  app.patch('/api/users/:id', { config: manage, schema: { tags, params: IdParams, body: UpdateUserBody, response: { 200: User } } }, async (req) =>
    usersService.update(ctxOf(req), req.params.id, req.body));
  app.post('/api/users/:id/roles', { config: manage, schema: { tags, params: IdParams, body: GrantRoleBody, response: { 201: User } } }, async (req, reply) => {
    reply.status(201);
    return usersService.grantRole(ctxOf(req), req.params.id, req.body);
  });
  app.delete('/api/users/:id/roles/:grantId', { config: manage, schema: { tags, params: GrantParams, response: { 200: User } } }, async (req) =>
    usersService.revokeGrant(ctxOf(req), req.params.id, req.params.grantId));
  app.post('/api/users/:id/unlock', { config: manage, schema: { tags, params: IdParams, response: { 200: User } } }, async (req) =>
    usersService.unlock(ctxOf(req), req.params.id));
  app.post('/api/users/:id/trainings', { config: manage, schema: { tags, params: IdParams, body: AddTrainingBody, response: { 201: User } } }, async (req, reply) => {
    reply.status(201);
    return usersService.addTraining(ctxOf(req), req.params.id, req.body);
  });
}
