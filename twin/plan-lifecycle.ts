import { TwinError } from './errors.js';
import type { Assignment, Plan, PlanStatus, PlanTrigger } from './schema/plan.js';
import type { PlanId } from './schema/ids.js';

/** draft → validated → dispatched → acknowledged; nothing goes back (a change is a new version). */
const NEXT: Record<PlanStatus, PlanStatus | undefined> = {
  draft: 'validated',
  validated: 'dispatched',
  dispatched: 'acknowledged',
  acknowledged: undefined,
};

function freeze(plan: Plan): Readonly<Plan> {
  for (const a of plan.assignments) Object.freeze(a);
  Object.freeze(plan.assignments);
  Object.freeze(plan.frozen);
  Object.freeze(plan.trigger);
  return Object.freeze(plan);
}

/** A plan's next status, as a new plan; the old one is left as it was. */
export function advancePlan(plan: Readonly<Plan>, to: PlanStatus): Readonly<Plan> {
  if (NEXT[plan.status] !== to) {
    throw new TwinError(
      'TWIN_E_PLAN_TRANSITION',
      `plan ${plan.id} is ${plan.status}: it cannot become ${to}`,
      {
        plan: plan.id,
        from: plan.status,
        to,
      },
    );
  }
  return freeze({ ...plan, status: to });
}

export interface NewPlanInput {
  id: PlanId;
  trigger: PlanTrigger;
  createdAtMs: number;
  epochMs: number;
  seed: number;
  inputHash: string;
  engine: string;
  assignments: Assignment[];
  frozen?: number[];
}

/** A first plan, or the next version of `parent`: always a draft, always immutable. */
export function createPlan(input: NewPlanInput, parent?: Readonly<Plan>): Readonly<Plan> {
  const plan: Plan = {
    id: input.id,
    version: parent ? parent.version + 1 : 1,
    status: 'draft',
    trigger: { ...input.trigger },
    createdAtMs: input.createdAtMs,
    epochMs: input.epochMs,
    seed: input.seed,
    inputHash: input.inputHash,
    engine: input.engine,
    frozen: [...(input.frozen ?? [])],
    assignments: input.assignments.map((a) => ({ ...a })),
    ...(parent && { parent: parent.id }),
  };
  return freeze(plan);
}
