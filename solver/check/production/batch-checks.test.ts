import { describe, expect, it } from 'vitest';
import type { PlannedOperation, ProductionProblem } from '../../production/problem.js';
import { checkProductionPlan } from './check-production-plan.js';

// The production checker on batches and maximum lags: a furnace (non-pausing, 100 units) and a lathe.
const problem = (): ProductionProblem => ({
  name: 'batch checks',
  now: 0,
  horizon: 10_000,
  machines: [
    { id: 'OV', stations: 1, mayPause: false, batch: { maxUnits: 100 } },
    { id: 'L', stations: 1, mayPause: true },
  ],
  jobs: [
    { id: 'A', release: 0, weight: 1, priority: 5, operations: [heat(600, 0, 40)] },
    { id: 'B', release: 0, weight: 1, priority: 5, operations: [heat(400, 0, 40)] },
    { id: 'C', release: 0, weight: 1, priority: 5, operations: [heat(600, 1, 40)] },
    {
      id: 'D',
      release: 0,
      weight: 1,
      priority: 5,
      operations: [
        heat(600, 0, 40),
        { id: 'turn', alternatives: [{ machine: 1, duration: 50 }], maxLag: 100 },
      ],
    },
  ],
});
function heat(duration: number, batchFamily: number, units: number) {
  return { id: 'heat', alternatives: [{ machine: 0, duration }], batchFamily, units };
}
const on = (job: number, start: number, end: number, batch?: number): PlannedOperation => ({
  job,
  op: 0,
  machine: 0,
  station: 0,
  setupStart: start,
  start,
  end,
  ...(batch !== undefined && { batch }),
});
const turn = (start: number): PlannedOperation => ({
  job: 3,
  op: 1,
  machine: 1,
  station: 0,
  setupStart: start,
  start,
  end: start + 50,
});

function kinds(operations: PlannedOperation[]) {
  const makespan = Math.max(...operations.map((e) => e.end));
  return checkProductionPlan(problem(), { operations, makespan }).violations.map((v) => v.kind);
}

describe('production checker: batches and maximum lags', () => {
  it('accepts lots of one family sharing a cycle as long as the longest', () => {
    expect(
      kinds([on(0, 0, 600, 0), on(1, 0, 600, 0), on(2, 600, 1200), on(3, 1200, 1800), turn(1800)]),
    ).toEqual([]);
  });

  it('still reports two lots at once without a shared batch', () => {
    expect(
      kinds([on(0, 0, 600, 0), on(1, 0, 600, 1), on(2, 600, 1200), on(3, 1200, 1800), turn(1800)]),
    ).toContain('overlap');
  });

  it('reports a batch mixing families', () => {
    const v = kinds([on(0, 0, 600, 0), on(2, 0, 600, 0), on(1, 600, 1000), on(3, 1200, 1800), turn(1800)]);
    expect(v).toEqual(['batchFamily']);
  });

  it('reports a batch over the machine’s units', () => {
    const v = kinds([on(0, 0, 600, 0), on(1, 0, 600, 0), on(3, 0, 600, 0), on(2, 600, 1200), turn(600)]);
    expect(v).toEqual(['batchCapacity']);
  });

  it('reports members with different times, and a cycle shorter than its longest member', () => {
    expect(
      kinds([on(0, 0, 600, 0), on(1, 0, 400, 0), on(2, 600, 1200), on(3, 1200, 1800), turn(1800)]),
    ).toContain('batchTimes');
    expect(
      kinds([on(0, 0, 400, 0), on(1, 0, 400, 0), on(2, 600, 1200), on(3, 1200, 1800), turn(1800)]),
    ).toContain('duration');
  });

  it('reports a start later than the maximum lag', () => {
    const ok = [on(0, 0, 600, 0), on(1, 0, 600, 0), on(2, 600, 1200), on(3, 1200, 1800)];
    expect(kinds([...ok, turn(1900)])).toEqual([]);
    expect(kinds([...ok, turn(1901)])).toEqual(['maxLag']);
  });
});
