// The production search on a worker thread: the same result as in this thread, and messages checked on both
// sides with errors naming the field. The worker runs the compiled JavaScript (`npm run build` first).
import { afterAll, describe, expect, it } from 'vitest';
import type { ProductionProblem } from '../production/problem.js';
import { solveProduction } from '../production/solve.js';
import solveProductionTask, {
  PROGRESS_FIELDS,
  parseProductionReply,
  readProgress,
} from './production-worker.js';
import { ProductionSolverPool } from './solve-production.js';

const problem: ProductionProblem = {
  name: 'two-machines',
  now: 0,
  horizon: 1000,
  machines: ['A', 'B'].map((id) => ({ id, stations: 1, mayPause: true })),
  jobs: [0, 1, 2].map((j) => ({
    id: `J${j}`,
    release: 0,
    weight: 1,
    priority: 5,
    due: 20 + 5 * j,
    operations: [
      { id: 'cut', alternatives: [{ machine: j % 2, duration: 4 + j }] },
      { id: 'weld', alternatives: [{ machine: (j + 1) % 2, duration: 6 }] },
    ],
  })),
};

const pool = new ProductionSolverPool(1);
afterAll(() => pool.close());

describe('ProductionSolverPool', () => {
  it('returns what the search returns in this thread', async () => {
    const options = { seed: 3, maxIterations: 200 };
    const r = await pool.solve(problem, options);
    const here = solveProduction(problem, options);
    expect(r.plan).toEqual(here.plan);
    expect(r.values).toEqual(here.values);
    expect(r.encoding.order).toBeInstanceOf(Int32Array);
  });

  it('writes its best so far where the caller can read it while it runs', async () => {
    const buffer = new SharedArrayBuffer(8 * PROGRESS_FIELDS.length);
    const options = { seed: 3, maxIterations: 300 };
    const reply = await solveProductionTask({
      problem,
      options,
      stop: new SharedArrayBuffer(4),
      progress: buffer,
    });
    if (!('result' in reply)) throw new Error(JSON.stringify(reply));
    const progress = readProgress(buffer);
    expect(progress.improvements).toBeGreaterThanOrEqual(1);
    expect(progress.makespan).toBe(reply.result.values.makespan);
    expect(progress.lateOrders).toBe(reply.result.values.lateOrders);

    const heard: number[] = [];
    const r = await pool.solve(
      problem,
      { seed: 3, timeBudgetMs: 400 },
      undefined,
      (p) => heard.push(p.makespan),
      20,
    );
    expect(heard.length).toBeGreaterThanOrEqual(1);
    expect(heard.at(-1)).toBe(r.values.makespan);
  });

  it('carries the operators of a plan back from the worker', async () => {
    const withCrew: ProductionProblem = {
      ...problem,
      operators: [{ id: 'Ann', skills: ['weld'] }],
      jobs: problem.jobs.map((job) => ({
        ...job,
        operations: job.operations.map((op) => (op.id === 'weld' ? { ...op, skill: 'weld' } : op)),
      })),
    };
    const r = await pool.solve(withCrew, { seed: 3, maxIterations: 100 });
    const welds = r.plan.operations.filter((e) => e.op === 1);
    expect(welds.map((e) => e.operator)).toEqual([0, 0, 0]);
    expect(r.plan).toEqual(solveProduction(withCrew, { seed: 3, maxIterations: 100 }).plan);
  });

  it('carries the batches of a plan back from the worker', async () => {
    const furnace: ProductionProblem = {
      ...problem,
      machines: [...problem.machines, { id: 'OV', stations: 1, mayPause: false, batch: { maxUnits: 4 } }],
      jobs: problem.jobs.map((job) => ({
        ...job,
        operations: [
          ...job.operations,
          { id: 'harden', alternatives: [{ machine: 2, duration: 50 }], batchFamily: 0 },
        ],
      })),
    };
    const r = await pool.solve(furnace, { seed: 3, maxIterations: 100 });
    const hardened = r.plan.operations.filter((e) => e.op === 2);
    expect(hardened.every((e) => e.batch !== undefined)).toBe(true);
    expect(new Set(hardened.map((e) => e.batch)).size).toBeLessThan(hardened.length);
    expect(r.plan).toEqual(solveProduction(furnace, { seed: 3, maxIterations: 100 }).plan);
  });

  it('answers a malformed task with an error naming the field', async () => {
    await expect(pool.solve(problem, { seed: -1 })).rejects.toMatchObject({
      code: 'TWIN_E_SCHEMA',
      message: expect.stringMatching(/options\/seed|options\.seed/),
    });
    const noStop = await solveProductionTask({ problem, options: {}, stop: new ArrayBuffer(4) });
    expect(noStop).toMatchObject({
      error: { code: 'TWIN_E_SCHEMA', message: /stop: must be a SharedArrayBuffer/ },
    });
  });

  it('rejects a malformed reply, naming the field', () => {
    const bad = parseProductionReply({ result: { plan: { operations: [], makespan: 'soon' } } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/makespan/);
  });
});
