// One test per constraint family of the MILP model, each on a tiny case solved by glpk.js in a worker thread.
// scheduleMilp itself passes every plan through the plan checker and the lag/pin/kept checks.
import { afterAll, describe, expect, it } from 'vitest';
import { tinyShop } from '../milp/__fixtures__/tiny.js';
import { weightedTardiness } from '../milp/objective.js';
import type { MilpProblem } from '../milp/problem.js';
import type { ShopPlan } from '../shop/problem.js';
import { MilpSolver } from './milp-solve.js';
import { scheduleMilp } from './milp-schedule.js';

const solver = new MilpSolver();
afterAll(() => solver.close());

async function solve(problem: MilpProblem) {
  const r = await scheduleMilp(problem, { solver, timeLimitS: 10 });
  expect(r.status).toBe('optimal');
  return { ...r, plan: r.plan!, objective: r.objective! };
}

const at = (plan: ShopPlan, job: number, op = 0) =>
  plan.operations.find((s) => s.job === job && s.op === op)!;

describe('MILP constraint families (glpk.js)', () => {
  it('sequencing with setups: a setup is inserted between families, none within a family', async () => {
    const setup = [
      [0, 5],
      [4, 0],
    ];
    const mixed = await solve({
      shop: tinyShop(
        [{ ops: [{ on: { 0: 3 }, family: 0 }] }, { ops: [{ on: { 0: 3 }, family: 1 }] }],
        [{ setup }],
      ),
    });
    expect(mixed.objective).toBe(3 + 4 + 3); // the cheaper changeover, 1 -> 0
    const [first, second] = [at(mixed.plan, 0), at(mixed.plan, 1)].sort((a, b) => a.start - b.start);
    expect(second!.start - first!.end).toBe(4);
    const same = await solve({
      shop: tinyShop(
        [{ ops: [{ on: { 0: 3 }, family: 1 }] }, { ops: [{ on: { 0: 3 }, family: 1 }] }],
        [{ setup }],
      ),
    });
    expect(same.objective).toBe(6);
  });

  it('windows: an operation is not placed across a maintenance window, a shorter one fills the gap before it', async () => {
    const machines = [{ unavailable: [{ start: 3, end: 10, kind: 'maintenance' as const }] }];
    const r = await solve({
      shop: tinyShop([{ ops: [{ on: { 0: 4 } }] }, { ops: [{ on: { 0: 2 } }] }], machines),
    });
    expect(at(r.plan, 0).start).toBe(10);
    expect(at(r.plan, 1).end).toBeLessThanOrEqual(3);
    expect(r.objective).toBe(14);
  });

  it('release: no operation of a job starts before its release', async () => {
    const r = await solve({ shop: tinyShop([{ release: 7, ops: [{ on: { 0: 2 } }, { on: { 1: 1 } }] }], 2) });
    expect(at(r.plan, 0).start).toBe(7);
    expect(r.objective).toBe(10);
  });

  it('precedence with a minimum lag: the successor waits for the lag (drying)', async () => {
    const shop = tinyShop([{ ops: [{ on: { 0: 3 } }, { on: { 1: 2 } }] }], 2);
    expect((await solve({ shop })).objective).toBe(5);
    const r = await solve({ shop, lags: [{ job: 0, op: 1, min: 4 }] });
    expect(at(r.plan, 0, 1).start - at(r.plan, 0, 0).end).toBe(4);
    expect(r.objective).toBe(9);
  });

  it('precedence with a maximum lag: the predecessor starts late so that its successor need not wait', async () => {
    // J1 occupies M1 until 10; J0's second operation must start at most 1 after its first ends.
    const shop = tinyShop([{ ops: [{ on: { 0: 2 } }, { on: { 1: 2 } }] }, { ops: [{ on: { 1: 10 } }] }], 2);
    const r = await solve({ shop, lags: [{ job: 0, op: 1, max: 1 }] });
    expect(at(r.plan, 0, 1).start - at(r.plan, 0, 0).end).toBeLessThanOrEqual(1);
    expect(at(r.plan, 0, 0).start).toBeGreaterThanOrEqual(7);
    expect(r.objective).toBe(12);
  });

  it('tardiness: a due date with a weight drives the sequence', async () => {
    const shop = tinyShop([{ ops: [{ on: { 0: 5 } }] }, { ops: [{ on: { 0: 5 } }] }], 1);
    const objective = { tardiness: 1 };
    const heavyB = await solve({
      shop,
      objective,
      dueDates: [
        { job: 0, due: 5 },
        { job: 1, due: 5, weight: 10 },
      ],
    });
    expect(at(heavyB.plan, 1).start).toBe(0);
    expect(heavyB.objective).toBe(5);
    const heavyA = await solve({
      shop,
      objective,
      dueDates: [
        { job: 0, due: 5, weight: 10 },
        { job: 1, due: 5 },
      ],
    });
    expect(at(heavyA.plan, 0).start).toBe(0);
    expect(
      weightedTardiness(
        {
          shop,
          dueDates: [
            { job: 0, due: 5, weight: 10 },
            { job: 1, due: 5 },
          ],
        },
        heavyA.plan,
      ),
    ).toBe(5);
  });

  it('pinned: a pinned operation stays on its machine at its start, the others work around it', async () => {
    const shop = tinyShop(
      [{ ops: [{ on: { 0: 3, 1: 3 } }] }, { ops: [{ on: { 0: 3 } }] }, { ops: [{ on: { 0: 2 } }] }],
      2,
    );
    const r = await solve({ shop, pinned: [{ job: 0, op: 0, machine: 0, start: 4 }] });
    expect(at(r.plan, 0)).toMatchObject({ machine: 0, start: 4, end: 7 });
    expect(r.objective).toBe(9); // J1 [0,3), J0 [4,7), J2 [7,9)
  });

  it('assignment: a flexible operation takes the machine that finishes first', async () => {
    const shop = tinyShop(
      [{ ops: [{ on: { 0: 3 } }] }, { ops: [{ on: { 0: 3, 1: 5 } }] }, { ops: [{ on: { 0: 6, 1: 4 } }] }],
      2,
    );
    const r = await solve({ shop });
    expect(at(r.plan, 2).machine).toBe(1);
    expect(r.objective).toBe(6);
  });

  it('makespan weighted with tardiness: the objective adds both', async () => {
    const shop = tinyShop([{ ops: [{ on: { 0: 4 } }] }, { ops: [{ on: { 0: 2 } }] }], 1);
    const r = await solve({
      shop,
      dueDates: [{ job: 0, due: 4, weight: 3 }],
      objective: { makespan: 2, tardiness: 1 },
    });
    expect(at(r.plan, 0).start).toBe(0);
    expect(r.objective).toBe(2 * 6);
  });

  it('kept sequences: kept operations stay on their machine in their order, and may shift', async () => {
    const shop = tinyShop([{ ops: [{ on: { 0: 5 } }] }, { ops: [{ on: { 0: 1 } }, { on: { 1: 5 } }] }], 2);
    expect((await solve({ shop })).objective).toBe(6);
    const kept = [
      {
        machine: 0,
        operations: [
          { job: 0, op: 0 },
          { job: 1, op: 0 },
        ],
      },
    ];
    const r = await solve({ shop, kept });
    expect(at(r.plan, 1).start).toBeGreaterThanOrEqual(at(r.plan, 0).end);
    expect(r.objective).toBe(11);
  });

  it('reports infeasibility, from the data without a solver or from the solver', async () => {
    const pinnedEarly = await scheduleMilp(
      {
        shop: tinyShop([{ release: 5, ops: [{ on: { 0: 1 } }] }], 1),
        pinned: [{ job: 0, op: 0, machine: 0, start: 0 }],
      },
      { solver, timeLimitS: 5 },
    );
    expect(pinnedEarly).toMatchObject({
      status: 'infeasible',
      reason: expect.stringContaining('earliest start 5'),
    });
    // Both jobs need M0 for 4 within a horizon of 6: only the solver sees it.
    const tooShort = await scheduleMilp(
      { shop: tinyShop([{ ops: [{ on: { 0: 4 } }] }, { ops: [{ on: { 0: 4 } }] }], 1), horizon: 6 },
      { solver, timeLimitS: 5 },
    );
    expect(tooShort.status).toBe('infeasible');
    expect(tooShort.plan).toBeUndefined();
  });
});
