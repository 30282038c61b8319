import Fastify, { type FastifyInstance } from 'fastify';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The security headers @fastify/helmet sends with these options, worked out once at start-up.
 * The plugin builds a new helmet instance (CSP directives parsed again) on every request: about a
 * tenth of a small request's CPU. Our options are static (no nonces, no per-route settings), so
 * the headers are the same on every answer: a probe app with the plugin answers one request, the
 * headers the plugin set are kept, and the real app sets them from a plain object.
 */
export async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify();
  await probe.register(helmet, options);
  let headers: Record<string, string> = {};
  // Runs after the plugin's own onRequest hooks: the raw response holds only what helmet set.
  probe.addHook('onRequest', (req, reply, done) => {
    headers = Object.fromEntries(Object.entries(reply.raw.getHeaders()).map(([k, v]) => [k, String(v)]));
    done();
  });
  probe.get('/', async () => '');
  await probe.inject('/');
  await probe.close();
  if (!headers['content-security-policy']) throw new Error('helmet set no content-security-policy: the probe did not work');
  return headers;
}

/** Every answer carries the headers (errors, 404s and static files too); a route may still override one. */
export async function installSecurityHeaders(app: FastifyInstance, options: FastifyHelmetOptions): Promise<void> {
  const headers = await helmetHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}
