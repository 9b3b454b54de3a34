// The MILP worker runtime: time limit, cancellation by terminating the thread, MIP start and bound (HiGHS),
// and validation of worker messages.
import { afterAll, describe, expect, it } from 'vitest';
import { createShopSearch } from '../heuristics/search.js';
import { buildSchedulingModel } from '../milp/build-model.js';
import { startValues } from '../milp/mip-start.js';
import { compileShop } from '../shop/compiled.js';
import { planOf } from '../shop/timetable.js';
import { randomJobShop } from './__fixtures__/random-job-shop.js';
import { MilpSolver, solveMilp } from './milp-solve.js';
import { handleMilpMessage } from './milp-worker.js';

/** A random 10x5 job shop: its big-M model is far from solved in a few seconds by either backend. */
const hardShop = () => randomJobShop(10, 5, 7, { durations: [5, 99] });

const solver = new MilpSolver();
afterAll(() => solver.close());

describe('MilpSolver', () => {
  const model = buildSchedulingModel({ shop: hardShop() });

  it('stops glpk.js at its time limit with the best solution so far', async () => {
    const r = await solver.solve(model.lp, { timeLimitS: 1 });
    expect(['feasible', 'timeLimit']).toContain(r.status);
    expect(r.timeS).toBeGreaterThanOrEqual(0.9);
    expect(r.wallS).toBeLessThan(5);
    if (r.status === 'feasible') expect(r.objective).toBeGreaterThan(0);
  });

  it('cancels a running solve by terminating its thread, and solves again afterwards', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 300);
    const r = await solver.solve(model.lp, { timeLimitS: 60, signal: controller.signal });
    const elapsed = (performance.now() - started) / 1000;
    expect(r.status).toBe('cancelled');
    expect(r.values).toBeUndefined();
    expect(elapsed).toBeLessThan(3);
    const tiny = buildSchedulingModel({
      shop: {
        name: 't',
        machines: [{ id: 'M0' }],
        jobs: [
          { id: 'J0', release: 2, operations: [{ id: 'O0', alternatives: [{ machine: 0, duration: 3 }] }] },
        ],
      },
    });
    const again = await solver.solve(tiny.lp, { timeLimitS: 5 });
    expect(again).toMatchObject({ status: 'optimal', objective: 5 });
  });

  it('HiGHS takes a MIP start from a heuristic plan, keeps it as incumbent and reports the bound', async () => {
    const shop = hardShop();
    const compiled = compileShop(shop);
    const search = createShopSearch(compiled, { seed: 1 });
    search.run(2000);
    const plan = planOf(compiled, search.best())!;
    const withStart = buildSchedulingModel({ shop, horizon: plan.makespan });
    const r = await solveMilp(withStart.lp, {
      backend: 'highs',
      timeLimitS: 2,
      start: startValues(withStart, plan),
    });
    expect(r.startAccepted).toBe(true);
    expect(['optimal', 'feasible']).toContain(r.status);
    expect(r.objective).toBeLessThanOrEqual(plan.makespan + 1e-6);
    expect(r.bound).toBeGreaterThan(0);
    expect(r.bound).toBeLessThanOrEqual(r.objective! + 1e-6);
  });

  it('rejects a bad time limit and answers a malformed request with a message naming the field', async () => {
    await expect(solver.solve(model.lp, { timeLimitS: 0 })).rejects.toThrow(/timeLimitS must be > 0/);
    const reply = await handleMilpMessage({
      type: 'solve',
      id: 3,
      backend: 'cplex',
      model: model.lp,
      timeLimitS: 1,
    });
    expect(reply.type).toBe('failed');
    expect(reply.id).toBe(3);
    expect(reply.type === 'failed' && reply.error.message).toMatch(/backend/);
    const unknown = await handleMilpMessage({ type: 'solvez' });
    expect(unknown.type === 'failed' && unknown.error.message).toMatch(/type: must be one of: solve/);
  });
});
