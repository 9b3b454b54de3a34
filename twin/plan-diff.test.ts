import { describe, expect, it } from 'vitest';
import { createPlan } from './plan-lifecycle.js';
import { diffPlans } from './plan-diff.js';
import type { Assignment } from './schema/plan.js';

const plan = (id: string, epochMs: number, assignments: Partial<Assignment>[]) =>
  createPlan({
    id: id as never,
    trigger: { kind: 'api' },
    createdAtMs: 0,
    epochMs,
    seed: 1,
    inputHash: 'h',
    engine: 'test',
    assignments: assignments.map(
      (a) => ({ order: 'O', operation: 'op', machine: 'M1', startS: 0, endS: 1, ...a }) as Assignment,
    ),
  });

describe('diffPlans', () => {
  it('classifies each operation as unchanged, moved, on another machine, added or removed', () => {
    const a = plan('P1', 0, [
      { order: 'A' as never, startS: 100 },
      { order: 'B' as never, startS: 200 },
      { order: 'C' as never, startS: 300 },
      { order: 'D' as never, startS: 400 },
    ]);
    // b's epoch is 60 s later: A at 40 in b is the same wall time as 100 in a.
    const b = plan('P2', 60_000, [
      { order: 'A' as never, startS: 40 },
      { order: 'B' as never, startS: 500 },
      { order: 'C' as never, startS: 240, machine: 'M2' as never },
      { order: 'E' as never, startS: 10 },
    ]);
    const d = diffPlans(a, b);
    expect([d.unchanged, d.moved, d.machineChanged, d.added, d.removed]).toEqual([1, 1, 1, 1, 1]);
    expect(d.changes.find((c) => c.kind === 'moved')).toMatchObject({
      order: 'B',
      from: { startS: 140 },
      to: { startS: 500 },
    });
    expect(d.changes.find((c) => c.kind === 'removed')?.order).toBe('D');
  });
});
