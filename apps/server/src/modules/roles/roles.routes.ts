import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateRoleBody, IdParams, Ok, page, PermissionInfo, Role, RoleListQuery, UpdateRoleBody } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { permissionList } from './roles.policy.js';
import { rolesService } from './roles.service.js';

export async function rolesRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['roles'];
  // Reading roles and the permission list needs only users.read: the grant dialog lists roles,
  // and administrators build roles from the permission list.
  app.get('/api/roles', { config: { access: { permission: 'users.read' } }, schema: { tags, querystring: RoleListQuery, response: { 200: page(Role) } } }, async (req) =>
    rolesService.list(ctxOf(req), req.query));
  app.get('/api/permissions', { config: { access: { permission: 'users.read' } }, schema: { tags, response: { 200: z.array(PermissionInfo) } } }, async () =>
    permissionList());
  app.post('/api/roles', { config: { access: { permission: 'roles.manage' } }, schema: { tags, body: CreateRoleBody, response: { 201: Role } } }, async (req, reply) => {
    reply.status(201);
    return rolesService.create(ctxOf(req), req.body);
  });
  app.patch('/api/roles/:id', { config: { access: { permission: 'roles.manage' } }, schema: { tags, params: IdParams, body: UpdateRoleBody, response: { 200: Role } } }, async (req) =>
    rolesService.update(ctxOf(req), req.params.id, req.body));
  // 409 role_builtin for built-in roles, role_in_use while granted to anyone.
  app.delete('/api/roles/:id', { config: { access: { permission: 'roles.manage' } }, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    await rolesService.remove(ctxOf(req), req.params.id);
    return { ok: true as const };
  });
}
