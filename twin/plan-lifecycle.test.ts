import { describe, expect, it } from 'vitest';
import { advancePlan, createPlan, type NewPlanInput } from './plan-lifecycle.js';
import { ERROR_REGISTRY, TwinError } from './errors.js';
import { Plan, PLAN_STATUSES, type Assignment, type PlanStatus } from './schema/plan.js';
import type { MachineId, OperationId, OrderId, PlanId } from './schema/ids.js';
import { checkSchema } from './validate/schema-check.js';

const assignment = (order: string, machine: string, startS: number, endS: number): Assignment => ({
  order: order as OrderId,
  operation: 'turn' as OperationId,
  machine: machine as MachineId,
  startS,
  endS,
});

function input(id = 'plan-a'): NewPlanInput {
  return {
    id: id as PlanId,
    trigger: { kind: 'initial', detail: 'first plan' },
    createdAtMs: 1_795_000_000_000,
    epochMs: 1_795_000_000_000,
    seed: 7,
    inputHash: 'sha256:abc',
    engine: 'greedy-edd 0.1',
    assignments: [assignment('SO-1', 'L1', 0, 600), assignment('SO-2', 'L2', 60, 900)],
    frozen: [0],
  };
}

/** The only path, in order. */
const PATH: PlanStatus[] = ['draft', 'validated', 'dispatched', 'acknowledged'];

/** A plan in the given status, reached along the allowed path. */
function planIn(status: PlanStatus): Readonly<Plan> {
  let plan = createPlan(input());
  for (const next of PATH.slice(1, PATH.indexOf(status) + 1)) plan = advancePlan(plan, next);
  return plan;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('createPlan', () => {
  it('makes a first version as a draft without parent, copying the input', () => {
    const plan = createPlan(input());
    expect(plan).toEqual({ ...input(), version: 1, status: 'draft' });
    expect('parent' in plan).toBe(false);
  });

  it('makes the next version of a parent, pointing at it', () => {
    const first = createPlan(input('plan-a'));
    const second = createPlan(input('plan-b'), first);
    const third = createPlan(input('plan-c'), advancePlan(second, 'validated'));
    expect([second.version, second.parent, second.status]).toEqual([2, 'plan-a', 'draft']);
    expect([third.version, third.parent]).toEqual([3, 'plan-b']);
    expect(first.version).toBe(1);
  });

  it('defaults frozen to an empty list', () => {
    const { frozen: _frozen, ...withoutFrozen } = input();
    expect(createPlan(withoutFrozen).frozen).toEqual([]);
  });

  it('validates against the Plan schema', () => {
    const plan = createPlan(input('plan-b'), createPlan(input()));
    // checkSchema fills defaults in place, so it gets a copy.
    const result = checkSchema(Plan, structuredClone(plan));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.value.assignments[0]!.setupS).toBe(0);
    const acknowledged = checkSchema(Plan, structuredClone(planIn('acknowledged')));
    expect(acknowledged.ok).toBe(true);
  });

  it('copies the input arrays: changing them later leaves the plan as it was', () => {
    const given = input();
    const plan = createPlan(given);
    given.assignments[0]!.startS = 999;
    given.assignments.push(assignment('SO-3', 'L1', 0, 1));
    given.frozen!.push(1);
    given.trigger.detail = 'changed';
    expect(plan.assignments).toEqual(input().assignments);
    expect(plan.frozen).toEqual([0]);
    expect(plan.trigger).toEqual(input().trigger);
    // The caller's own objects are not frozen by the plan.
    expect(Object.isFrozen(given.assignments)).toBe(false);
    expect(Object.isFrozen(given.assignments[0])).toBe(false);
  });
});

describe('plan immutability', () => {
  it.each(PATH)('a %s plan cannot be changed', (status) => {
    const plan = planIn(status) as Plan;
    expect(() => {
      plan.status = 'draft';
    }).toThrow(TypeError);
    expect(() => {
      plan.version = 99;
    }).toThrow(TypeError);
    expect(() => {
      plan.assignments[0]!.startS = 5;
    }).toThrow(TypeError);
    expect(() => plan.assignments.push(assignment('SO-9', 'L1', 0, 1))).toThrow(TypeError);
    expect(() => plan.frozen.push(1)).toThrow(TypeError);
    expect(() => {
      plan.trigger.kind = 'manual';
    }).toThrow(TypeError);
    expect(plan.status).toBe(status);
    expect(plan.assignments[0]!.startS).toBe(0);
    expect(plan.assignments).toHaveLength(2);
  });
});

describe('advancePlan', () => {
  it('goes draft → validated → dispatched → acknowledged, each step a new plan', () => {
    const draft = createPlan(input());
    const validated = advancePlan(draft, 'validated');
    const dispatched = advancePlan(validated, 'dispatched');
    const acknowledged = advancePlan(dispatched, 'acknowledged');
    expect([draft, validated, dispatched, acknowledged].map((p) => p.status)).toEqual(PATH);
    expect(acknowledged).toEqual({ ...draft, status: 'acknowledged' });
    expect(acknowledged.version).toBe(1);
    expect(validated).not.toBe(draft);
  });

  const allowed = new Set(['draft>validated', 'validated>dispatched', 'dispatched>acknowledged']);
  const forbidden = PLAN_STATUSES.flatMap((from) =>
    PLAN_STATUSES.filter((to) => !allowed.has(`${from}>${to}`)).map((to) => [from, to] as const),
  );

  it('forbids 13 of the 16 status pairs', () => {
    expect(forbidden).toHaveLength(13);
  });

  it.each(forbidden)('refuses %s → %s with TWIN_E_PLAN_TRANSITION (409)', (from, to) => {
    const plan = planIn(from);
    const error = thrown(() => advancePlan(plan, to));
    expect(error).toBeInstanceOf(TwinError);
    const twinError = error as TwinError;
    expect(twinError.code).toBe('TWIN_E_PLAN_TRANSITION');
    expect(twinError.status).toBe(409);
    expect(ERROR_REGISTRY[twinError.code].status).toBe(409);
    expect(twinError.details).toEqual({ plan: 'plan-a', from, to });
    expect(twinError.message).toContain(`is ${from}`);
    expect(plan.status).toBe(from);
  });
});
