import { describe, expect, it } from 'vitest';
import type { Assignment, Plan } from '../../twin/schema/plan.js';
import { checkPlanAgainstModel, type PlanViolationKind } from '../../solver/check/plan-against-model.js';
import { checkProductionPlan } from '../../solver/check/production/check-production-plan.js';
import { simulateFactory } from '../../solver/des/factory/run.js';
import { operationRows } from '../../solver/des/factory/trace.js';
import { solveProduction } from '../../solver/production/solve.js';
import { parseScenario } from '../parse.js';
import { modelOf, type Scenario } from '../schema.js';
import { toTwinPlan } from './plan.js';
import { rescheduleScenario } from './reschedule.js';
import { scenarioToProductionProblem } from './to-problem.js';

// From the scenario to a batched plan and back through the simulation following it: lots turned on a lathe,
// carburised in batches (maxUnits 100) and tempered in batches within 20 min of the quench. Fixed times and
// no breakdowns, so the simulation must run every batch exactly as planned; and the model checker (the
// simulation's semantics) must accept the plan and reject bad batches and late tempering.
const YAML = `
formatVersion: 2
name: Batch following
start: 2026-11-23T00:00:00Z
site: { id: s, name: S }
areas: [{ id: A }]
lines: [{ id: L, area: A }]
machines:
  - { id: LA, kind: cnc-lathe, line: L, placement: { position: { x: 0, y: 0 }, footprint: { width: 1, depth: 1 } } }
  - { id: OV, kind: heat-treatment-oven, line: L, batch: { maxUnits: 100, minUnits: 60, maxWaitS: 7200 }, placement: { position: { x: 0, y: 0 }, footprint: { width: 1, depth: 1 } } }
  - { id: TP, kind: heat-treatment-oven, line: L, batch: { maxUnits: 100 }, placement: { position: { x: 0, y: 0 }, footprint: { width: 1, depth: 1 } } }
products:
  - id: DEEP
    routing:
      - { id: turn, alternatives: [{ machine: LA, time: { kind: fixed, value: 10 } }] }
      - { id: carburise, batchFamily: deep, alternatives: [{ machine: OV, per: lot, time: { kind: fixed, value: 3600 } }] }
      - { id: temper, batchFamily: t180, maxLagS: 1200, alternatives: [{ machine: TP, per: lot, time: { kind: fixed, value: 1800 } }] }
  - id: SHALLOW
    routing:
      - { id: turn, alternatives: [{ machine: LA, time: { kind: fixed, value: 10 } }] }
      - { id: carburise, batchFamily: shallow, alternatives: [{ machine: OV, per: lot, time: { kind: fixed, value: 2400 } }] }
      - { id: temper, batchFamily: t180, maxLagS: 1200, alternatives: [{ machine: TP, per: lot, time: { kind: fixed, value: 1800 } }] }
orders: []
`;

function plant(): Scenario {
  const parsed = parseScenario(YAML);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  const start = parsed.edited.start;
  const order = (id: string, product: string, quantity: number) => ({
    id,
    product,
    quantity,
    release: start,
  });
  return {
    ...parsed.edited,
    orders: [
      order('D1', 'DEEP', 30),
      order('D2', 'DEEP', 30),
      order('D3', 'DEEP', 30),
      order('D4', 'DEEP', 60),
      order('S1', 'SHALLOW', 30),
    ],
  } as Scenario;
}

function planOf(scenario: Scenario): Plan {
  const { problem, open } = scenarioToProductionProblem(scenario);
  const result = solveProduction(problem, { seed: 1, maxIterations: 500 });
  expect(checkProductionPlan(problem, result.plan).violations).toEqual([]);
  return toTwinPlan(problem, open, result.plan, {
    id: 'batched',
    createdAtMs: 0,
    epochMs: Date.parse(scenario.start),
    seed: 1,
    trigger: { kind: 'initial' },
  }) as Plan;
}

const modelKinds = (scenario: Scenario, plan: Plan): PlanViolationKind[] =>
  checkPlanAgainstModel({
    model: modelOf(scenario),
    orders: scenario.orders,
    startMs: Date.parse(scenario.start),
    plan,
  }).violations.map((v) => v.kind);

const byBatch = (plan: Plan) => {
  const groups = new Map<string, Assignment[]>();
  for (const a of plan.assignments) if (a.batch) groups.set(a.batch, [...(groups.get(a.batch) ?? []), a]);
  return groups;
};

describe('a batched plan through the model checker and the simulation', () => {
  const scenario = plant();
  const plan = planOf(scenario);

  it('batches lots of one family, within maxUnits, and tempers within the lag', () => {
    const groups = byBatch(plan);
    const multi = [...groups.values()].filter((g) => g.length > 1);
    expect(multi.length).toBeGreaterThan(0);
    for (const g of groups.values()) {
      const orders = new Map(scenario.orders.map((o) => [o.id as string, o]));
      expect(new Set(g.map((a) => `${a.machine} ${a.startS} ${a.endS}`)).size).toBe(1);
      expect(new Set(g.map((a) => orders.get(a.order)!.product + a.operation)).size).toBe(1);
      expect(g.reduce((u, a) => u + orders.get(a.order)!.quantity, 0) <= 100 || g.length === 1).toBe(true);
    }
    const at = (order: string, op: string) =>
      plan.assignments.find((a) => a.order === order && a.operation === op)!;
    for (const o of scenario.orders)
      expect(at(o.id, 'temper').startS - at(o.id, 'carburise').endS).toBeLessThanOrEqual(1200);
    expect(modelKinds(scenario, plan)).toEqual([]);
  });

  it('is followed by the simulation batch for batch, at the planned times', () => {
    const r = simulateFactory({
      model: modelOf(scenario),
      orders: scenario.orders,
      startMs: Date.parse(scenario.start),
      seed: 7,
      plan,
      trace: true,
    });
    const ran = new Map(operationRows(r.trace!).map((row) => [`${row.order}/${row.operation}`, row]));
    for (const a of plan.assignments) {
      const row = ran.get(`${a.order}/${a.operation}`)!;
      expect([row.machine, row.start, row.end]).toEqual([a.machine, a.startS, a.endS]);
    }
  });

  it('rejects mixed families, too many units, members apart and late tempering', () => {
    const groups = [...byBatch(plan).values()];
    const ovGroup = groups.find((g) => g[0]!.machine === 'OV' && g.length > 1)!;
    const join = (order: string, op: string, like: Assignment) =>
      plan.assignments.map((a) =>
        a.order === order && a.operation === op
          ? { ...a, startS: like.startS, endS: like.endS, batch: like.batch! }
          : a,
      );
    const edit = (assignments: Assignment[]) => ({ ...plan, assignments }) as Plan;
    const outsider = (product: string) =>
      scenario.orders.find((o) => o.product === product && !ovGroup.some((a) => a.order === o.id))!.id;
    expect(modelKinds(scenario, edit(join(outsider('SHALLOW'), 'carburise', ovGroup[0]!)))).toContain(
      'batchFamily',
    );
    const big = ovGroup.some((a) => a.order === 'D4') ? outsider('DEEP') : 'D4';
    expect(modelKinds(scenario, edit(join(big, 'carburise', ovGroup[0]!)))).toContain('batchCapacity');
    const apart = plan.assignments.map((a) => (a === ovGroup[1] ? { ...a, endS: a.endS + 60 } : a));
    expect(modelKinds(scenario, edit(apart))).toContain('batchTimes');
    const late = plan.assignments.map((a) =>
      a.operation === 'temper' && a.order === 'D1'
        ? { ...a, startS: a.startS + 5000, endS: a.endS + 5000, batch: 'late' }
        : a,
    );
    expect(modelKinds(scenario, edit(late))).toContain('maxLag');
  });

  it('keeps a batch inside the frozen horizon together in a reschedule', () => {
    const groups = [...byBatch(plan).values()].filter((g) => g.length > 1 && g[0]!.machine === 'OV');
    const batch = groups[0]!;
    const now = batch[0]!.startS - 3600;
    const r = rescheduleScenario(
      scenario,
      plan,
      { kind: 'dueDateChange', at: now, order: 'S1' as never, due: now + 86_400 },
      { seed: 1, maxIterations: 200, frozenHorizonS: 4 * 3600 },
    );
    expect(checkProductionPlan(r.problem, r.result.plan).violations).toEqual([]);
    const kept = r.plan.assignments.filter((a) =>
      batch.some((b) => b.order === a.order && b.operation === a.operation),
    );
    expect(kept).toHaveLength(batch.length);
    expect(new Set(kept.map((a) => a.batch)).size).toBe(1);
    expect(kept.map((a) => [a.startS, a.endS])).toEqual(batch.map((a) => [a.startS, a.endS]));
    const frozen = new Set(r.plan.frozen.map((i) => r.plan.assignments[i]));
    expect(kept.every((a) => frozen.has(a))).toBe(true);
    expect(modelKinds(r.scenario, r.plan)).toEqual([]);
  });
});
