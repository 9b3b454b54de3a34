import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { IdParams } from '../schemas.js';
import Type from 'typebox';

interface IdRequest {
  Params: { id: string };
}

export async function planRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const viewer = { role: 'viewer' as const };
  const schema = { tags: ['plans'], params: IdParams };

  app.get('/api/plans', { config: viewer, schema: { tags: ['plans'] } }, async () =>
    deps.plans.list().map((r) => deps.plans.summary(r)),
  );

  app.get<IdRequest>('/api/plans/:id', { config: viewer, schema }, async (request) => {
    const record = deps.plans.get(request.params.id);
    return { ...deps.plans.summary(record), plan: record.plan, validation: record.validation ?? null };
  });

  app.get<IdRequest & { Querystring: { against?: string } }>(
    '/api/plans/:id/diff',
    {
      config: viewer,
      schema: {
        ...schema,
        querystring: Type.Object({
          against: Type.Optional(Type.String()),
          token: Type.Optional(Type.String()),
        }),
      },
    },
    async (request) => deps.plans.diff(request.params.id, request.query.against),
  );

  app.post<IdRequest>('/api/plans/:id/validate', { config: { role: 'planner' }, schema }, async (request) => {
    const record = await deps.plans.validate(request.params.id);
    return { ...deps.plans.summary(record), validation: record.validation ?? null };
  });

  app.post<IdRequest>(
    '/api/plans/:id/dispatch',
    { config: { role: 'operator' }, schema },
    async (request) => {
      const record = await deps.plans.dispatch(request.params.id);
      return { ...deps.plans.summary(record), machines: record.dispatch ?? [] };
    },
  );

  app.get<IdRequest>('/api/plans/:id/dispatch', { config: viewer, schema }, async (request) => {
    const record = deps.plans.get(request.params.id);
    return { plan: record.plan.id, status: record.plan.status, machines: record.dispatch ?? [] };
  });
}
