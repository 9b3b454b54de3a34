import type { Plan, PlanTriggerKind } from '../../twin/schema/plan.js';
import type { MachineDispatchState } from '../dispatch/dispatcher.js';

/** What a planner or another system asks for (every field defaulted by the route schema). */
export interface ScheduleRequest {
  trigger: PlanTriggerKind;
  detail?: string;
  objective: 'makespan' | 'tardiness' | 'lateOrders';
  timeBudgetS: number;
  frozenHorizonS: number;
  seed: number;
  /** MILP neighbourhoods between local-search steps. */
  milp: boolean;
}

export interface ScheduleProgress {
  elapsedS: number;
  /** The value of the objective asked for, best so far. */
  bestObjective?: number;
  iterations?: number;
  best?: { makespanS: number; weightedTardinessS: number; lateOrders: number };
}

export interface ScheduleOutcome {
  /** A draft plan (the next version of `parent` when there is one). */
  plan: Readonly<Plan>;
  kpis: Record<string, number>;
  stopReason: string;
}

export interface ScheduleContext {
  signal: AbortSignal;
  report(progress: ScheduleProgress): void;
}

/** Computes plans; the service does not care which engine. */
export interface Scheduler {
  schedule(
    request: ScheduleRequest,
    parent: Readonly<Plan> | undefined,
    ctx: ScheduleContext,
  ): Promise<ScheduleOutcome>;
}

export interface PlanViolation {
  kind: string;
  message: string;
}

export interface PlanValidation {
  ok: boolean;
  violations: PlanViolation[];
  /** The risk analysis (per-order on-time probability, makespan distribution) when one ran. */
  risk?: unknown;
}

/** Hard constraints, then risk: a plan becomes `validated` only when `ok`. */
export interface PlanValidator {
  validate(plan: Readonly<Plan>): Promise<PlanValidation>;
}

/** Sends a plan's job orders to the machines and follows the acknowledgements (connectors/dispatch/). */
export interface PlanDispatcher {
  dispatch(
    plan: Readonly<Plan>,
    onStatus: (status: MachineDispatchState) => void,
  ): Promise<MachineDispatchState[]>;
}
