import type { FastifyInstance } from 'fastify';

// Routes of this module are being written; registered here so modules/index.ts stays stable.
export async function unitsRoutes(_app: FastifyInstance) {}
