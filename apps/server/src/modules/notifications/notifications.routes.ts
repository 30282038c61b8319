import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EmptyBody, IdParams, Notification, NotificationListQuery, page, ReadAllResponse, UnreadCount } from '@propdesk/contracts';
import { ctxOf } from '../../http/authenticate.js';
import { notificationsService } from './notifications.service.js';

/** The bell: every signed-in user has one, and sees only her own. */
export async function notificationsRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  const access = { permission: null };
  app.get('/api/notifications', { config: { access }, schema: { tags, querystring: NotificationListQuery, response: { 200: page(Notification) } } }, async (req) =>
    notificationsService.list(ctxOf(req), req.query));
  app.get('/api/notifications/unread-count', { config: { access }, schema: { tags, response: { 200: UnreadCount } } }, async (req) =>
    notificationsService.unreadCount(ctxOf(req)));
  app.post('/api/notifications/:id/read', { config: { access }, schema: { tags, params: IdParams, body: EmptyBody.nullish(), response: { 200: Notification } } }, async (req) =>
    notificationsService.markRead(ctxOf(req), req.params.id));
  app.post('/api/notifications/read-all', { config: { access }, schema: { tags, body: EmptyBody.nullish(), response: { 200: ReadAllResponse } } }, async (req) =>
    notificationsService.markAllRead(ctxOf(req)));
}
