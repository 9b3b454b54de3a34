import { parseObjective } from '../../solver/production/objectives.js';
import { validatePlan } from '../../solver/risk/validate-plan.js';
import type { PlanRiskPool } from '../../solver/runtime/plan-risk.js';
import type { ProductionSolverPool } from '../../solver/runtime/solve-production.js';
import { previousOperations, toTwinPlan } from '../../scenarios/production/plan.js';
import { assertValid } from '../../scenarios/production/schedule.js';
import { scenarioToProductionProblem } from '../../scenarios/production/to-problem.js';
import { modelOf, type Scenario } from '../../scenarios/schema.js';
import { TwinError } from '../../twin/errors.js';
import type { Plan } from '../../twin/schema/plan.js';
import type {
  PlanValidation,
  PlanValidator,
  ScheduleContext,
  ScheduleOutcome,
  ScheduleRequest,
  Scheduler,
} from './contracts.js';
import { DEFAULT_MAX_PLANS } from './plan-service.js';

/** The plant as it stands: its scenario with each order's progress, and now in seconds after its start. */
export interface LiveState {
  scenario: Scenario;
  nowS: number;
}

export interface ProductionSchedulerOptions {
  live: () => LiveState;
  solver: ProductionSolverPool;
  risk: PlanRiskPool;
  /** Replications of the risk analysis behind `validated` (a handful: the answer is wanted in seconds). */
  riskReplications: number;
  maxOperations: number;
  now: () => number;
}

const OBJECTIVES: Record<ScheduleRequest['objective'], string> = {
  makespan: 'makespan',
  tardiness: 'tardiness',
  lateOrders: 'late',
};
/** The progress figure each objective is judged by. */
const PRIMARY = {
  makespan: 'makespan',
  tardiness: 'weightedTardiness',
  lateOrders: 'lateOrders',
} as const satisfies Record<ScheduleRequest['objective'], string>;

/**
 * The service's scheduler: the production problem of the live plant (done work left out, running work pinned,
 * the previous plan's near future frozen), searched on a worker thread, checked, then validated by the plan
 * checker against the model and the risk analysis.
 */
export class ProductionScheduler implements Scheduler, PlanValidator {
  /** The live state each plan was made from, so validation checks it against what the search saw. */
  private readonly inputs = new Map<string, LiveState>();
  private planCount = 0;

  constructor(private readonly options: ProductionSchedulerOptions) {}

  async schedule(
    request: ScheduleRequest,
    parent: Readonly<Plan> | undefined,
    ctx: ScheduleContext,
  ): Promise<ScheduleOutcome> {
    const live = this.options.live();
    const startMs = Date.parse(live.scenario.start);
    const { problem, open } = scenarioToProductionProblem(live.scenario, {
      now: live.nowS,
      ...(parent && { previous: previousOperations(parent as Plan, startMs) }),
      frozenHorizonS: request.frozenHorizonS,
    });
    const ops = problem.jobs.reduce((n, j) => n + j.operations.length, 0);
    if (ops > this.options.maxOperations) {
      throw new TwinError(
        'TWIN_E_TOO_LARGE',
        `the problem has ${ops} operations; the limit is ${this.options.maxOperations}`,
        {
          operations: ops,
          limit: this.options.maxOperations,
        },
      );
    }
    const objective = parseObjective(OBJECTIVES[request.objective]);
    if (!objective.ok) throw new TwinError('TWIN_E_SCHEMA', `objective: ${objective.reason}`);
    const started = this.options.now();
    // Search time is wall-clock time; `now` is the plant's clock, which may run faster.
    const searchStart = performance.now();
    ctx.report({ elapsedS: 0 });
    const result = await this.options.solver.solve(
      problem,
      {
        seed: request.seed,
        objective: objective.spec,
        timeBudgetMs: request.timeBudgetS * 1000,
        ...(request.milp && { milp: {} }),
      },
      ctx.signal,
      (p) =>
        ctx.report({
          elapsedS: (performance.now() - searchStart) / 1000,
          iterations: p.iterations,
          bestObjective: p[PRIMARY[request.objective]],
          best: { makespanS: p.makespan, weightedTardinessS: p.weightedTardiness, lateOrders: p.lateOrders },
        }),
    );
    assertValid(problem, result);
    const id = `P${String(++this.planCount).padStart(4, '0')}`;
    const plan = toTwinPlan(
      problem,
      open,
      result.plan,
      {
        id,
        createdAtMs: this.options.now(),
        epochMs: startMs,
        seed: result.seed,
        trigger: { kind: request.trigger, ...(request.detail && { detail: request.detail }), atMs: started },
      },
      parent,
    );
    this.inputs.set(id, live);
    if (this.inputs.size > DEFAULT_MAX_PLANS) this.inputs.delete(this.inputs.keys().next().value as string);
    const v = result.values;
    return {
      plan,
      kpis: {
        makespanS: v.makespan,
        weightedTardinessS: v.weightedTardiness,
        lateOrders: v.lateOrders,
        operationsMoved: v.moved,
        machineChanges: v.machineChanges,
        iterations: result.iterations,
        firstFeasibleMs: result.firstFeasibleMs,
        ...(result.milp && {
          milpNeighbourhoods: result.milp.neighbourhoods,
          milpImprovements: result.milp.improvements,
        }),
      },
      stopReason: ctx.signal.aborted ? 'stopped' : 'time',
    };
  }

  /**
   * A short search and two risk analyses of the live plant, thrown away: the first real request then finds the
   * workers' JIT warm and the compiled model cached (a cold first analysis takes seconds, a warm one a fraction).
   */
  async warmUp(): Promise<void> {
    const live = this.options.live();
    const startMs = Date.parse(live.scenario.start);
    const { problem, open } = scenarioToProductionProblem(live.scenario, {
      now: live.nowS,
      frozenHorizonS: 0,
    });
    const result = await this.options.solver.solve(problem, { seed: 1, maxIterations: 200 });
    const plan = toTwinPlan(
      problem,
      open,
      result.plan,
      {
        id: 'warm-up',
        createdAtMs: this.options.now(),
        epochMs: startMs,
        seed: 1,
        trigger: { kind: 'initial' },
      },
      undefined,
    );
    for (let k = 0; k < 2; k++) await this.validate(plan);
  }

  /** The checker against the model, then N replications of the plan: on-time probability per order. */
  async validate(plan: Readonly<Plan>): Promise<PlanValidation> {
    const live = this.inputs.get(plan.id) ?? this.options.live();
    const result = await validatePlan(
      {
        model: modelOf(live.scenario),
        orders: live.scenario.orders,
        startMs: Date.parse(live.scenario.start),
        plan: plan as Plan,
      },
      { replications: this.options.riskReplications, seed: plan.seed },
      (input, options) => this.options.risk.analyse(input, options),
    );
    return {
      ok: result.ok,
      violations: [
        ...result.violations.map((v) => ({ kind: v.kind, message: v.message })),
        ...(result.violations.length === 0 ? result.reasons.map((r) => ({ kind: 'risk', message: r })) : []),
      ],
      ...(result.risk && { risk: result.risk }),
    };
  }
}
