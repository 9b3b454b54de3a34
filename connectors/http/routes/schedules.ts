import type { FastifyInstance } from 'fastify';
import { TwinError } from '../../../twin/errors.js';
import type { PlanTriggerKind } from '../../../twin/schema/plan.js';
import type { Job } from '../../jobs/job-store.js';
import type { ScheduleOutcome, ScheduleProgress, ScheduleRequest } from '../../service/contracts.js';
import type { AppDeps } from '../deps.js';
import { IdParams, ScheduleBody } from '../schemas.js';

type ScheduleJob = Job<ScheduleOutcome & { planId: string }, ScheduleProgress>;

interface Body {
  trigger?: PlanTriggerKind;
  detail?: string;
  objective?: ScheduleRequest['objective'];
  timeBudgetS?: number;
  frozenHorizonS?: number;
  seed?: number;
  milp?: boolean;
}

function view(job: ScheduleJob, deps: AppDeps) {
  const plan = job.result ? deps.plans.get(job.result.planId) : undefined;
  return {
    id: job.id,
    status: job.status,
    createdAtMs: job.createdAtMs,
    ...(job.startedAtMs !== undefined && { startedAtMs: job.startedAtMs }),
    ...(job.finishedAtMs !== undefined && { finishedAtMs: job.finishedAtMs }),
    ...(job.progress && { progress: job.progress }),
    ...(job.error && { error: job.error }),
    stopRequested: job.stopRequested,
    ...(plan && {
      plan: deps.plans.summary(plan),
      kpis: plan.kpis,
      ...(plan.validation && { validation: plan.validation }),
      stopReason: job.result!.stopReason,
    }),
  };
}

/** A schedule request is a job: 202 with its id, then poll (or follow the stream) until it is done. */
export async function scheduleRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const planner = { role: 'planner' as const };
  const { limits } = deps.options;

  app.post<{ Body: Body }>(
    '/api/schedules',
    { config: planner, schema: { tags: ['schedules'], body: ScheduleBody } },
    async (request, reply) => {
      const b = request.body ?? {};
      const req: ScheduleRequest = {
        trigger: b.trigger ?? 'api',
        ...(b.detail !== undefined && { detail: b.detail }),
        objective: b.objective ?? 'makespan',
        timeBudgetS: b.timeBudgetS ?? 2,
        frozenHorizonS: b.frozenHorizonS ?? 0,
        seed: b.seed ?? 1,
        milp: b.milp ?? false,
      };
      if (req.timeBudgetS > limits.maxTimeBudgetS) {
        throw new TwinError(
          'TWIN_E_TOO_LARGE',
          `body.timeBudgetS: ${req.timeBudgetS} s is over this service's limit of ${limits.maxTimeBudgetS} s`,
          { field: 'body.timeBudgetS', limit: limits.maxTimeBudgetS },
        );
      }
      const job = deps.schedules.submit('schedule', async (ctx) => {
        const outcome = await deps.scheduler.schedule(req, deps.plans.latest?.plan, ctx);
        deps.plans.add(outcome.plan, outcome.kpis);
        // Validate at once: a plan is only worth showing a planner once it passed the checker (and risk).
        await deps.plans.validate(outcome.plan.id);
        return { ...outcome, planId: outcome.plan.id };
      });
      return reply
        .status(202)
        .header('location', `/api/schedules/${job.id}`)
        .send({ id: job.id, status: job.status, links: { self: `/api/schedules/${job.id}` } });
    },
  );

  app.get('/api/schedules', { config: { role: 'viewer' }, schema: { tags: ['schedules'] } }, async () =>
    deps.schedules.list().map((job) => view(job, deps)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/schedules/:id',
    { config: { role: 'viewer' }, schema: { tags: ['schedules'], params: IdParams } },
    async (request) => {
      const job = deps.schedules.get(request.params.id);
      if (!job) throw new TwinError('TWIN_E_NOT_FOUND', `no schedule job "${request.params.id}"`);
      return view(job, deps);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/schedules/:id',
    { config: planner, schema: { tags: ['schedules'], params: IdParams } },
    async (request) => {
      const job = deps.schedules.stop(request.params.id);
      if (!job) throw new TwinError('TWIN_E_NOT_FOUND', `no schedule job "${request.params.id}"`);
      return view(job, deps);
    },
  );
}
