import type { FastifyInstance } from 'fastify';
import { arrearsRoutes } from './arrears/arrears.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { billingRoutes } from './billing/billing.routes.js';
import { collectionRoutes } from './collection/collection.routes.js';
import { categoriesRoutes } from './categories/categories.routes.js';
import { escalationsRoutes } from './escalations/escalations.routes.js';
import { feeItemsRoutes } from './fee-items/fee-items.routes.js';
import { filesRoutes } from './files/files.routes.js';
import { metersRoutes } from './meters/meters.routes.js';
import { notificationsRoutes } from './notifications/notifications.routes.js';
import { orgRoutes } from './org/org.routes.js';
import { residentsRoutes } from './residents/residents.routes.js';
import { rolesRoutes } from './roles/roles.routes.js';
import { slaRoutes } from './sla/sla.routes.js';
import { teamsRoutes } from './teams/teams.routes.js';
import { ticketRoutes } from './tickets/ticket.routes.js';
import { unitsRoutes } from './units/units.routes.js';
import { usersRoutes } from './users/users.routes.js';
import { workOrderRoutes } from './work-orders/work-order.routes.js';
import { zonesRoutes } from './zones/zones.routes.js';

/** Every domain module's routes. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(unitsRoutes);
  await app.register(zonesRoutes);
  await app.register(residentsRoutes);
  await app.register(usersRoutes);
  await app.register(teamsRoutes);
  await app.register(rolesRoutes);
  await app.register(auditRoutes);
  await app.register(notificationsRoutes);
  await app.register(escalationsRoutes);
  await app.register(slaRoutes);
  await app.register(categoriesRoutes);
  await app.register(ticketRoutes);
  await app.register(workOrderRoutes);
  await app.register(filesRoutes);
  await app.register(feeItemsRoutes);
  await app.register(metersRoutes);
  await app.register(billingRoutes);
  await app.register(arrearsRoutes);
  await app.register(collectionRoutes);
}
