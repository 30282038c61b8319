import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { orgRoutes } from './org/org.routes.js';

/** Every domain module's routes. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(auditRoutes);
}
