import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { Edit } from '../../../scenarios/edits/schema.js';
import { TwinError } from '../../../twin/errors.js';
import type { Job } from '../../jobs/job-store.js';
import { ScenarioService, type RunProgress, type RunResult } from '../../service/scenario-service.js';
import type { AppDeps } from '../deps.js';
import { IdParams, RunBody, ScenarioBody } from '../schemas.js';

interface IdRequest {
  Params: { id: string };
}

const summary = (e: ReturnType<ScenarioService['get']>) => ({
  id: e.id,
  name: e.name,
  ...(e.base !== undefined && { base: e.base }),
  edits: e.edits,
  machines: e.scenario.machines.length,
  orders: e.scenario.orders.length,
});

function runView(job: Job<RunResult, RunProgress>) {
  return {
    id: job.id,
    status: job.status,
    ...(job.progress && { progress: job.progress }),
    ...(job.error && { error: job.error }),
    ...(job.result && {
      scenario: job.result.scenario,
      seed: job.result.seed,
      replications: job.result.replications,
      kpis: job.result.summary,
    }),
  };
}

export async function scenarioRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const viewer = { role: 'viewer' as const };
  const planner = { role: 'planner' as const };
  const svc = deps.scenarios;

  app.get('/api/scenarios', { config: viewer, schema: { tags: ['scenarios'] } }, async () =>
    svc.list().map(summary),
  );

  app.get<IdRequest>(
    '/api/scenarios/:id',
    { config: viewer, schema: { tags: ['scenarios'], params: IdParams } },
    async (request) => {
      const entry = svc.get(request.params.id);
      return { ...summary(entry), scenario: entry.scenario };
    },
  );

  app.post<{ Body: { name: string; base?: string; edits: Edit[] } }>(
    '/api/scenarios',
    { config: planner, schema: { tags: ['scenarios'], body: ScenarioBody } },
    async (request, reply) => reply.status(201).send(summary(svc.create(request.body))),
  );

  app.post<IdRequest & { Body: { replications?: number; seed?: number } }>(
    '/api/scenarios/:id/runs',
    { config: planner, schema: { tags: ['scenarios'], params: IdParams, body: RunBody } },
    async (request, reply) => {
      const replications = request.body?.replications ?? 10;
      const max = deps.options.limits.maxReplications;
      if (replications > max) {
        throw new TwinError(
          'TWIN_E_TOO_LARGE',
          `body.replications: ${replications} is over the limit of ${max}`,
          {
            field: 'body.replications',
            limit: max,
          },
        );
      }
      const job = svc.run(request.params.id, replications, request.body?.seed ?? 1);
      return reply
        .status(202)
        .send({ id: job.id, status: job.status, links: { self: `/api/runs/${job.id}` } });
    },
  );

  app.get<IdRequest>(
    '/api/runs/:id',
    { config: viewer, schema: { tags: ['scenarios'], params: IdParams } },
    async (request) => {
      const job = deps.runs.get(request.params.id);
      if (!job) throw new TwinError('TWIN_E_NOT_FOUND', `no run "${request.params.id}"`);
      return runView(job);
    },
  );

  app.get<{ Querystring: { a: string; b: string } }>(
    '/api/runs/compare',
    {
      config: viewer,
      schema: {
        tags: ['scenarios'],
        querystring: Type.Object({ a: Type.String(), b: Type.String(), token: Type.Optional(Type.String()) }),
      },
    },
    async (request) => {
      const result = (id: string): RunResult => {
        const job = deps.runs.get(id);
        if (!job) throw new TwinError('TWIN_E_NOT_FOUND', `no run "${id}"`);
        if (!job.result) throw new TwinError('TWIN_E_CONFLICT', `run "${id}" is ${job.status}, not done`);
        return job.result;
      };
      return ScenarioService.compare(result(request.query.a), result(request.query.b));
    },
  );
}
