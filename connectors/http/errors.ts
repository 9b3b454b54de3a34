import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_REGISTRY, TwinError, isErrorCode } from '../../twin/errors.js';

interface ValidationEntry {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** `/timeBudgetS` → `body.timeBudgetS`, so the message names the field as the client sent it. */
function field(context: string | undefined, entry: ValidationEntry): string {
  const path = (entry.instancePath ?? '').split('/').filter(Boolean).join('.');
  const extra = entry.params?.additionalProperty ?? entry.params?.missingProperty;
  const full = [path, typeof extra === 'string' ? extra : ''].filter(Boolean).join('.');
  return [context ?? 'body', full].filter(Boolean).join('.');
}

/** Every error leaves as `{ code, message, details }` with the status of its code (twin/errors.ts). */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof TwinError) {
      return reply.status(error.status).send(error.toJSON());
    }
    if (error.validation) {
      const entries = error.validation as ValidationEntry[];
      const unknownKey = entries.some((e) => e.params?.additionalProperty !== undefined);
      const code = unknownKey ? 'TWIN_E_UNKNOWN_KEY' : 'TWIN_E_SCHEMA';
      const details = entries.map((e) => ({
        field: field(error.validationContext, e),
        reason: e.message ?? '',
      }));
      const message = details.map((d) => `${d.field}: ${d.reason}`).join('; ');
      return reply.status(400).send({ code, message, details });
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({ code: 'TWIN_E_RATE_LIMITED', message: error.message });
    }
    if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ code: 'TWIN_E_TOO_LARGE', message: error.message });
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ code: 'TWIN_E_SCHEMA', message: error.message });
    }
    request.log.error({ err: error }, 'internal error');
    const code = isErrorCode(error.code) ? error.code : 'TWIN_E_INTERNAL';
    return reply.status(ERROR_REGISTRY[code].status).send({ code, message: error.message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ code: 'TWIN_E_NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}
