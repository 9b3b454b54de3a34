import { describe, expect, it } from 'vitest';
import {
  setupTime,
  type ScheduledOperation,
  type ShopJob,
  type ShopMachine,
  type ShopPlan,
  type ShopProblem,
} from '../shop/problem.js';
import { checkPlan, MAX_VIOLATIONS, type CheckResult, type ViolationKind } from './check-plan.js';

// Three machines, three jobs of two operations each:
// M1 has setup families (0 and 1) with an initial setup and a calendar window [11, 11.5);
// M2 has a maintenance window [10, 12); J1/O2 may run on M2 (4) or M3 (6); J2 is released at 2.
const problem: ShopProblem = {
  name: 'tiny',
  machines: [
    {
      id: 'M1',
      setup: [
        [0, 2],
        [3, 0],
      ],
      initialSetup: [1, 1],
      unavailable: [{ start: 11, end: 11.5, kind: 'calendar' }],
    },
    { id: 'M2', unavailable: [{ start: 10, end: 12, kind: 'maintenance' }] },
    { id: 'M3' },
  ],
  jobs: [
    {
      id: 'J1',
      release: 0,
      operations: [
        { id: 'O1', alternatives: [{ machine: 0, duration: 3 }], family: 0 },
        {
          id: 'O2',
          alternatives: [
            { machine: 1, duration: 4 },
            { machine: 2, duration: 6 },
          ],
        },
      ],
    },
    {
      id: 'J2',
      release: 2,
      operations: [
        { id: 'O1', alternatives: [{ machine: 1, duration: 3 }] },
        { id: 'O2', alternatives: [{ machine: 0, duration: 2 }], family: 1 },
      ],
    },
    {
      id: 'J3',
      release: 0,
      operations: [
        { id: 'O1', alternatives: [{ machine: 2, duration: 2 }] },
        { id: 'O2', alternatives: [{ machine: 0, duration: 2 }], family: 0 },
      ],
    },
  ],
};

const J1O1 = { job: 0, op: 0 };
const J1O2 = { job: 0, op: 1 };
const J2O1 = { job: 1, op: 0 };
const J2O2 = { job: 1, op: 1 };
const J3O1 = { job: 2, op: 0 };
const J3O2 = { job: 2, op: 1 };

// M1: J1/O1 [1,4) after its initial setup of 1, J3/O2 [4,6) (same family), J2/O2 [9,11) after the setup of 2
// from family 0 to 1 (done in [7,9)). M2: J2/O1 [2,5), J1/O2 [5,9). M3: J3/O1 [0,2).
const validOperations: ScheduledOperation[] = [
  { ...J1O1, machine: 0, start: 1, end: 4 },
  { ...J1O2, machine: 1, start: 5, end: 9 },
  { ...J2O1, machine: 1, start: 2, end: 5 },
  { ...J2O2, machine: 0, start: 9, end: 11 },
  { ...J3O1, machine: 2, start: 0, end: 2 },
  { ...J3O2, machine: 0, start: 4, end: 6 },
];

function planOf(operations: ScheduledOperation[]): ShopPlan {
  const ends = operations.map((s) => s.end).filter(Number.isFinite);
  return { operations, makespan: ends.length ? Math.max(...ends) : 0 };
}

const valid = planOf(validOperations);

/** The valid plan with one operation changed (makespan recomputed). */
function changed(job: number, op: number, patch: Partial<ScheduledOperation>): ShopPlan {
  return planOf(validOperations.map((s) => (s.job === job && s.op === op ? { ...s, ...patch } : s)));
}

function expectOnly(
  result: CheckResult,
  kind: ViolationKind,
  operations: Array<{ job: number; op: number }>,
  ...names: string[]
): void {
  expect(result.ok).toBe(false);
  expect(result.violations.map((v) => v.kind)).toEqual([kind]);
  const v = result.violations[0]!;
  expect(v.operations).toEqual(operations);
  for (const name of names) expect(v.message).toContain(name);
}

describe('checkPlan on a hand-made problem', () => {
  it('accepts the valid plan', () => {
    expect(checkPlan(problem, valid)).toEqual({ ok: true, violations: [] });
  });

  it('accepts the valid plan in any entry order', () => {
    expect(checkPlan(problem, planOf([...validOperations].reverse())).ok).toBe(true);
  });

  it('accepts the other alternative of a flexible operation', () => {
    expect(checkPlan(problem, changed(0, 1, { machine: 2, start: 5, end: 11 })).ok).toBe(true);
  });

  it('missing: an operation not in the plan', () => {
    const plan = planOf(validOperations.filter((s) => !(s.job === 2 && s.op === 0)));
    expectOnly(checkPlan(problem, plan), 'missing', [J3O1], 'J3/O1');
  });

  it('duplicate: an operation twice in the plan', () => {
    const plan = planOf([...validOperations, { ...J3O1, machine: 2, start: 20, end: 22 }]);
    expectOnly(checkPlan(problem, plan), 'duplicate', [J3O1], 'J3/O1', '2 times');
  });

  it('unknown: job, operation and machine indices that do not exist', () => {
    const job = planOf([...validOperations, { job: 5, op: 0, machine: 0, start: 0, end: 1 }]);
    expectOnly(checkPlan(problem, job), 'unknown', [{ job: 5, op: 0 }], 'job index 5');
    const op = planOf([...validOperations, { job: 0, op: 7, machine: 0, start: 0, end: 1 }]);
    expectOnly(checkPlan(problem, op), 'unknown', [{ job: 0, op: 7 }], 'operation index 7', 'J1');
    expectOnly(
      checkPlan(problem, changed(2, 0, { machine: 9 })),
      'unknown',
      [J3O1],
      'J3/O1',
      'machine index 9',
    );
  });

  it('ineligible: a machine that is not one of the alternatives', () => {
    const result = checkPlan(problem, changed(2, 0, { machine: 1 }));
    expectOnly(result, 'ineligible', [J3O1], 'J3/O1', 'M2', 'M3');
    expect(result.violations[0]!.machine).toBe(1);
  });

  it('duration: end - start differs from the duration of the chosen alternative', () => {
    expectOnly(checkPlan(problem, changed(2, 0, { end: 3 })), 'duration', [J3O1], 'J3/O1', 'M3', 'lasts 3');
    // J1/O2 takes 4 on M2 but 6 on M3.
    const flexible = checkPlan(problem, changed(0, 1, { machine: 2, start: 5, end: 9 }));
    expectOnly(flexible, 'duration', [J1O2], 'J1/O2', 'M3', 'takes 6');
  });

  it('duration: times not finite, or end before start', () => {
    expectOnly(checkPlan(problem, changed(2, 0, { start: NaN })), 'duration', [J3O1], 'J3/O1', 'finite');
    const backwards = checkPlan(problem, changed(2, 0, { start: 2, end: 0 }));
    expectOnly(backwards, 'duration', [J3O1], 'J3/O1', 'before it starts');
  });

  it('precedence: an operation starts before the one before it in the route ends', () => {
    const result = checkPlan(problem, changed(2, 0, { start: 3, end: 5 }));
    expectOnly(result, 'precedence', [J3O1, J3O2], 'J3/O2 on M1 starts at 4 before J3/O1 ends at 5');
  });

  it('overlap: two operations on one machine', () => {
    const result = checkPlan(problem, changed(2, 1, { start: 3, end: 5 }));
    expectOnly(result, 'overlap', [J1O1, J3O2], 'J1/O1', 'J3/O2', 'M1');
    expect(result.violations[0]!.machine).toBe(0);
  });

  it('overlap: a gap shorter than the setup between the families', () => {
    const result = checkPlan(problem, changed(1, 1, { start: 7, end: 9 }));
    expectOnly(result, 'overlap', [J3O2, J2O2], 'J2/O2', 'J3/O2', 'M1', 'setup', 'at 8 at the earliest');
  });

  it('overlap: the first operation on a machine starts before its initial setup is done', () => {
    const result = checkPlan(problem, changed(0, 0, { start: 0, end: 3 }));
    expectOnly(result, 'overlap', [J1O1], 'J1/O1', 'M1', 'initial setup');
  });

  it('unavailable: an operation runs into a window', () => {
    const result = checkPlan(problem, changed(0, 1, { start: 8, end: 12 }));
    expectOnly(result, 'unavailable', [J1O2], 'J1/O2', 'M2', 'maintenance');
    expect(result.violations[0]!.machine).toBe(1);
  });

  it('unavailable: the setup before an operation runs into a window', () => {
    // J2/O2 at [12.5, 14.5): its setup [10.5, 12.5) crosses the calendar window [11, 11.5).
    const result = checkPlan(problem, changed(1, 1, { start: 12.5, end: 14.5 }));
    expectOnly(result, 'unavailable', [J2O2], 'J2/O2', 'M1', 'setup', 'calendar');
  });

  it('release: the first operation starts before the job is released', () => {
    const result = checkPlan(problem, changed(1, 0, { start: 1, end: 4 }));
    expectOnly(result, 'release', [J2O1], 'J2/O1', 'release of J2 at 2');
  });

  it('makespan: differs from the latest end', () => {
    const result = checkPlan(problem, { operations: validOperations, makespan: 12 });
    expectOnly(result, 'makespan', [J2O2], '12', '11', 'J2/O2');
  });

  it('reports every violation of a plan that breaks several rules', () => {
    const operations = validOperations
      .filter((s) => !(s.job === 2 && s.op === 0)) // missing J3/O1
      .map((s) => (s.job === 1 && s.op === 0 ? { ...s, start: 1, end: 4 } : s)) // release J2/O1
      .map((s) => (s.job === 0 && s.op === 1 ? { ...s, machine: 2, start: 5, end: 9 } : s)) // duration J1/O2
      .map((s) => (s.job === 2 && s.op === 1 ? { ...s, start: 3, end: 5 } : s)); // overlap J1/O1, J3/O2
    operations.push({ job: 0, op: 0, machine: 0, start: 30, end: 33 }); // duplicate J1/O1
    operations.push({ job: 9, op: 0, machine: 0, start: 0, end: 1 }); // unknown job
    operations.push({ job: 1, op: 1, machine: 2, start: 40, end: 42 }); // duplicate J2/O2
    const result = checkPlan(problem, { operations, makespan: 11 }); // makespan: entries end at 42
    expect(result.ok).toBe(false);
    const found = result.violations.map((v) => `${v.kind} ${JSON.stringify(v.operations)}`).sort();
    const expected = [
      `missing ${JSON.stringify([J3O1])}`,
      `release ${JSON.stringify([J2O1])}`,
      `duration ${JSON.stringify([J1O2])}`,
      `overlap ${JSON.stringify([J1O1, J3O2])}`,
      `duplicate ${JSON.stringify([J1O1])}`,
      `duplicate ${JSON.stringify([J2O2])}`,
      `unknown ${JSON.stringify([{ job: 9, op: 0 }])}`,
      `makespan ${JSON.stringify([J2O2])}`,
    ].sort();
    expect(found).toEqual(expected);
  });
});

describe('checkPlan on machine sequences', () => {
  const oneMachine = (durations: number[], unavailable: ShopMachine['unavailable'] = []): ShopProblem => ({
    name: 'one machine',
    machines: [{ id: 'M1', unavailable }],
    jobs: durations.map((duration, j) => ({
      id: `J${j + 1}`,
      release: 0,
      operations: [{ id: 'O1', alternatives: [{ machine: 0, duration }] }],
    })),
  });
  const at = (job: number, start: number, end: number): ScheduledOperation => ({
    job,
    op: 0,
    machine: 0,
    start,
    end,
  });

  it('reports a long operation overlapping two that do not overlap each other', () => {
    const result = checkPlan(oneMachine([10, 2, 2]), planOf([at(0, 0, 10), at(1, 2, 4), at(2, 5, 7)]));
    expect(result.violations.map((v) => [v.kind, v.operations])).toEqual([
      [
        'overlap',
        [
          { job: 0, op: 0 },
          { job: 1, op: 0 },
        ],
      ],
      [
        'overlap',
        [
          { job: 0, op: 0 },
          { job: 2, op: 0 },
        ],
      ],
    ]);
    expect(result.violations[1]!.message).toContain('J1/O1');
    expect(result.violations[1]!.message).toContain('J3/O1');
  });

  it('reports all three pairs when three operations overlap', () => {
    const result = checkPlan(oneMachine([10, 6, 2]), planOf([at(0, 0, 10), at(1, 2, 8), at(2, 5, 7)]));
    const pairs = result.violations.map((v) => v.operations.map((o) => o.job).join('-')).sort();
    expect(pairs).toEqual(['0-1', '0-2', '1-2']);
    expect(result.violations.every((v) => v.kind === 'overlap')).toBe(true);
  });

  it('zero-length operations overlap nothing (not even inside another one or a window)', () => {
    const problem = oneMachine([10, 0, 0, 0], [{ start: 20, end: 30, kind: 'downtime' }]);
    const plan = planOf([at(0, 0, 10), at(1, 5, 5), at(2, 10, 10), at(3, 25, 25)]);
    expect(checkPlan(problem, plan)).toEqual({ ok: true, violations: [] });
  });

  it('touching operations and windows are fine, and tiny float errors are tolerated', () => {
    const problem = oneMachine([0.1, 0.2, 0.3], [{ start: 0.3, end: 1, kind: 'calendar' }]);
    const plan = planOf([at(0, 0, 0.1), at(1, 0.1, 0.1 + 0.2), at(2, 1, 1.3)]);
    expect(checkPlan(problem, plan).ok).toBe(true);
  });

  it('caps the list and says how many more there were', () => {
    const big = oneMachine(new Array<number>(MAX_VIOLATIONS + 500).fill(1));
    const result = checkPlan(big, { operations: [], makespan: 0 });
    expect(result.ok).toBe(false);
    expect(result.violations).toHaveLength(MAX_VIOLATIONS + 1);
    expect(result.omitted).toBe(500);
    expect(result.violations.at(-1)!.message).toContain('500 more');
  });
});

/** A small seeded generator (mulberry32) for the test problems. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A random flexible job shop with families, setups, windows and releases, and a list-scheduled plan. */
function randomCase(seed: number, jobCount: number, opsPerJob: number, machineCount: number) {
  const random = rng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const families = 3;
  const machines: ShopMachine[] = Array.from({ length: machineCount }, (_, m) => {
    const windows: NonNullable<ShopMachine['unavailable']> = [];
    for (let s = 50 + int(50); windows.length < 200; s += 100 + int(300)) {
      windows.push({ start: s, end: s + 5 + int(20), kind: 'maintenance' });
    }
    return {
      id: `M${m + 1}`,
      unavailable: windows,
      setup: Array.from({ length: families }, (_, f) =>
        Array.from({ length: families }, (_, g) => (f === g ? 0 : 1 + int(5) + 0.25)),
      ),
      initialSetup: Array.from({ length: families }, () => int(3)),
    };
  });
  const jobs: ShopJob[] = Array.from({ length: jobCount }, (_, j) => ({
    id: `J${j + 1}`,
    release: int(100),
    operations: Array.from({ length: opsPerJob }, (_, k) => {
      const first = int(machineCount);
      const alternatives = [{ machine: first, duration: int(10) === 0 ? 0 : 1 + int(20) + 0.1 * int(10) }];
      if (random() < 0.3) alternatives.push({ machine: (first + 1) % machineCount, duration: 1 + int(20) });
      return { id: `O${k + 1}`, alternatives, family: int(families) };
    }),
  }));
  const problem: ShopProblem = { name: `random-${seed}`, machines, jobs };

  // List scheduler: operations in route rounds, each appended at the end of its machine's sequence.
  const free = new Array<number>(machineCount).fill(0);
  const lastFamily = new Array<number | undefined>(machineCount).fill(undefined);
  const ready = jobs.map((job) => job.release);
  const operations: ScheduledOperation[] = [];
  for (let k = 0; k < opsPerJob; k++) {
    for (let j = 0; j < jobCount; j++) {
      const operation = jobs[j]!.operations[k]!;
      const { machine: m, duration } = operation.alternatives[int(operation.alternatives.length)]!;
      const machine = machines[m]!;
      const setup = setupTime(machine, lastFamily[m], operation.family);
      let start = Math.max(ready[j]!, free[m]! + setup);
      for (const w of machine.unavailable ?? []) {
        const lo = start - setup;
        const hi = start + duration;
        if (lo < hi && lo < w.end && w.start < hi) start = w.end + setup;
      }
      const end = start + duration;
      operations.push({ job: j, op: k, machine: m, start, end });
      free[m] = end;
      lastFamily[m] = operation.family;
      ready[j] = end;
    }
  }
  return { problem, plan: planOf(operations), random };
}

describe('checkPlan on large random plans', () => {
  it('accepts a list-scheduled plan of 200 jobs x 10 operations, in any entry order', () => {
    const { problem, plan, random } = randomCase(1, 200, 10, 8);
    expect(checkPlan(problem, plan)).toEqual({ ok: true, violations: [] });
    const shuffled = [...plan.operations];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const k = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[k]] = [shuffled[k]!, shuffled[i]!];
    }
    expect(checkPlan(problem, { ...plan, operations: shuffled }).ok).toBe(true);
  });

  it('catches a single shifted operation in a large plan', () => {
    const { problem, plan } = randomCase(2, 200, 10, 8);
    const operations = plan.operations.map((s) => ({ ...s }));
    const victim = operations.find((s) => s.op === 5 && s.end > s.start)!;
    victim.start -= 1000;
    victim.end -= 1000;
    const result = checkPlan(problem, { ...plan, operations });
    expect(result.ok).toBe(false);
    const precedence = result.violations.filter((v) => v.kind === 'precedence');
    expect(precedence.map((v) => v.operations)).toEqual([
      [
        { job: victim.job, op: 4 },
        { job: victim.job, op: 5 },
      ],
    ]);
  });

  it('checks 100,000 operations in well under a second', () => {
    const { problem, plan } = randomCase(3, 1000, 100, 20);
    expect(plan.operations).toHaveLength(100_000);
    checkPlan(problem, plan); // warm-up
    const started = performance.now();
    const result = checkPlan(problem, plan);
    const elapsed = performance.now() - started;
    expect(result.ok).toBe(true);
    // Generous bound against a loaded machine; an O(n^2) checker would take minutes.
    expect(elapsed).toBeLessThan(2000);
  });
});
