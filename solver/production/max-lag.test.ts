import { describe, expect, it } from 'vitest';
import { TwinError } from '../../twin/errors.js';
import { checkProductionPlan } from '../check/production/check-production-plan.js';
import { compileProduction } from './compiled.js';
import { Decoder, Schedule } from './decode.js';
import { findInfeasibilities } from './infeasibility.js';
import type { ProductionJob, ProductionMachine, ProductionProblem } from './problem.js';
import { solveProduction } from './solve.js';
import { job, machine, on, tinyProblem } from './__fixtures__/tiny-problem.js';

// Maximum lags are hard: a chain of operations bound by them is placed together, its first operations
// delayed until the later ones fit; what no delay can fix is named.
const problemOf = (
  machines: ProductionMachine[],
  jobs: ProductionJob[],
  extra: Partial<ProductionProblem> = {},
) => tinyProblem(machines, jobs, { name: 'lags', horizon: 10_000, ...extra });

/** Decodes the list `order` (global operation indices) with open machine choices. */
function decode(problem: ProductionProblem, order: number[]) {
  const cp = compileProduction(problem);
  const s = new Decoder(cp).decode(
    { order: Int32Array.from(order), alt: new Int32Array(cp.n).fill(-1) },
    new Schedule(cp),
  );
  expect(s.failed).toBe(-1);
  return s;
}

function throwsInfeasible(problem: ProductionProblem): TwinError {
  try {
    solveProduction(problem, { seed: 1, maxIterations: 50 });
  } catch (e) {
    expect(e).toBeInstanceOf(TwinError);
    expect((e as TwinError).code).toBe('TWIN_E_INFEASIBLE');
    return e as TwinError;
  }
  throw new Error('expected TWIN_E_INFEASIBLE');
}

describe('maximum lags', () => {
  // X holds M2 until 50; A runs a (M1, 30 s) then b (M2, 20 s).
  const busy = (maxLag: number) =>
    problemOf(
      [machine('M1'), machine('M2')],
      [job('X', [on(1, 50)]), job('A', [on(0, 30), on(1, 20, { maxLag })])],
    );

  it('places a no-wait chain without a gap', () => {
    const s = decode(busy(0), [0, 1, 2]);
    expect([s.start[1], s.end[1], s.start[2], s.end[2]]).toEqual([20, 50, 50, 70]);
    const { plan } = solveProduction(busy(0), { seed: 1, maxIterations: 200 });
    const [a, b] = [1, 2].map((o) => plan.operations[o]!);
    expect(b!.start).toBe(a!.end);
    expect(checkProductionPlan(busy(0), plan).violations).toEqual([]);
  });

  it('delays the predecessor when the successor’s machine is busy', () => {
    const s = decode(busy(5), [0, 1, 2]);
    expect([s.start[1], s.end[1], s.start[2]]).toEqual([15, 45, 50]);
    // Without the lag the predecessor starts at once and waits 20 s.
    const loose = decode(busy(Number.MAX_VALUE), [0, 1, 2]);
    expect([loose.start[1], loose.start[2]]).toEqual([0, 50]);
  });

  it('closes the gaps of a longer chain from the back, across a calendar break', () => {
    // c on M3 must wait for X until 100; b follows a at once and c follows b at once; M1 closes [60, 70).
    const p = problemOf(
      [
        machine('M1', { unavailable: [{ start: 60, end: 70, kind: 'calendar' }] }),
        machine('M2'),
        machine('M3'),
      ],
      [job('X', [on(2, 100)]), job('A', [on(0, 10), on(1, 10, { maxLag: 0 }), on(2, 10, { maxLag: 0 })])],
    );
    const s = decode(p, [0, 1, 2, 3]);
    expect([s.start[1], s.end[1], s.start[2], s.end[2], s.start[3]]).toEqual([80, 90, 90, 100, 100]);
    const { plan } = solveProduction(p, { seed: 2, maxIterations: 200 });
    expect(checkProductionPlan(p, plan).violations).toEqual([]);
  });

  it('names a maximum lag below the minimum lag', () => {
    const p = problemOf(
      [machine('M1'), machine('M2')],
      [job('A', [on(0, 10), on(1, 10, { minLag: 60, maxLag: 30 })])],
    );
    expect(findInfeasibilities(p)).toEqual([
      expect.objectContaining({ kind: 'lagConflict', job: 'A', operation: 'op1' }),
    ]);
    expect(throwsInfeasible(p).message).toMatch(/at least 60 s but at most 30 s after "op0"/);
  });

  it('names a maximum lag shorter than the transport', () => {
    const p = problemOf([machine('M1'), machine('M2')], [job('A', [on(0, 10), on(1, 10, { maxLag: 30 })])], {
      transport: [
        [0, 45],
        [45, 0],
      ],
    });
    const conflicts = findInfeasibilities(p);
    expect(conflicts).toEqual([expect.objectContaining({ kind: 'maxLagTooShort', machine: 'M2' })]);
    expect(conflicts[0]!.message).toMatch(/within 30 s .* takes at least 45 s/);
  });

  it('names a lag after a pinned operation that no place can meet', () => {
    // The running operation ends at 100; its successor must start by 110, but M2 is closed until 500.
    const p = problemOf(
      [machine('M1'), machine('M2', { unavailable: [{ start: 0, end: 500, kind: 'maintenance' }] })],
      [
        job('A', [
          on(0, 100, { pin: { machine: 0, station: 0, start: 0, end: 100, reason: 'running' } }),
          on(1, 10, { maxLag: 10 }),
        ]),
      ],
    );
    expect(findInfeasibilities(p)).toEqual([]);
    const e = throwsInfeasible(p);
    expect(e.details).toMatchObject({ conflicts: [{ kind: 'maxLag', job: 'A', operation: 'op1' }] });
    expect(e.message).toMatch(/within 10 s of the end of "op0" \(pinned, running, ending at 100 s\)/);
  });

  it('places an operation bound to a pinned predecessor before the rest of the list', () => {
    // Y's long operation is listed first, but B must follow its running predecessor within 5 s on M2.
    const p = problemOf(
      [machine('M1'), machine('M2')],
      [
        job('B', [
          on(0, 20, { pin: { machine: 0, station: 0, start: 0, end: 20, reason: 'running' } }),
          on(1, 10, { maxLag: 5 }),
        ]),
        job('Y', [on(1, 100)]),
      ],
    );
    const s = decode(p, [2, 1]);
    expect([s.start[1], s.start[2]]).toEqual([20, 30]);
  });
});
