import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPlanAgainstModel } from '../../solver/check/plan-against-model.js';
import { parseScenario } from '../parse.js';
import { modelOf, type Scenario } from '../schema.js';
import { rescheduleScenario } from './reschedule.js';
import { scheduleScenario } from './schedule.js';
import { opKey } from './to-problem.js';

// The demo plant's 8 operators on two crews, from the scenario to the twin plan and through a reschedule.
const parsed = parseScenario(readFileSync(new URL('../demo-plant.yaml', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('demo plant does not parse');
const demo: Scenario = parsed.edited;
const startMs = Date.parse(demo.start);
const base = scheduleScenario(demo, { seed: 1, maxIterations: 150 });
const modelCheck = (plan: typeof base.plan, scenario = demo) =>
  checkPlanAgainstModel({ model: modelOf(scenario), orders: scenario.orders, startMs, plan });

describe('operators of the demo plant', () => {
  it('maps operators with their crews’ closed time, and the skills of the operations', () => {
    const { problem } = base;
    expect(problem.operators!.map((w) => w.id)).toEqual(demo.operators!.map((w) => w.id));
    const early = problem.operators!.find((w) => w.id === 'op-wang-li')!;
    const late = problem.operators!.find((w) => w.id === 'op-li-na')!;
    // Crews close at different times; an operator of a crew is off exactly when the crew's calendar is.
    const openOf = (w: typeof early) => w.unavailable!.map((x) => [x.start, x.end]);
    expect(openOf(early)).not.toEqual(openOf(late));
    expect(openOf(problem.operators!.find((w) => w.id === 'op-zhang-wei')!)).toEqual(openOf(early));
    // Each crew works 7.25 h per working day: far less than half of the time is on shift.
    const off = (w: typeof early) => w.unavailable!.reduce((s, x) => s + (x.end - x.start), 0);
    expect(off(early) / problem.horizon).toBeGreaterThan(0.6);
    const ops = problem.jobs.flatMap((j) => j.operations);
    expect(ops.some((o) => o.skill === 'setup-lathe' && o.operatorFor === 'setup')).toBe(true);
    expect(ops.some((o) => o.skill === 'cmm' && o.operatorFor === 'whole')).toBe(true);
  });

  it('names an operator in the twin plan wherever one is held, and the model checker accepts the plan', () => {
    const withOperator = base.plan.assignments.filter((a) => a.operator !== undefined);
    expect(withOperator.length).toBeGreaterThan(100);
    const inspections = base.plan.assignments.filter((a) => a.operation === 'inspect');
    expect(inspections.every((a) => a.operator === 'op-liu-yang' || a.operator === 'op-sun-hui')).toBe(true);
    expect(modelCheck(base.plan)).toEqual({ ok: true, violations: [] });
  });

  it('keeps the operators of frozen operations in a reschedule, and the new plan passes both checkers', () => {
    const event = { kind: 'machineDown' as const, at: 100_000, machine: 'GR3' as never, repairS: 4 * 3600 };
    const r = rescheduleScenario(demo, base.plan, event, {
      seed: 1,
      maxIterations: 100,
      frozenHorizonS: 6 * 3600,
    });
    const before = new Map(base.plan.assignments.map((a) => [opKey(a.order, a.operation), a]));
    const frozen = r.plan.frozen.map((i) => r.plan.assignments[i]!).filter((a) => a.startS >= 100_000);
    const held = frozen.filter((a) => a.operator !== undefined);
    expect(held.length).toBeGreaterThan(0);
    for (const a of held) expect(a.operator).toBe(before.get(opKey(a.order, a.operation))!.operator);
    expect(modelCheck(r.plan, r.scenario).ok).toBe(true);
  });
});
