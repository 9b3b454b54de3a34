import { describe, expect, it } from 'vitest';
import type { OpenIntervals } from '../../twin/calendar-intervals.js';
import type { Plan } from '../../twin/schema/plan.js';
import { checkPlanAgainstModel } from '../../solver/check/plan-against-model.js';
import { checkProductionPlan } from '../../solver/check/production/check-production-plan.js';
import type { PlannedOperation, ProductionProblem } from '../../solver/production/problem.js';
import { solveProduction } from '../../solver/production/solve.js';
import { parseScenario } from '../parse.js';
import { modelOf, type Scenario } from '../schema.js';
import type { RescheduleEvent } from './events.js';
import { toTwinPlan } from './plan.js';
import { rescheduleProblem, rescheduleScenario } from './reschedule.js';
import { scheduleScenario } from './schedule.js';
import { scenarioToProductionProblem } from './to-problem.js';

// The two plan checkers on one tiny plant must agree about setups: the production checker (the search's own,
// on the production problem) and the model checker (on the twin plan, the semantics of the simulation). One
// lathe, always open, the demo plant's matrix: the same family again still needs 300 s, the first setup 1200 s,
// d22 → d35 1800 s; a deburring operation has no family (it needs no setup and leaves the lathe as it was).
const YAML = `
formatVersion: 2
name: Setup agreement
start: 2026-11-23T00:00:00Z
site: { id: s, name: S }
areas: [{ id: A }]
lines: [{ id: L, area: A }]
setupMatrices:
  - id: lathe
    defaultS: 2700
    sameFamilyS: 300
    initialS: 1200
    changes: [{ from: d22, to: d35, durationS: 1800 }]
machines:
  - { id: M, kind: cnc-lathe, line: L, setupMatrix: lathe, placement: { position: { x: 0, y: 0 }, footprint: { width: 1, depth: 1 } } }
  - { id: N, kind: cnc-lathe, line: L, setupMatrix: lathe, placement: { position: { x: 0, y: 0 }, footprint: { width: 1, depth: 1 } } }
products:
  - id: P35
    routing: [{ id: turn, setupFamily: d35, alternatives: [{ machine: M, per: lot, time: { kind: fixed, value: 1000 } }] }]
  - id: P22
    routing: [{ id: turn, setupFamily: d22, alternatives: [{ machine: M, per: lot, time: { kind: fixed, value: 1000 } }] }]
  - id: P2
    routing:
      - { id: turn, setupFamily: d35, alternatives: [{ machine: M, per: lot, time: { kind: fixed, value: 1000 } }] }
      - { id: finish, setupFamily: d35, alternatives: [{ machine: N, per: lot, time: { kind: fixed, value: 1000 } }] }
  - id: PX
    routing: [{ id: deburr, alternatives: [{ machine: M, per: lot, time: { kind: fixed, value: 100 } }] }]
orders: []
`;

function plant(orders: [id: string, product: string][]): Scenario {
  const parsed = parseScenario(YAML);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  return {
    ...parsed.edited,
    orders: orders.map(([id, product]) => ({ id, product, quantity: 1, release: parsed.edited.start })),
  } as Scenario;
}

/** Operation 0 of job `job` on the lathe M. */
const at = (job: number, setupStart: number, start: number, end: number): PlannedOperation => ({
  job,
  op: 0,
  machine: 0,
  station: 0,
  setupStart,
  start,
  end,
});

/** The model checker's violations of a twin plan of `scenario`. */
function modelViolations(scenario: Scenario, plan: Plan) {
  return checkPlanAgainstModel({
    model: modelOf(scenario),
    orders: scenario.orders,
    startMs: Date.parse(scenario.start),
    plan,
  }).violations;
}

/** Both checkers' violation kinds for one production plan (the model checker on its twin plan). */
function verdicts(
  scenario: Scenario,
  problem: ProductionProblem,
  open: OpenIntervals[],
  ops: PlannedOperation[],
) {
  const plan = { operations: ops, makespan: Math.max(...ops.map((e) => e.end)) };
  const twin = toTwinPlan(problem, open, plan, {
    id: 'p',
    createdAtMs: 0,
    epochMs: Date.parse(scenario.start),
    seed: 1,
    trigger: { kind: 'initial' },
  });
  return {
    production: checkProductionPlan(problem, plan).violations.map((v) => v.kind),
    model: modelViolations(scenario, twin).map((v) => v.kind),
    twin,
  };
}

describe('setups in a repair: a frozen operation after a running one', () => {
  // O1 then O2, both d35: O1 [1200, 2200) after the first setup, O2 [2500, 3500) after 300 s. At 1300 O1 runs
  // and O2 starts inside the frozen horizon: it stays, and still needs its 300 s (a change of order).
  const scenario = plant([
    ['O1', 'P35'],
    ['O2', 'P35'],
  ]);
  const base = scheduleScenario(scenario, { seed: 1, maxIterations: 20 });
  const event: RescheduleEvent = {
    kind: 'dueDateChange',
    at: 1300,
    order: 'O2' as never,
    due: 2 * 86_400,
  };

  it('plans the setup from the running order to the frozen one, and both checkers accept it', () => {
    const times = base.plan.assignments.map((a) => [a.order, a.startS, a.endS, a.setupS]);
    expect(times).toEqual([
      ['O1', 1200, 2200, 1200],
      ['O2', 2500, 3500, 300],
    ]);
    const r = rescheduleScenario(scenario, base.plan, event, { seed: 1, maxIterations: 20 });
    const o2 = r.plan.assignments.findIndex((a) => a.order === 'O2');
    expect(r.plan.frozen).toContain(o2);
    expect(r.plan.assignments[o2]).toMatchObject({ startS: 2500, endS: 3500, setupS: 300 });
    expect(checkProductionPlan(r.problem, r.result.plan).violations).toEqual([]);
    expect(modelViolations(r.scenario, r.plan)).toEqual([]);
  });

  it('both refuse the frozen operation without its setup', () => {
    const { problem, open, scenarioAfter } = rescheduleProblem(scenario, base.plan, event);
    expect(problem.jobs.map((j) => j.operations[0]!.pin?.reason)).toEqual(['running', 'frozen']);
    const ops = [at(0, 1200, 1200, 2200), at(1, 2500, 2500, 3500)];
    const without = verdicts(scenarioAfter, problem, open, ops);
    expect(without.production).toEqual(['setup']);
    expect(without.model).toEqual(['setup']);
    ops[1] = { ...ops[1]!, setupStart: 2200 };
    expect(verdicts(scenarioAfter, problem, open, ops)).toMatchObject({ production: [], model: [] });
  });
});

describe('setups in a repair: the lot of a frozen operation comes late', () => {
  // O1/turn [1200, 2200) on M, O1/finish on N set up from 2200, [3400, 4400). O1/turn runs 500 s late: its lot
  // reaches N at 2700, too late for the 1200 s setup before 3400, so O1/finish cannot stay where it was.
  const scenario = plant([['O1', 'P2']]);
  const base = scheduleScenario(scenario, { seed: 1, maxIterations: 20 });
  const event: RescheduleEvent = {
    kind: 'operationLate',
    at: 1300,
    order: 'O1' as never,
    operation: 'turn' as never,
    delayS: 500,
  };

  it('is not frozen, and the repair sets up once the lot is there', () => {
    expect(base.plan.assignments.map((a) => [a.startS, a.endS, a.setupS])).toEqual([
      [1200, 2200, 1200],
      [3400, 4400, 1200],
    ]);
    const r = rescheduleScenario(scenario, base.plan, event, { seed: 1, maxIterations: 20 });
    expect(r.problem.jobs[0]!.operations.map((o) => o.pin?.reason)).toEqual(['running', undefined]);
    expect(r.plan.assignments[1]).toMatchObject({ startS: 3900, endS: 4900, setupS: 1200 });
    expect(modelViolations(r.scenario, r.plan)).toEqual([]);
  });
});

describe('setups after an operation without a family', () => {
  // A, the family-less X, then B: the lathe is still set up for A's family when B comes.
  const scenario = plant([
    ['A', 'P35'],
    ['X', 'PX'],
    ['B', 'P35'],
    ['C', 'P22'],
  ]);
  const { problem, open } = scenarioToProductionProblem(scenario);
  it('d35, none, d35: the 300 s of the same family are enough for both', () => {
    const ops = [
      at(0, 0, 1200, 2200),
      at(1, 2200, 2200, 2300),
      at(2, 2300, 2600, 3600),
      at(3, 3600, 6300, 7300),
    ];
    expect(verdicts(scenario, problem, open, ops)).toMatchObject({ production: [], model: [] });
  });

  it('d22, none, d35: the first setup (1200 s) is not the 1800 s of the change, for both', () => {
    const ops = [
      at(3, 0, 1200, 2200),
      at(1, 2200, 2200, 2300),
      at(0, 2300, 3500, 4500),
      at(2, 4500, 4800, 5800),
    ];
    const short = verdicts(scenario, problem, open, ops);
    expect(short.production).toEqual(['setup']);
    expect(short.model).toEqual(['setup']);
    const enough = [
      at(3, 0, 1200, 2200),
      at(1, 2200, 2200, 2300),
      at(0, 2300, 4100, 5100),
      at(2, 5100, 5400, 6400),
    ];
    expect(verdicts(scenario, problem, open, enough)).toMatchObject({ production: [], model: [] });
  });

  it('the search plans what both accept', () => {
    const { plan } = solveProduction(problem, { seed: 3, maxIterations: 200 });
    expect(verdicts(scenario, problem, open, plan.operations)).toMatchObject({ production: [], model: [] });
  });
});
