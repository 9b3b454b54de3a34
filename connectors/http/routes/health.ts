import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';

/** Liveness and readiness need no token (load balancers and orchestrators call them); metrics do. */
export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/health', { config: { role: 'public' }, schema: { tags: ['health'] } }, async () => ({
    status: 'ok',
  }));
  app.get('/ready', { config: { role: 'public' }, schema: { tags: ['health'] } }, async (_req, reply) => {
    const r = deps.ready();
    return reply.status(r.ready ? 200 : 503).send(r);
  });
  app.get('/metrics', { config: { role: 'viewer' }, schema: { tags: ['health'] } }, async (_req, reply) => {
    const { registry } = deps.metrics;
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
