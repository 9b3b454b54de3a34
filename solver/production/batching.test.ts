import { describe, expect, it } from 'vitest';
import { checkProductionPlan } from '../check/production/check-production-plan.js';
import { compileProduction } from './compiled.js';
import { Decoder, Schedule } from './decode.js';
import type {
  PlannedOperation,
  ProductionJob,
  ProductionMachine,
  ProductionOperation,
  ProductionProblem,
} from './problem.js';
import { solveProduction } from './solve.js';
import { job, tinyProblem } from './__fixtures__/tiny-problem.js';

// Batches on a furnace: lots of one batch family share a cycle; the plan says so with one `batch` per group,
// and the independent checker accepts it.
const furnace = (maxUnits: number, extra: Partial<ProductionMachine> = {}): ProductionMachine => ({
  id: 'OV',
  stations: 1,
  mayPause: false,
  batch: { maxUnits },
  ...extra,
});
const lathe: ProductionMachine = { id: 'L', stations: 1, mayPause: true };
const heatOp = (duration: number, extra: Partial<ProductionOperation> = {}): ProductionOperation => ({
  id: 'heat',
  alternatives: [{ machine: 0, duration }],
  batchFamily: 0,
  units: 10,
  ...extra,
});
const problemOf = (machines: ProductionMachine[], jobs: ProductionJob[]) =>
  tinyProblem(machines, jobs, { name: 'batches', horizon: 100_000 });

function solve(problem: ProductionProblem, maxIterations = 300) {
  const result = solveProduction(problem, { seed: 3, maxIterations });
  expect(checkProductionPlan(problem, result.plan).violations).toEqual([]);
  return result;
}
const heatOf = (ops: PlannedOperation[], job: number, op = 0) =>
  ops.find((e) => e.job === job && e.op === op)!;

const heat = heatOp;

describe('batches on batch machines', () => {
  it('runs lots of one family in one furnace cycle', () => {
    const p = problemOf(
      [furnace(100)],
      [job('A', [heat(600)]), job('B', [heat(600)]), job('C', [heat(600)])],
    );
    const { plan } = solve(p);
    const [a, b, c] = [0, 1, 2].map((j) => heatOf(plan.operations, j));
    expect(a!.batch).toBeDefined();
    expect(b!.batch).toBe(a!.batch);
    expect(c!.batch).toBe(a!.batch);
    expect([a!.start, a!.end, b!.start, c!.end]).toEqual([0, 600, 0, 600]);
    expect(plan.makespan).toBe(600);
  });

  it('keeps another batch family out of the cycle', () => {
    const p = problemOf(
      [furnace(100)],
      [job('A', [heat(600)]), job('B', [heat(600, { batchFamily: 1 })]), job('C', [heat(600)])],
    );
    const { plan } = solve(p);
    const [a, b, c] = [0, 1, 2].map((j) => heatOf(plan.operations, j)!);
    expect(c!.batch).toBe(a!.batch);
    expect(b!.batch).not.toBe(a!.batch);
    expect(b!.start === a!.end || a!.start === b!.end).toBe(true);
    expect(plan.makespan).toBe(1200);
  });

  it('runs an operation without a batch family alone', () => {
    const p = problemOf(
      [furnace(100)],
      [job('A', [heat(600)]), job('B', [heat(600, { batchFamily: undefined })])],
    );
    const { plan } = solve(p);
    expect(heatOf(plan.operations, 0).batch).not.toBe(heatOf(plan.operations, 1).batch);
    expect(plan.makespan).toBe(1200);
  });

  it('fills a cycle up to maxUnits and no further', () => {
    const jobs = ['A', 'B', 'C', 'D', 'E'].map((id) => job(id, [heat(600, { units: 40 })]));
    const { plan } = solve(problemOf([furnace(100)], jobs));
    const sizes = new Map<number, number>();
    for (const e of plan.operations) sizes.set(e.batch!, (sizes.get(e.batch!) ?? 0) + 40);
    expect([...sizes.values()].every((units) => units <= 100)).toBe(true);
    // 5 lots of 40 units, 2 per cycle of 100 units at most: three cycles.
    expect(sizes.size).toBe(3);
    expect(plan.makespan).toBe(1800);
  });

  it('lets a lot join only when it is there by the cycle’s setup start', () => {
    const heat = (duration: number) => ({ ...heatOp(duration), family: 0 });
    // A is ready at once and opens a cycle at 0; B reaches the furnace after 100 s on the lathe: too late.
    const p = problemOf(
      [furnace(100, { setup: [[50]], initialSetup: [50] }), lathe],
      [
        job('A', [heat(500)]),
        job('B', [{ id: 'turn', alternatives: [{ machine: 1, duration: 100 }] }, heat(500)]),
      ],
    );
    const cp = compileProduction(p);
    const s = new Decoder(cp).decode(
      { order: Int32Array.from([0, 1, 2]), alt: new Int32Array(3).fill(-1) },
      new Schedule(cp),
    );
    expect(s.groups.group[2]).not.toBe(s.groups.group[0]);
    expect([s.setupStart[0], s.start[0], s.end[0]]).toEqual([0, 50, 550]);
    expect(s.start[2]).toBeGreaterThanOrEqual(550);
    // Ready at 40 (a shorter turn), B is there before the setup ends but after it starts: still its own cycle.
    const q = {
      ...p,
      jobs: [p.jobs[0]!, job('B', [{ id: 'turn', alternatives: [{ machine: 1, duration: 40 }] }, heat(500)])],
    };
    const cq = compileProduction(q);
    const t = new Decoder(cq).decode(
      { order: Int32Array.from([0, 1, 2]), alt: new Int32Array(3).fill(-1) },
      new Schedule(cq),
    );
    expect(t.groups.group[2]).not.toBe(t.groups.group[0]);
    // Ready at 0 (no turn), it joins.
    const r = problemOf([p.machines[0]!], [job('A', [heat(500)]), job('B', [heat(500)])]);
    const cr = compileProduction(r);
    const u = new Decoder(cr).decode(
      { order: Int32Array.from([0, 1]), alt: new Int32Array(2).fill(-1) },
      new Schedule(cr),
    );
    expect(u.groups.group[1]).toBe(u.groups.group[0]);
    expect([u.setupStart[1], u.start[1], u.end[1]]).toEqual([0, 50, 550]);
  });

  it('does not lengthen a cycle once a member’s successor is placed', () => {
    // A (300 s) then its successor on the lathe; B (900 s), listed after A's successor, may not join A's cycle
    // (that would move A's successor), so it runs in a cycle of its own.
    const p = problemOf(
      [furnace(100), lathe],
      [
        job('A', [heat(300), { id: 'turn', alternatives: [{ machine: 1, duration: 50 }] }]),
        job('B', [heat(900)]),
      ],
    );
    const cp = compileProduction(p);
    const s = new Schedule(cp);
    new Decoder(cp).decode({ order: Int32Array.from([0, 1, 2]), alt: new Int32Array(3).fill(-1) }, s);
    expect(s.groups.group[2]).not.toBe(s.groups.group[0]);
    expect(s.start[1]).toBe(300);
    // Listed before A's successor, B joins and the cycle takes its 900 s; the successor follows it.
    new Decoder(cp).decode({ order: Int32Array.from([0, 2, 1]), alt: new Int32Array(3).fill(-1) }, s);
    expect(s.groups.group[2]).toBe(s.groups.group[0]);
    expect([s.end[0], s.end[2], s.start[1]]).toEqual([900, 900, 900]);
  });

  it('re-decodes from a checkpoint exactly as from scratch, and the same seed gives the same plan', () => {
    // 70 lots (more than two checkpoints) of two families on two furnace stations, some lengthening cycles.
    const jobs = Array.from({ length: 70 }, (_, j) =>
      job(`J${j}`, [
        { id: 'turn', alternatives: [{ machine: 1, duration: 20 + (j % 7) * 5 }] },
        heat(400 + (j % 3) * 100, { batchFamily: j % 2, units: 10 + (j % 4) * 10 }),
      ]),
    );
    const p = problemOf([furnace(60, { stations: 2 }), { ...lathe, stations: 2 }], jobs);
    const first = solveProduction(p, { seed: 9, maxIterations: 2000 });
    const again = solveProduction(p, { seed: 9, maxIterations: 2000 });
    expect(again.plan).toEqual(first.plan);
    expect(checkProductionPlan(p, first.plan).violations).toEqual([]);
    expect(first.plan.operations.some((e) => e.batch !== undefined && e.batch !== e.job * 2 + 1)).toBe(true);

    const cp = compileProduction(p);
    const decoder = new Decoder(cp);
    const base = decoder.decode(first.encoding, new Schedule(cp));
    // Move one furnace operation from late in the list to position 40 and decode from there.
    const order = Int32Array.from(first.encoding.order);
    const from = order.findIndex((o, i) => i > 60 && o % 2 === 1);
    const o = order[from]!;
    const to = Math.max(40, order.indexOf(o - 1) + 1);
    order.copyWithin(to + 1, to, from);
    order[to] = o;
    const enc = { order, alt: first.encoding.alt };
    const partial = decoder.decode(enc, new Schedule(cp), base, to);
    const full = decoder.decode(enc, new Schedule(cp));
    expect(Array.from(partial.end)).toEqual(Array.from(full.end));
    expect(Array.from(partial.start)).toEqual(Array.from(full.start));
    expect(Array.from(partial.groups.group)).toEqual(Array.from(full.groups.group));
  });
});
