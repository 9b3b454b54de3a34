import { createHash } from 'node:crypto';
import { checkPlan } from '../../solver/check/check-plan.js';
import { solveShop } from '../../solver/runtime/solve-shop.js';
import type { ShopProblem } from '../../solver/shop/problem.js';
import { createPlan } from '../../twin/plan-lifecycle.js';
import type { Plan } from '../../twin/schema/plan.js';
import { TwinError } from '../../twin/errors.js';
import type {
  PlanValidation,
  PlanValidator,
  ScheduleContext,
  ScheduleRequest,
  Scheduler,
} from './contracts.js';
import { assignmentsOf, shopPlanOf } from './shop-plan-mapping.js';

export interface ShopSchedulerOptions {
  /** The numeric problem of the plant now (orders left, machines), in seconds after `epochMs`. */
  problem: () => { problem: ShopProblem; epochMs: number };
  workers: number;
  maxOperations: number;
  now: () => number;
  newPlanId: () => string;
}

/** Schedules with the parallel tabu search of the scheduling engine (makespan objective). */
export class ShopScheduler implements Scheduler, PlanValidator {
  private readonly problems = new Map<string, ShopProblem>();

  constructor(private readonly options: ShopSchedulerOptions) {}

  async schedule(request: ScheduleRequest, parent: Readonly<Plan> | undefined, ctx: ScheduleContext) {
    const { problem, epochMs } = this.options.problem();
    const ops = problem.jobs.reduce((n, j) => n + j.operations.length, 0);
    if (ops > this.options.maxOperations) {
      throw new TwinError(
        'TWIN_E_TOO_LARGE',
        `the problem has ${ops} operations; this service schedules at most ${this.options.maxOperations}`,
        { operations: ops, limit: this.options.maxOperations },
      );
    }
    const started = this.options.now();
    const result = await solveShop(problem, {
      seed: request.seed,
      workers: this.options.workers,
      timeLimitS: request.timeBudgetS,
      signal: ctx.signal,
      onIncumbent: (inc) =>
        ctx.report({ elapsedS: inc.timeS, bestObjective: inc.makespan, iterations: inc.iterations }),
    });
    const id = this.options.newPlanId();
    this.problems.set(id, problem);
    const plan = createPlan(
      {
        id: id as Plan['id'],
        trigger: { kind: request.trigger, ...(request.detail && { detail: request.detail }), atMs: started },
        createdAtMs: this.options.now(),
        epochMs,
        seed: result.seed,
        inputHash: createHash('sha256').update(JSON.stringify(problem)).digest('hex').slice(0, 16),
        engine: `tabu-search workers=${result.workers} iterations=${result.iterationsPerWorker}`,
        assignments: assignmentsOf(problem, result.plan),
      },
      parent,
    );
    return {
      plan,
      kpis: { makespanS: result.makespan, timeToBestS: result.timeToBestS, iterations: result.iterations },
      stopReason: result.stopReason,
    };
  }

  /** Hard constraints through the independent plan checker, against the problem the plan was made for. */
  async validate(plan: Readonly<Plan>): Promise<PlanValidation> {
    const problem = this.problems.get(plan.id) ?? this.options.problem().problem;
    const check = checkPlan(problem, shopPlanOf(problem, plan.assignments));
    return {
      ok: check.ok,
      violations: check.violations.map((v) => ({ kind: v.kind, message: v.message })),
    };
  }
}
