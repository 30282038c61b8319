import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateZoneBody, IdParams, Ok, page, UpdateZoneBody, Zone, ZoneListQuery } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { zonesService } from './zones.service.js';

/** Responsibility zones (责任区): read with units.read, maintained with units.manage. */
export async function zonesRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['zones'];
  app.get('/api/zones', { config: { access: { permission: 'units.read' } }, schema: { tags, querystring: ZoneListQuery, response: { 200: page(Zone) } } }, async (req) =>
    zonesService.list(ctxOf(req), req.query));
  app.post('/api/zones', { config: { access: { permission: 'units.manage' } }, schema: { tags, body: CreateZoneBody, response: { 201: Zone } } }, async (req, reply) => {
    const zone = await zonesService.create(ctxOf(req), req.body);
    reply.status(201);
    return zone;
  });
  app.get('/api/zones/:id', { config: { access: { permission: 'units.read' } }, schema: { tags, params: IdParams, response: { 200: Zone } } }, async (req) =>
    zonesService.get(ctxOf(req), req.params.id));
  app.patch('/api/zones/:id', { config: { access: { permission: 'units.manage' } }, schema: { tags, params: IdParams, body: UpdateZoneBody, response: { 200: Zone } } }, async (req) =>
    zonesService.update(ctxOf(req), req.params.id, req.body));
  // 409 zone_in_use while buildings (or tickets, whose history keeps the zone) refer to it.
  app.delete('/api/zones/:id', { config: { access: { permission: 'units.manage' } }, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    await zonesService.remove(ctxOf(req), req.params.id);
    return { ok: true as const };
  });
}
