import { describe, expect, it } from 'vitest';
import { TwinError } from '../../twin/errors.js';
import { checkProductionPlan } from '../check/production/check-production-plan.js';
import { compileProduction } from './compiled.js';
import { construct } from './construct.js';
import { Decoder, Schedule } from './decode.js';
import { findInfeasibilities } from './infeasibility.js';
import { LocalSearch } from './local-search.js';
import { DEFAULT_OBJECTIVE } from './objectives.js';
import { OperatorTimeline } from './operator-timeline.js';
import type {
  PlannedOperation,
  ProductionJob,
  ProductionOperation,
  ProductionOperator,
  ProductionProblem,
} from './problem.js';
import { planOfSchedule, solveProduction } from './solve.js';

// Operators as a second resource, on tiny problems; every plan goes through the independent checker.
const machines = (count: number) =>
  Array.from({ length: count }, (_, k) => ({ id: `M${k + 1}`, stations: 1, mayPause: true }));
const job = (id: string, operations: ProductionOperation[], due?: number): ProductionJob => ({
  id,
  release: 0,
  weight: 1,
  priority: 5,
  operations,
  ...(due !== undefined && { due }),
});
const op = (m: number, duration: number, extra: Partial<ProductionOperation> = {}): ProductionOperation => ({
  id: `op${m}`,
  alternatives: [{ machine: m, duration }],
  skill: 'weld',
  ...extra,
});
const operator = (id: string, skills: string[], closed: [number, number][] = []): ProductionOperator => ({
  id,
  skills,
  ...(closed.length > 0 && {
    unavailable: closed.map(([start, end]) => ({ start, end, kind: 'calendar' as const })),
  }),
});
const problemOf = (
  jobs: ProductionJob[],
  operators: ProductionOperator[],
  extra: Partial<ProductionProblem> = {},
): ProductionProblem => ({
  name: 'crew',
  now: 0,
  horizon: 10_000,
  machines: machines(3),
  jobs,
  operators,
  ...extra,
});

function solve(problem: ProductionProblem, seed = 1) {
  const result = solveProduction(problem, { seed, maxIterations: 300 });
  expect(checkProductionPlan(problem, result.plan).violations).toEqual([]);
  return result;
}
const at = (ops: PlannedOperation[], j: number, o = 0) => ops.find((e) => e.job === j && e.op === o)!;

describe('operators as a second resource', () => {
  it('serialises two operations on different machines that need the only skilled operator', () => {
    const problem = problemOf(
      [job('A', [op(0, 100)], 100), job('B', [op(1, 100)], 100)],
      [operator('welder', ['weld']), operator('painter', ['paint'])],
    );
    const { plan } = solve(problem);
    const [a, b] = [at(plan.operations, 0), at(plan.operations, 1)];
    expect(a.operator).toBe(0);
    expect(b.operator).toBe(0);
    const [first, second] = a.start < b.start ? [a, b] : [b, a];
    expect(second.start).toBeGreaterThanOrEqual(first.end);
    expect(plan.makespan).toBe(200);
  });

  it('takes a second skilled operator rather than waiting, the one with fewer skills first', () => {
    const problem = problemOf(
      [job('A', [op(0, 100)]), job('B', [op(1, 100)])],
      [operator('all-rounder', ['weld', 'paint']), operator('welder', ['weld'])],
    );
    const { plan } = solve(problem);
    expect(plan.makespan).toBe(100);
    expect(new Set(plan.operations.map((e) => e.operator))).toEqual(new Set([0, 1]));
    // Each alone would go to the operator with fewer skills.
    const alone = solve(problemOf([job('A', [op(0, 100)])], problem.operators!));
    expect(alone.plan.operations[0]!.operator).toBe(1);
  });

  it("holds the operator only during the setup with operatorFor 'setup'", () => {
    const setupMachine = (id: string) => ({
      id,
      stations: 1,
      mayPause: true,
      setup: [[0]],
      initialSetup: [50],
    });
    const jobs = [
      job('A', [op(0, 1000, { family: 0, operatorFor: 'setup' })]),
      job('B', [op(1, 1000, { family: 0, operatorFor: 'setup' })]),
    ];
    const problem = problemOf(jobs, [operator('setter', ['weld'])], {
      machines: [setupMachine('M1'), setupMachine('M2')],
    });
    const { plan } = solve(problem);
    const [a, b] = [at(plan.operations, 0), at(plan.operations, 1)];
    const [first, second] = a.setupStart < b.setupStart ? [a, b] : [b, a];
    expect(first.start - first.setupStart).toBe(50);
    // The second setup starts when the first one ends, long before the first operation's work ends.
    expect(second.setupStart).toBe(first.start);
    expect(plan.makespan).toBe(1100);
    // Held for the whole operation, the two would run one after the other.
    const whole = problemOf(
      jobs.map((j) => ({
        ...j,
        operations: j.operations.map((o) => ({ ...o, operatorFor: 'whole' as const })),
      })),
      problem.operators!,
      { machines: problem.machines },
    );
    expect(solve(whole).plan.makespan).toBe(2100);
  });

  it("moves the segment to the operator's next shift when it would run past the shift's end", () => {
    // On shift [0, 500) and [1000, 10000); the machine is open throughout.
    const problem = problemOf(
      [job('A', [op(0, 300)], 100), job('B', [op(1, 300)], 100)],
      [operator('welder', ['weld'], [[500, 1000]])],
    );
    const { plan } = solve(problem);
    const ends = plan.operations.map((e) => [e.start, e.end]).sort((x, y) => x[0]! - y[0]!);
    expect(ends).toEqual([
      [0, 300],
      [1000, 1300],
    ]);
  });

  it("pauses with the operator over a break both take, but does not work on over the operator's own break", () => {
    // The machine closes [100, 200) and the operator too: the work pauses over it.
    const shared = problemOf([job('A', [op(0, 150)])], [operator('welder', ['weld'], [[100, 200]])], {
      machines: [
        { id: 'M1', stations: 1, mayPause: true, unavailable: [{ start: 100, end: 200, kind: 'calendar' }] },
      ],
    });
    const a = solve(shared).plan.operations[0]!;
    expect([a.start, a.end]).toEqual([0, 250]);
    // Only the operator is off [100, 200): the operation waits until it is back.
    const own = problemOf([job('A', [op(0, 150)])], shared.operators!, { machines: machines(1) });
    const b = solve(own).plan.operations[0]!;
    expect([b.start, b.end]).toEqual([200, 350]);
  });

  it('keeps the operator a pin names, and books it against free operations', () => {
    const pinned = op(0, 100, {
      pin: { machine: 0, station: 0, start: 0, end: 100, reason: 'running', operator: 1 },
    });
    const problem = problemOf(
      [job('A', [pinned]), job('B', [op(1, 100)])],
      [operator('w1', ['weld']), operator('w2', ['weld'])],
    );
    const { plan } = solve(problem);
    expect(at(plan.operations, 0).operator).toBe(1);
    expect(at(plan.operations, 1)).toMatchObject({ operator: 0, start: 0 });
  });

  it('names an operation needing a skill nobody has, or whose operators never work', () => {
    const nobody = problemOf([job('A', [op(0, 10, { skill: 'paint' })])], [operator('w', ['weld'])]);
    expect(findInfeasibilities(nobody)).toEqual([
      expect.objectContaining({ kind: 'noOperator', job: 'A', operation: 'op0', skill: 'paint' }),
    ]);
    expect(() => solveProduction(nobody)).toThrow(/operation "op0" needs an operator with skill "paint"/);
    const idle = problemOf([job('A', [op(0, 10)])], [operator('w', ['weld'], [[0, 10_000]])]);
    const conflicts = findInfeasibilities(idle);
    expect(conflicts.map((c) => c.kind)).toEqual(['noOperator']);
    expect(conflicts[0]!.message).toMatch(/"w" has it but never works/);
    try {
      solveProduction(idle);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TwinError);
      expect((e as TwinError).code).toBe('TWIN_E_INFEASIBLE');
    }
  });

  it('gives the same plan for the same seed, and partial re-decoding agrees with decoding from scratch', () => {
    // Six jobs of three operations competing for two operators with shifts, on three machines.
    const jobs = Array.from({ length: 6 }, (_, j) =>
      job(
        `J${j}`,
        [0, 1, 2].map((k) =>
          op((j + k) % 3, 60 + 17 * ((j * 3 + k) % 5), {
            id: `o${k}`,
            ...(k === 1 && { skill: 'paint' }),
            ...(k === 2 && { operatorFor: 'setup', family: j % 2 }),
          }),
        ),
        300 + 40 * j,
      ),
    );
    const setup = {
      setup: [
        [5, 40],
        [40, 5],
      ],
      initialSetup: [20, 20],
    };
    const problem = problemOf(
      jobs,
      [operator('a', ['weld'], [[400, 600]]), operator('b', ['weld', 'paint'], [[0, 100]])],
      { machines: machines(3).map((m) => ({ ...m, ...setup })) },
    );
    const one = solve(problem, 7);
    const two = solve(problem, 7);
    expect(two.plan).toEqual(one.plan);
    const cp = compileProduction(problem);
    const search = new LocalSearch(cp, construct(cp, { rule: 'edd' }), {
      seed: 3,
      objective: DEFAULT_OBJECTIVE,
    });
    for (let round = 0; round < 5; round++) {
      search.run(100);
      const best = search.best();
      const fresh = new Decoder(cp).decode(best.encoding, new Schedule(cp));
      expect(planOfSchedule(cp, fresh)).toEqual(planOfSchedule(cp, best.schedule));
      expect(checkProductionPlan(problem, planOfSchedule(cp, best.schedule)).ok).toBe(true);
    }
  });
});

describe('operator timeline', () => {
  it('inserts out of order, finds conflicts and undoes back to a list position', () => {
    const tl = new OperatorTimeline(1);
    tl.bookPinned(0, 0, 10);
    tl.book(0, 50, 60, 0);
    tl.book(0, 20, 30, 1);
    tl.book(0, 70, 80, 2);
    expect(tl.bookings(0)).toEqual([
      [0, 10],
      [20, 30],
      [50, 60],
      [70, 80],
    ]);
    expect(tl.conflictEnd(0, 30, 50)).toBe(-1);
    expect(tl.conflictEnd(0, 25, 55)).toBe(60);
    tl.restore(1);
    expect(tl.bookings(0)).toEqual([
      [0, 10],
      [50, 60],
    ]);
    tl.restore(0);
    expect(tl.bookings(0)).toEqual([[0, 10]]);
    // Growing past the first capacity keeps the order.
    for (let i = 0; i < 40; i++) tl.book(0, 1000 - 10 * i, 1005 - 10 * i, i);
    const list = tl.bookings(0);
    expect(list).toHaveLength(41);
    expect(list.every((b, i) => i === 0 || b[0] >= list[i - 1]![1])).toBe(true);
  });
});
