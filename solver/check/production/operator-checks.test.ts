import { describe, expect, it } from 'vitest';
import type { PlannedOperation, ProductionPlan, ProductionProblem } from '../../production/problem.js';
import { checkProductionPlan } from './check-production-plan.js';

// Two machines, welder W1 (off [500, 1000)) and painter W2; A/weld holds its operator for the whole
// operation, B/weld for its setup only (setup 50 from nothing set up).
const problem: ProductionProblem = {
  name: 'crew',
  now: 0,
  horizon: 5000,
  machines: [
    { id: 'M1', stations: 1, mayPause: true },
    { id: 'M2', stations: 1, mayPause: true, setup: [[0]], initialSetup: [50] },
  ],
  jobs: [
    {
      id: 'A',
      release: 0,
      weight: 1,
      priority: 5,
      operations: [{ id: 'weld', alternatives: [{ machine: 0, duration: 100 }], skill: 'weld' }],
    },
    {
      id: 'B',
      release: 0,
      weight: 1,
      priority: 5,
      operations: [
        {
          id: 'weld',
          alternatives: [{ machine: 1, duration: 100 }],
          skill: 'weld',
          operatorFor: 'setup',
          family: 0,
        },
      ],
    },
  ],
  operators: [
    { id: 'W1', skills: ['weld'], unavailable: [{ start: 500, end: 1000, kind: 'calendar' }] },
    { id: 'W2', skills: ['paint'] },
  ],
};

const a = (extra: Partial<PlannedOperation> = {}): PlannedOperation => ({
  job: 0,
  op: 0,
  machine: 0,
  station: 0,
  setupStart: 0,
  start: 0,
  end: 100,
  operator: 0,
  ...extra,
});
const b = (extra: Partial<PlannedOperation> = {}): PlannedOperation => ({
  job: 1,
  op: 0,
  machine: 1,
  station: 0,
  setupStart: 100,
  start: 150,
  end: 250,
  operator: 0,
  ...extra,
});
const planOf = (...operations: PlannedOperation[]): ProductionPlan => ({
  operations,
  makespan: Math.max(...operations.map((e) => e.end)),
});
const check = (...operations: PlannedOperation[]) => checkProductionPlan(problem, planOf(...operations));

describe('operator rules of the production checker', () => {
  it('accepts operators that are skilled, on shift and booked once at a time', () => {
    expect(check(a(), b()).violations).toEqual([]);
    // 'setup': the operator is free once B's setup ends, while B still runs.
    expect(
      check(b({ setupStart: 0, start: 50, end: 150 }), a({ setupStart: 50, start: 50, end: 150 })).violations,
    ).toEqual([]);
    // With a setup of zero length B holds no operator (the setup checker names the missing setup).
    const kinds = check(a(), b({ setupStart: 150, operator: undefined as never })).violations.map(
      (v) => v.kind,
    );
    expect(kinds).toEqual(['setup']);
  });

  it.each([
    [
      'none named',
      [a({ operator: undefined as never }), b()],
      'operatorMissing',
      /A\/weld needs an operator with skill "weld" from 0 to 100/,
    ],
    ['an unknown operator', [a({ operator: 7 }), b()], 'operatorUnknown', /A\/weld names operator index 7/],
    [
      'a missing skill',
      [a({ operator: 1 }), b()],
      'operatorSkill',
      /A\/weld needs skill "weld", which operator W2 lacks/,
    ],
    [
      'off shift',
      [a({ start: 450, setupStart: 450, end: 550 }), b()],
      'operatorShift',
      /operator W1 is off shift at 500, while M1 works on A\/weld/,
    ],
    [
      'double-booked',
      [a(), b({ setupStart: 60, start: 110, end: 210 })],
      'operatorOverlap',
      /operator W1 is double-booked: A\/weld holds them from 0 to 100 and B\/weld from 60 to 110/,
    ],
  ] as const)('names %s', (_, operations, kind, message) => {
    const result = check(...operations);
    expect(result.violations.map((v) => v.kind)).toEqual([kind]);
    expect(result.violations[0]!.message).toMatch(message);
    expect(result.violations[0]!.operations.length).toBeGreaterThan(0);
  });

  it('lists both operations of a double booking', () => {
    const v = check(a(), b({ setupStart: 60, start: 110, end: 210 })).violations[0]!;
    expect(v.operations).toEqual([
      { job: 0, op: 0 },
      { job: 1, op: 0 },
    ]);
  });
});
