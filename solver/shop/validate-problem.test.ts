import { describe, expect, it } from 'vitest';
import type { ShopProblem } from './problem.js';
import { validateShopProblem } from './validate-problem.js';
import { ft06 } from './__fixtures__/ft06.js';

const withSetups = (): ShopProblem => ({
  name: 'setups',
  machines: [
    {
      id: 'M0',
      setup: [
        [0, 2],
        [3, 0],
      ],
      unavailable: [
        { start: 10, end: 20, kind: 'maintenance' },
        { start: 30, end: 40, kind: 'calendar' },
      ],
    },
  ],
  jobs: [
    {
      id: 'J0',
      release: 0,
      operations: [{ id: 'O0', family: 1, alternatives: [{ machine: 0, duration: 4 }] }],
    },
  ],
});

const pathsOf = (value: unknown) => {
  const result = validateShopProblem(value);
  return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('validateShopProblem', () => {
  it('accepts well-formed problems', () => {
    expect(validateShopProblem(ft06()).ok).toBe(true);
    expect(validateShopProblem(withSetups()).ok).toBe(true);
  });

  it('names a wrong field of the shape', () => {
    const problem = ft06() as unknown as { jobs: { operations: { alternatives: unknown[] }[] }[] };
    problem.jobs[1]!.operations[2]!.alternatives = [];
    expect(pathsOf(problem).join('\n')).toMatch(/jobs\[1\]\.operations\[2\]\.alternatives/);
  });

  it('names a machine index out of range', () => {
    const problem = ft06();
    problem.jobs[3]!.operations[0]!.alternatives[0]!.machine = 6;
    expect(pathsOf(problem)).toEqual([
      'jobs[3].operations[0].alternatives[0].machine: no machine 6: the problem has 6',
    ]);
  });

  it('names a setup family outside the matrix and a matrix that is not square', () => {
    const problem = withSetups();
    problem.jobs[0]!.operations[0]!.family = 2;
    problem.machines[0]!.setup![1] = [3];
    const issues = pathsOf(problem);
    expect(issues).toContain('machines[0].setup[1]: must have 2 entries (a square matrix), found 1');
    expect(issues).toContain('jobs[0].operations[0].family: no setup family 2 on machine M0: it has 2');
  });

  it('names empty, unsorted or overlapping windows', () => {
    const problem = withSetups();
    problem.machines[0]!.unavailable = [
      { start: 30, end: 40, kind: 'calendar' },
      { start: 35, end: 35, kind: 'downtime' },
    ];
    const issues = pathsOf(problem);
    expect(issues).toContain('machines[0].unavailable[1].end: must be after start 35, found 35');
    expect(issues.some((i) => i.startsWith('machines[0].unavailable[1].start: windows must be sorted'))).toBe(
      true,
    );
  });
});
