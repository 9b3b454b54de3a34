import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TwinError } from '../../twin/errors.js';
import { checkPlan } from '../check/check-plan.js';
import { derivedSeed } from '../heuristics/fast-random.js';
import { createShopSearch } from '../heuristics/search.js';
import { FT06_OPTIMUM, ft06 } from '../shop/__fixtures__/ft06.js';
import { compileShop } from '../shop/compiled.js';
import type { ShopProblem } from '../shop/problem.js';
import { randomJobShop } from './__fixtures__/random-job-shop.js';
import { parseScheduleReply } from './schedule-protocol.js';
import { ScheduleWorker } from './schedule-worker.js';
import { readScheduleReply, solveShop, type ShopIncumbent } from './solve-shop.js';
import { workerFile } from './worker-file.js';

// The workers run the compiled JavaScript: `npm run build` first (the test script does).
const compiled = workerFile('schedule-worker');

const expectChecked = (problem: ShopProblem, result: Awaited<ReturnType<typeof solveShop>>) => {
  const check = checkPlan(problem, result.plan);
  expect(check.violations).toEqual([]);
  expect(result.plan.operations).toHaveLength(compileShop(problem).n);
  expect(result.makespan).toBe(result.plan.makespan);
};

describe('solveShop', () => {
  it('has the compiled worker to run', () => {
    expect(existsSync(compiled), 'run `npm run build` first').toBe(true);
  });

  it('reproduces a run exactly from the same seed, workers and maxIterations', async () => {
    const problem = randomJobShop(10, 5, 11);
    const options = { seed: 7, workers: 2, maxIterations: 3000, epochIterations: 250 };
    const [a, b] = [await solveShop(problem, options), await solveShop(problem, options)];
    expect(a.stopReason).toBe('iterations');
    expect(a.epochs).toBe(12);
    expect(a.iterationsPerWorker).toBe(3000);
    expect(a.iterations).toBeGreaterThan(0);
    expect(a.iterations).toBeLessThanOrEqual(6000);
    expect({ ...b, elapsedS: 0, timeToBestS: 0 }).toEqual({ ...a, elapsedS: 0, timeToBestS: 0 });
    expectChecked(problem, a);
  });

  it('with one worker follows the trajectory of the same search run in this thread', async () => {
    const problem = randomJobShop(8, 4, 3);
    const result = await solveShop(problem, {
      seed: 42,
      workers: 1,
      maxIterations: 1200,
      epochIterations: 300,
    });
    const search = createShopSearch(compileShop(problem), { seed: derivedSeed(42, 0) });
    for (let epoch = 0; epoch < 4; epoch++) search.run(300);
    expect(result.makespan).toBe(search.bestMakespan);
    expect(result.solution).toEqual(search.best());
    expect(result.iterations).toBe(search.iterations);
    expect(result.workers).toBe(1);
  });

  it('stops at the target and says so', async () => {
    const problem = ft06();
    const result = await solveShop(problem, {
      seed: 1,
      workers: 2,
      target: FT06_OPTIMUM,
      maxIterations: 200_000,
      epochIterations: 200,
    });
    expect(result.stopReason).toBe('target');
    expect(result.makespan).toBe(FT06_OPTIMUM);
    expect(result.iterationsPerWorker).toBeLessThan(200_000);
    expectChecked(problem, result);
  });

  it('reports incumbents with decreasing makespans, the last one being the result', async () => {
    const problem = randomJobShop(10, 5, 5);
    const seen: ShopIncumbent[] = [];
    const result = await solveShop(problem, {
      seed: 3,
      workers: 2,
      maxIterations: 2000,
      epochIterations: 200,
      onIncumbent: (incumbent) => seen.push(incumbent),
    });
    expect(seen.length).toBeGreaterThan(0);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.makespan).toBeLessThan(seen[i - 1]!.makespan);
      expect(seen[i]!.timeS).toBeGreaterThanOrEqual(seen[i - 1]!.timeS);
      expect(seen[i]!.iterations).toBeGreaterThanOrEqual(seen[i - 1]!.iterations);
    }
    expect(seen.at(-1)!.makespan).toBe(result.makespan);
    expect(seen.at(-1)!.timeS).toBe(result.timeToBestS);
  });

  it('stops early when aborted and still returns a checked plan', async () => {
    const problem = randomJobShop(15, 5, 8);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 1500);
    const result = await solveShop(problem, {
      seed: 5,
      workers: 2,
      maxIterations: 1e9,
      epochIterations: 100,
      signal: controller.signal,
    });
    clearTimeout(timer);
    expect(result.stopReason).toBe('cancelled');
    expect(result.iterationsPerWorker).toBeLessThan(1e9);
    expect(result.elapsedS).toBeLessThan(20);
    expectChecked(problem, result);
  });

  it('returns the first solutions when aborted before it starts', async () => {
    const problem = ft06();
    const result = await solveShop(problem, { seed: 1, workers: 2, signal: AbortSignal.abort() });
    expect(result).toMatchObject({ stopReason: 'cancelled', epochs: 0, iterations: 0 });
    expectChecked(problem, result);
  });

  it('refuses options without a way to stop, and bad numbers', async () => {
    await expect(solveShop(ft06(), { seed: 1 })).rejects.toThrow(/timeLimitS, maxIterations or a signal/);
    await expect(solveShop(ft06(), { seed: -1, maxIterations: 1 })).rejects.toMatchObject({
      code: 'TWIN_E_SCHEMA',
    });
    await expect(solveShop(ft06(), { seed: 1, workers: 0, maxIterations: 1 })).rejects.toThrow(/workers/);
  });

  it('refuses a bad problem before starting any worker, naming the field', async () => {
    const problem = ft06();
    problem.jobs[2]!.operations[4]!.alternatives[0]!.machine = 9;
    await expect(solveShop(problem, { seed: 1, maxIterations: 1 })).rejects.toMatchObject({
      code: 'TWIN_E_SCHEMA',
      message: expect.stringMatching(/jobs\[2\]\.operations\[4\]\.alternatives\[0\]\.machine: no machine 9/),
    });
  });
});

describe('messages from schedule workers', () => {
  const good = {
    type: 'epochDone',
    run: 3,
    worker: 1,
    bestMakespan: 60,
    iterations: 1000,
    stagnation: 12,
    finished: false,
  };
  const reject = (message: unknown) => {
    try {
      readScheduleReply(message, 3, 1);
    } catch (e) {
      expect(e).toBeInstanceOf(TwinError);
      return e as TwinError;
    }
    throw new Error('expected the message to be rejected');
  };

  it('accepts a well-formed report', () => {
    expect(readScheduleReply(good, 3, 1)).toEqual(good);
    const withSolution = { ...good, solution: { alt: [0, 1], sequences: [[0], [1]] } };
    expect(readScheduleReply(withSolution, 3, 1)).toEqual(withSolution);
  });

  it('rejects a malformed one with an error that names the field', () => {
    const wrongType = reject({ ...good, bestMakespan: 'sixty' });
    expect(wrongType.code).toBe('TWIN_E_INTERNAL');
    expect(wrongType.message).toMatch(
      /bad message from schedule worker 1: bestMakespan: must be of type number/,
    );
    const { stagnation: _, ...missing } = good;
    expect(reject(missing).message).toMatch(/stagnation: is required/);
    expect(reject({ ...good, extra: 1 }).message).toMatch(/extra: unknown key/);
    expect(reject({ ...good, solution: { alt: [-1], sequences: [] } }).message).toMatch(/solution\.alt\[0\]/);
    expect(reject({ ...good, type: 'done' }).message).toMatch(
      /type: must be one of: ready, epochDone, failed/,
    );
    expect(reject(null).message).toMatch(/expected a message object, found null/);
    expect(reject('hello').message).toMatch(/found string/);
  });

  it('rejects a report for another run or worker, and passes on a worker error', () => {
    expect(reject({ ...good, run: 4 }).message).toMatch(/for run 4, worker 1 \(expected run 3, worker 1\)/);
    const failed = reject({
      type: 'failed',
      run: 3,
      worker: 1,
      error: { code: 'TWIN_E_SCHEMA', message: 'bad message to a schedule worker: iterations: is required' },
    });
    expect(failed.code).toBe('TWIN_E_SCHEMA');
    expect(failed.message).toMatch(/iterations: is required/);
  });

  it('parseScheduleReply reports instead of throwing', () => {
    expect(parseScheduleReply({ ...good, iterations: 1.5 })).toEqual({
      ok: false,
      error: 'iterations: must be a whole number (found 1.5)',
    });
  });
});

describe('ScheduleWorker (the worker protocol, in this thread)', () => {
  const problem = ft06();
  const init = { type: 'init', run: 0, worker: 2, seed: derivedSeed(9, 2), problem };

  it('builds the search, runs epochs, reports a solution only when it improved, adopts', () => {
    const worker = new ScheduleWorker();
    const ready = worker.handle(structuredClone(init));
    expect(ready).toMatchObject({ type: 'ready', run: 0, worker: 2, iterations: 0 });
    const first = ready as { bestMakespan: number; solution: unknown };
    expect(first.solution).toBeDefined();
    const reports = Array.from({ length: 5 }, () => worker.handle({ type: 'epoch', run: 0, iterations: 50 }));
    let reported = first.bestMakespan;
    for (const r of reports as { bestMakespan: number; solution?: unknown; iterations: number }[]) {
      expect(r.solution !== undefined).toBe(r.bestMakespan < reported);
      reported = Math.min(reported, r.bestMakespan);
    }
    expect((reports.at(-1) as { iterations: number }).iterations).toBe(250);
    // Another worker's solution is adopted and not sent back: the coordinator knows it.
    const other = new ScheduleWorker().handle({ ...structuredClone(init), seed: 12345 }) as typeof first;
    expect(worker.handle({ type: 'adopt', run: 0, solution: other.solution })).toBe(undefined);
    const known = Math.min(reported, other.bestMakespan);
    const after = worker.handle({ type: 'epoch', run: 0, iterations: 1 }) as typeof first & {
      solution?: unknown;
    };
    expect(after.solution !== undefined).toBe(after.bestMakespan < known);
  });

  it('answers a bad or unexpected command with a failed message, never a crash', () => {
    const worker = new ScheduleWorker();
    expect(worker.handle({ type: 'epoch', run: 0 })).toMatchObject({
      type: 'failed',
      error: { code: 'TWIN_E_SCHEMA', message: expect.stringMatching(/iterations: is required/) },
    });
    expect(worker.handle({ type: 'epoch', run: 0, iterations: 5 })).toMatchObject({
      type: 'failed',
      error: { message: expect.stringMatching(/which it does not hold/) },
    });
    worker.handle(structuredClone(init));
    expect(worker.handle({ type: 'adopt', run: 0, solution: { alt: [0], sequences: [[0]] } })).toMatchObject({
      type: 'failed',
      error: { message: expect.stringMatching(/cannot adopt the solution: alt: expected 36 entries/) },
    });
  });
});
