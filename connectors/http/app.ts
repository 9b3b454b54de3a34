import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { registerAuth } from './auth.js';
import type { AppDeps } from './deps.js';
import { registerErrorHandler } from './errors.js';
import { floorRoutes } from './routes/floor.js';
import { healthRoutes } from './routes/health.js';
import { planRoutes } from './routes/plans.js';
import { scenarioRoutes } from './routes/scenarios.js';
import { scheduleRoutes } from './routes/schedules.js';
import { streamRoutes } from './routes/stream.js';
import { twinRoutes } from './routes/twin.js';

/** Secrets never reach the logs: tokens travel in headers or `?token=`, both redacted. */
const LOG_REDACT = ['req.headers.authorization', 'req.query.token'];

/** The request as logged: the URL with any `token=` query value masked (the viewer's stream carries one). */
function requestForLog(req: FastifyRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: req.url.replace(/([?&]token=)[^&#]*/g, '$1***'),
    host: req.host,
    remoteAddress: req.ip,
  };
}

/**
 * The fastify app, built apart from `listen()` so tests use `inject()`. Route schemas are TypeBox: one source
 * for validation, serialisation and the OpenAPI document at `/openapi.json` (docs page at `/docs`).
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { options } = deps;
  const app = Fastify({
    logger:
      options.logger === undefined || options.logger === false
        ? false
        : {
            ...(typeof options.logger === 'object' ? options.logger : {}),
            redact: LOG_REDACT,
            serializers: { req: requestForLog },
          },
    bodyLimit: options.limits.bodyLimitBytes,
    // Reject unknown keys instead of stripping them silently; report every problem, not just the first.
    ajv: {
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', discriminator: true },
    },
    // TLS when certificates are configured; the instance type is the same for both servers here.
    ...(options.https && { https: options.https }),
  });
  registerErrorHandler(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'shopfloor-twin',
        version: '0.1.0',
        description: 'Digital twin: live state, scenarios, schedules, plans.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/openapi.json', { config: { role: 'public' }, schema: { hide: true } }, async () => app.swagger());
  if (options.cors) await app.register(cors, { origin: options.cors.origins });
  if (options.rateLimit) {
    await app.register(rateLimit, {
      max: options.rateLimit.max,
      timeWindow: options.rateLimit.windowMs,
      errorResponseBuilder: (_req, ctx) => ({
        statusCode: 429,
        code: 'TWIN_E_RATE_LIMITED',
        message: `rate limit: ${ctx.max} requests per ${ctx.after}`,
      }),
    });
  }
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  registerAuth(app, options.tokens);
  app.addHook('onResponse', async (request, reply) => {
    deps.metrics.httpRequests.inc({
      route: request.routeOptions.url ?? 'unknown',
      status: String(reply.statusCode),
    });
  });
  await app.register(healthRoutes, deps);
  await app.register(twinRoutes, deps);
  await app.register(floorRoutes, deps);
  await app.register(scheduleRoutes, deps);
  await app.register(planRoutes, deps);
  await app.register(scenarioRoutes, deps);
  await app.register(streamRoutes, deps);
  if (options.viewerDir) {
    await app.register(fastifyStatic, { root: options.viewerDir, prefix: '/', decorateReply: false });
  }
  return app;
}
