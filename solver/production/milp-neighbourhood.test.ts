// A MILP neighbourhood of a production plan: a valid MilpProblem over one machine and a flexible
// alternative with the same open time, sized as asked, on the working-time axis (closed time left out); and
// the way back: MILP starts and machines written into the encoding give that sequence when decoded.
import { describe, expect, it } from 'vitest';
import { FastRandom } from '../heuristics/fast-random.js';
import { validateMilpProblem } from '../milp/problem.js';
import { compileProduction } from './compiled.js';
import { construct } from './construct.js';
import { Decoder, isValidOrder, Schedule } from './decode.js';
import { chooseMilpNeighbourhood, encodingWith } from './milp-neighbourhood.js';
import { DEFAULT_OBJECTIVE } from './objectives.js';
import type { ProductionProblem } from './problem.js';

// Both machines close 100–200 every time: work pauses over it.
const closed = [{ start: 100, end: 200, kind: 'calendar' as const }];
const problem: ProductionProblem = {
  name: 'two flexible machines',
  now: 0,
  horizon: 5000,
  machines: ['A', 'B'].map((id) => ({ id, stations: 1, mayPause: true, unavailable: closed })),
  jobs: Array.from({ length: 10 }, (_, j) => ({
    id: `J${j}`,
    release: 0,
    due: 40 + 20 * j,
    weight: 1,
    priority: 5,
    operations: [
      {
        id: 'op',
        alternatives: [
          { machine: 0, duration: 20 + j },
          { machine: 1, duration: 25 + j },
        ],
      },
    ],
  })),
};

function decoded() {
  const cp = compileProduction(problem);
  const enc = construct(cp, { rule: 'edd' });
  const s = new Schedule(cp);
  new Decoder(cp).decode(enc, s);
  return { cp, enc, s };
}

describe('chooseMilpNeighbourhood', () => {
  it('builds a valid MILP of at most maxOps operations on both machines, in working time', () => {
    const { cp, s } = decoded();
    const hood = chooseMilpNeighbourhood(cp, s, DEFAULT_OBJECTIVE, new FastRandom(3), { maxOps: 6 })!;
    expect(hood).toBeDefined();
    expect(validateMilpProblem(hood.problem)).toEqual({ ok: true });
    expect(hood.ops.length).toBeLessThanOrEqual(6);
    expect(hood.machines.sort()).toEqual([0, 1]);
    // Every operation keeps only the alternatives on the neighbourhood's machines, with its work.
    const ops = hood.problem.shop.jobs.flatMap((j) => j.operations);
    expect(ops.length).toBe(hood.ops.length);
    // No calendar windows: closed time is not on the working-time axis.
    for (const m of hood.problem.shop.machines)
      expect((m.unavailable ?? []).every((w) => w.kind === 'downtime' && w.start === 0)).toBe(true);
    // Tardiness drives the MILP under the default objective.
    expect(hood.problem.objective?.tardiness).toBeGreaterThan(0);
  });

  it('writes MILP starts back so that the decoder runs the neighbourhood in the MILP order', () => {
    const { cp, enc, s } = decoded();
    const hood = chooseMilpNeighbourhood(cp, s, DEFAULT_OBJECTIVE, new FastRandom(5), { maxOps: 4 })!;
    const n = hood.ops.length;
    // Reverse them, all on machine 0 of the neighbourhood, 50 working seconds apart.
    const starts = Array.from({ length: n }, (_, i) => 50 * (n - 1 - i));
    const next = encodingWith(cp, enc, s, hood, starts, new Array<number>(n).fill(0));
    expect(isValidOrder(cp, next.order)).toBe(true);
    const out = new Schedule(cp);
    new Decoder(cp).decode(next, out);
    const machine = hood.machines[0]!;
    const sequence = [...hood.ops].filter(() => true).sort((a, b) => out.start[a]! - out.start[b]!);
    expect(sequence).toEqual([...hood.ops].reverse());
    for (const o of hood.ops) expect(cp.stationMachine[out.station[o]!]).toBe(machine);
  });
});
