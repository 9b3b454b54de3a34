import { describe, expect, it } from 'vitest';
import { checkProductionPlan } from '../check/production/check-production-plan.js';
import { findInfeasibilities } from './infeasibility.js';
import type { PlannedOperation, ProductionProblem } from './problem.js';
import { solveProduction } from './solve.js';
import { parseObjective } from './objectives.js';
import { job, machine, on, tinyProblem } from './__fixtures__/tiny-problem.js';

// One test per constraint family on tiny problems; every plan also goes through the independent checker.
const problemOf = tinyProblem;

function solve(problem: ProductionProblem, objective = 'tardiness') {
  const spec = parseObjective(objective);
  if (!spec.ok) throw new Error(spec.reason);
  const result = solveProduction(problem, { seed: 1, maxIterations: 300, objective: spec.spec });
  const check = checkProductionPlan(problem, result.plan);
  expect(check.violations).toEqual([]);
  return result;
}
const at = (ops: PlannedOperation[], job: number, op = 0) => ops.find((e) => e.job === job && e.op === op)!;

describe('production constraints on tiny problems', () => {
  it('inserts the setup between families', () => {
    const m = machine('M', {
      setup: [
        [0, 5],
        [5, 0],
      ],
      initialSetup: [2, 2],
    });
    const p = problemOf(
      [m],
      [job('A', [on(0, 10, { family: 0 })], { due: 12 }), job('B', [on(0, 10, { family: 1 })], { due: 100 })],
    );
    const { plan } = solve(p);
    expect(at(plan.operations, 0).start).toBe(2);
    expect(at(plan.operations, 1).start).toBe(at(plan.operations, 0).end + 5);
  });

  it('pauses over a shift break on a pausing machine, and waits for open time on another', () => {
    const breakAt = [{ start: 10, end: 20, kind: 'calendar' as const }];
    const p = problemOf(
      [machine('P', { unavailable: breakAt }), machine('N', { mayPause: false, unavailable: breakAt })],
      [job('A', [on(0, 15)]), job('B', [on(1, 15)])],
    );
    const { plan } = solve(p);
    expect(at(plan.operations, 0)).toMatchObject({ start: 0, end: 25 });
    expect(at(plan.operations, 1)).toMatchObject({ start: 20, end: 35 });
  });

  it('avoids a maintenance window, setup included', () => {
    const m = machine('N', {
      mayPause: false,
      unavailable: [{ start: 5, end: 8, kind: 'maintenance' }],
      initialSetup: [3],
    });
    const { plan } = solve(problemOf([m], [job('A', [on(0, 4, { family: 0 })])]));
    expect(at(plan.operations, 0)).toMatchObject({ setupStart: 8, start: 11, end: 15 });
  });

  it('keeps a running operation where it is and plans around it', () => {
    const pin = { machine: 0, station: 0, start: 0, end: 30, reason: 'running' as const };
    const p = problemOf([machine('M')], [job('A', [on(0, 50, { pin })]), job('B', [on(0, 5)], { due: 5 })], {
      now: 10,
    });
    const { plan } = solve(p);
    expect(at(plan.operations, 0)).toMatchObject({ start: 0, end: 30, machine: 0, station: 0 });
    expect(at(plan.operations, 1).start).toBe(30);
  });

  it('keeps a frozen operation where it was and plans the setup it still needs', () => {
    const m = machine('M', {
      setup: [
        [3, 5],
        [5, 3],
      ],
      initialSetup: [2, 2],
    });
    const running = { machine: 0, station: 0, start: 0, end: 10, reason: 'running' as const };
    const frozen = { machine: 0, station: 0, start: 15, end: 25, reason: 'frozen' as const };
    const p = problemOf(
      [m],
      [
        job('A', [on(0, 20, { family: 0, pin: running })]),
        job('B', [on(0, 10, { family: 1, pin: frozen })]),
        job('C', [on(0, 5, { family: 1 })]),
      ],
      { now: 5 },
    );
    const { plan } = solve(p);
    expect(at(plan.operations, 0)).toMatchObject({ setupStart: 0, start: 0, end: 10 });
    // From family 0 to 1 after the running operation, then the same family again.
    expect(at(plan.operations, 1)).toMatchObject({ setupStart: 10, start: 15, end: 25 });
    expect(at(plan.operations, 2)).toMatchObject({ setupStart: 25, start: 28, end: 33 });
    const without = plan.operations.map((e) => (e.job === 1 ? { ...e, setupStart: 15 } : e));
    const check = checkProductionPlan(p, { ...plan, operations: without });
    expect(check.violations.map((v) => v.kind)).toEqual(['setup']);
    expect(check.violations[0]!.message).toMatch(/B\/op0 on M has a setup of 0 s after A\/op0 but needs 5 s/);
  });

  it('lets the due dates drive the sequence', () => {
    const jobs = [
      job('A', [on(0, 10)], { due: 100 }),
      job('B', [on(0, 10)], { due: 10 }),
      job('C', [on(0, 10)], { due: 20 }),
    ];
    const { plan, values } = solve(problemOf([machine('M')], jobs));
    expect([0, 1, 2].map((j) => at(plan.operations, j).start)).toEqual([20, 0, 10]);
    expect(values.lateOrders).toBe(0);
  });

  it('keeps a minimum lag and the transport time between operations', () => {
    const lagged = job('A', [on(0, 10), { ...on(1, 5), minLag: 7 }]);
    const moved = job('B', [on(0, 10), on(1, 5)]);
    const transport = [
      [0, 4],
      [4, 0],
    ];
    const p = problemOf([machine('M0', { stations: 2 }), machine('M1', { stations: 2 })], [lagged, moved], {
      transport,
    });
    const { plan } = solve(p);
    expect(at(plan.operations, 0, 1).start).toBe(at(plan.operations, 0, 0).end + 7);
    expect(at(plan.operations, 1, 1).start).toBe(at(plan.operations, 1, 0).end + 4);
  });

  it('runs operations side by side on the stations of one machine', () => {
    const p = problemOf([machine('W', { stations: 2 })], [job('A', [on(0, 10)]), job('B', [on(0, 10)])]);
    const { plan, values } = solve(p, 'makespan');
    expect(new Set(plan.operations.map((e) => e.station))).toEqual(new Set([0, 1]));
    expect(values.makespan).toBe(10);
  });

  it('chooses among alternative machines', () => {
    const flexible = {
      id: 'op',
      alternatives: [
        { machine: 0, duration: 10 },
        { machine: 1, duration: 12 },
      ],
    };
    const p = problemOf([machine('A'), machine('B')], [job('X', [flexible]), job('Y', [flexible])]);
    const { values } = solve(p, 'makespan');
    expect(values.makespan).toBe(12);
  });

  it('gives the same plan for the same seed and iterations', () => {
    const jobs = Array.from({ length: 8 }, (_, j) =>
      job(`J${j}`, [on(j % 3, 5 + j), on((j + 1) % 3, 7 + (j % 4))], { due: 20 + 5 * j }),
    );
    const p = problemOf([machine('M0'), machine('M1'), machine('M2')], jobs);
    const a = solveProduction(p, { seed: 7, maxIterations: 500 });
    const b = solveProduction(p, { seed: 7, maxIterations: 500 });
    expect(a.plan).toEqual(b.plan);
    expect(a.iterations).toBe(500);
  });
});

describe('infeasible requests', () => {
  it('names an order whose operation has no machine, and a due date before the release', () => {
    const p = problemOf(
      [machine('M')],
      [job('SO-1', [{ id: 'turn', alternatives: [] }]), job('SO-2', [on(0, 5)], { release: 50, due: 40 })],
    );
    const conflicts = findInfeasibilities(p);
    expect(conflicts.map((c) => [c.kind, c.job, c.operation])).toEqual([
      ['noMachine', 'SO-1', 'turn'],
      ['dueBeforeRelease', 'SO-2', undefined],
    ]);
    expect(() => solveProduction(p)).toThrow(
      /SO-1.*turn.*no machine.*SO-2.*due at 40 s, before its release at 50 s/,
    );
  });

  it('names an operation that no open time can hold', () => {
    const m = machine('N', { mayPause: false, unavailable: [{ start: 10, end: 20, kind: 'calendar' }] });
    const p = problemOf([m], [job('SO-3', [on(0, 15)])], { horizon: 30 });
    expect(findInfeasibilities(p)).toMatchObject([{ kind: 'noOpenTime', job: 'SO-3', machine: 'N' }]);
  });
});

describe('the production checker', () => {
  const p = problemOf(
    [machine('M', { unavailable: [{ start: 10, end: 20, kind: 'calendar' }] }), machine('Q')],
    [
      job('A', [on(0, 15), { ...on(1, 5), minLag: 3 }]),
      job('B', [on(1, 4, { pin: { machine: 1, station: 0, start: 0, end: 4, reason: 'running' as const } })]),
    ],
  );
  const good = (): PlannedOperation[] => [
    { job: 0, op: 0, machine: 0, station: 0, setupStart: 0, start: 0, end: 25 },
    { job: 0, op: 1, machine: 1, station: 0, setupStart: 28, start: 28, end: 33 },
    { job: 1, op: 0, machine: 1, station: 0, setupStart: 0, start: 0, end: 4 },
  ];
  const check = (ops: PlannedOperation[]) =>
    checkProductionPlan(p, { operations: ops, makespan: Math.max(...ops.map((e) => e.end)) });
  const kinds = (ops: PlannedOperation[]) => check(ops).violations.map((v) => v.kind);

  it('accepts a plan that pauses over the break', () => expect(check(good()).ok).toBe(true));
  it('rejects work that does not add up in open time', () => {
    const ops = good();
    ops[0] = { ...ops[0]!, end: 15 };
    ops[1] = { ...ops[1]!, setupStart: 18, start: 18, end: 23 };
    expect(kinds(ops)).toContain('work');
  });
  it('rejects a moved pin', () => {
    const ops = good();
    ops[2] = { ...ops[2]!, setupStart: 1, start: 1, end: 5 };
    expect(kinds(ops)).toContain('pin');
  });
  it('judges a setup after an operation without a family from the family before it', () => {
    const m = machine('M', {
      setup: [
        [3, 9],
        [9, 3],
      ],
      initialSetup: [5, 5],
    });
    const fam = (f: number) => ({ family: f });
    const q = problemOf(
      [m],
      [job('A', [on(0, 10, fam(0))]), job('X', [on(0, 1)]), job('B', [on(0, 10, fam(0))])],
    );
    const ops = (setupB: number): PlannedOperation[] => [
      { job: 0, op: 0, machine: 0, station: 0, setupStart: 0, start: 5, end: 15 },
      { job: 1, op: 0, machine: 0, station: 0, setupStart: 15, start: 15, end: 16 },
      { job: 2, op: 0, machine: 0, station: 0, setupStart: 16, start: 16 + setupB, end: 26 + setupB },
    ];
    const kindsOf = (list: PlannedOperation[], problem = q) =>
      checkProductionPlan(problem, { operations: list, makespan: list[2]!.end }).violations.map(
        (v) => v.kind,
      );
    // Still set up for family 0: the 3 s of the same family, not the 5 s from nothing.
    expect(kindsOf(ops(3))).toEqual([]);
    expect(kindsOf(ops(2))).toEqual(['setup']);
    // Family 0, none, then family 1: the 9 s of the change.
    const other = problemOf(
      [m],
      [job('A', [on(0, 10, fam(0))]), job('X', [on(0, 1)]), job('B', [on(0, 10, fam(1))])],
    );
    expect(kindsOf(ops(5), other)).toEqual(['setup']);
    expect(kindsOf(ops(9), other)).toEqual([]);
  });

  it('rejects a broken lag', () => {
    const ops = good();
    ops[1] = { ...ops[1]!, setupStart: 26, start: 26, end: 31 };
    expect(kinds(ops)).toEqual(['lag']);
  });
});
