// Parallel search for a shop schedule: K worker threads, each with its own ShopSearch (seed derived from the
// run's seed and the worker's index), advanced in synchronous epochs. After each epoch the coordinator takes
// the best solution over all workers and hands it to the workers that lag behind and have stopped improving.
//
// Determinism: everything the coordinator decides (the incumbent, who adopts what) depends only on the
// workers' replies to an epoch, and stop conditions are checked only between epochs. So the trajectory
// depends only on the seed, the number of workers, the epoch size and the number of epochs: the same seed,
// workers and maxIterations reproduce a run exactly, whatever the machine's speed. A time-limited (or
// cancelled) run reports `iterationsPerWorker`; passing it as maxIterations replays that run.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TwinError } from '../../twin/errors.js';
import { checkPlan } from '../check/check-plan.js';
import { derivedSeed } from '../heuristics/fast-random.js';
import { restartInterval } from '../heuristics/tabu-search.js';
import { reachesTarget } from '../heuristics/target.js';
import { compileShop } from '../shop/compiled.js';
import type { ShopPlan, ShopProblem } from '../shop/problem.js';
import { solutionShapeError, type ShopSolution } from '../shop/solution.js';
import { planOf } from '../shop/timetable.js';
import { validateShopProblem } from '../shop/validate-problem.js';
import {
  parseScheduleReply,
  SCHEDULE_WORKER_MARK,
  type EpochDoneMessage,
  type ReadyMessage,
  type ScheduleCommand,
} from './schedule-protocol.js';
import { workerFile } from './worker-file.js';

export interface ShopIncumbent {
  /** Makespan of the new best solution (as the search measures it). */
  makespan: number;
  /** Seconds since the start of the run. */
  timeS: number;
  /** Iterations done so far, summed over the workers. */
  iterations: number;
}

export interface SolveShopOptions {
  seed: number;
  /** Worker threads (default: the machine's cores). 1 still runs in a thread, so the caller stays responsive. */
  workers?: number;
  /** Stop after the first epoch that ends this many seconds after the start. */
  timeLimitS?: number;
  /** Iterations per worker; with it (and no time limit) the run is fully reproducible. */
  maxIterations?: number;
  /** Stop as soon as a makespan at most this is found (e.g. a proven lower bound). */
  target?: number;
  /** Iterations per worker between two synchronisations (default 1000). */
  epochIterations?: number;
  /** Abort to stop after the current epoch; the best plan so far is returned. */
  signal?: AbortSignal;
  onIncumbent?: (incumbent: ShopIncumbent) => void;
}

export type StopReason = 'target' | 'time' | 'iterations' | 'cancelled';

export interface ShopSolveResult {
  /** Checked by the independent plan checker (solver/check). */
  plan: ShopPlan;
  solution: ShopSolution;
  makespan: number;
  seed: number;
  workers: number;
  /** Iterations done, summed over the workers. */
  iterations: number;
  /** Iterations each worker was asked to do: pass it as `maxIterations` to replay this run. */
  iterationsPerWorker: number;
  epochs: number;
  /** Seconds from the start until the best solution was found. */
  timeToBestS: number;
  elapsedS: number;
  stopReason: StopReason;
}

export const DEFAULT_EPOCH_ITERATIONS = 1000;

/**
 * A worker adopts the run's best when it is worse and has not improved for this many epochs' iterations. Long
 * enough for each worker to explore on its own (2 epochs made both workers search around one solution and
 * cost 0.5-1 point of gap on swv/yn/abz in 20 s runs; 20-60 measured alike).
 */
export const ADOPT_AFTER_EPOCHS = 40;

type SearchReport = ReadyMessage | EpochDoneMessage;

/**
 * A message from worker `worker` of run `run`, validated: the search state it reports, or a TwinError
 * (TWIN_E_INTERNAL unless the worker gave a code) that names the bad field or repeats the worker's error.
 */
export function readScheduleReply(message: unknown, run: number, worker: number): SearchReport {
  const parsed = parseScheduleReply(message);
  if (!parsed.ok) {
    throw new TwinError('TWIN_E_INTERNAL', `bad message from schedule worker ${worker}: ${parsed.error}`);
  }
  const reply = parsed.message;
  if (reply.type === 'failed') {
    throw TwinError.fromJSON(reply.error);
  }
  if (reply.run !== run || reply.worker !== worker) {
    throw new TwinError(
      'TWIN_E_INTERNAL',
      `bad message from schedule worker ${worker}: it is for run ${reply.run}, worker ${reply.worker} (expected run ${run}, worker ${worker})`,
    );
  }
  return reply;
}

/** One worker thread and the replies it sent that nobody has read yet. */
class WorkerLink {
  private readonly thread: Worker;
  private readonly inbox: SearchReport[] = [];
  private waiting: { resolve: (r: SearchReport) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;
  private closing = false;

  constructor(
    private readonly run: number,
    readonly index: number,
  ) {
    this.thread = new Worker(workerFile('schedule-worker'), { workerData: { mark: SCHEDULE_WORKER_MARK } });
    this.thread.on('message', (message: unknown) => {
      try {
        this.deliver(readScheduleReply(message, run, index));
      } catch (e) {
        this.fail(e as Error);
      }
    });
    this.thread.on('error', (e) =>
      this.fail(new TwinError('TWIN_E_INTERNAL', `schedule worker ${index} failed: ${e.message}`)),
    );
    this.thread.on('messageerror', (e) =>
      this.fail(
        new TwinError('TWIN_E_INTERNAL', `schedule worker ${index}: unreadable message: ${e.message}`),
      ),
    );
    this.thread.on('exit', (code) =>
      this.fail(new TwinError('TWIN_E_INTERNAL', `schedule worker ${index} stopped (exit code ${code})`)),
    );
  }

  post(command: ScheduleCommand): void {
    this.thread.postMessage(command);
  }

  /** The next report of the worker, in order; rejects once the worker failed. */
  next(): Promise<SearchReport> {
    const report = this.inbox.shift();
    if (report !== undefined) return Promise.resolve(report);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  async terminate(): Promise<void> {
    this.closing = true;
    await this.thread.terminate().catch(() => undefined);
  }

  private deliver(report: SearchReport): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting !== undefined) waiting.resolve(report);
    else this.inbox.push(report);
  }

  private fail(error: Error): void {
    if (this.closing || this.failure !== undefined) return;
    this.failure = error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}

function checkOptions(options: SolveShopOptions): void {
  const bad = (message: string) => new TwinError('TWIN_E_SCHEMA', `solveShop: ${message}`);
  const { seed, workers, timeLimitS, maxIterations, epochIterations, target } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw bad(`seed must be a whole number in [0, 2^32), found ${seed}`);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1))
    throw bad(`workers must be a whole number ≥ 1, found ${workers}`);
  if (maxIterations !== undefined && (!Number.isInteger(maxIterations) || maxIterations < 0)) {
    throw bad(`maxIterations must be a whole number ≥ 0, found ${maxIterations}`);
  }
  if (epochIterations !== undefined && (!Number.isInteger(epochIterations) || epochIterations < 1)) {
    throw bad(`epochIterations must be a whole number ≥ 1, found ${epochIterations}`);
  }
  if (timeLimitS !== undefined && !(timeLimitS >= 0))
    throw bad(`timeLimitS must be ≥ 0, found ${timeLimitS}`);
  if (target !== undefined && Number.isNaN(target)) throw bad('target must be a number');
  if (timeLimitS === undefined && maxIterations === undefined && options.signal === undefined) {
    throw bad('give timeLimitS, maxIterations or a signal, or the search never stops');
  }
}

let runCount = 0;

/**
 * Search for a short schedule of `problem` on worker threads. Resolves with the best plan found, checked by
 * the independent plan checker; a plan that fails the check is never returned (TWIN_E_INTERNAL, with the
 * violations in `details`). Workers are terminated before the promise settles, also on error.
 */
export async function solveShop(problem: ShopProblem, options: SolveShopOptions): Promise<ShopSolveResult> {
  checkOptions(options);
  const valid = validateShopProblem(problem);
  if (!valid.ok) {
    const listed = valid.issues.slice(0, 10).map((i) => `${i.path || 'problem'}: ${i.message}`);
    throw new TwinError('TWIN_E_SCHEMA', `solveShop: bad problem: ${listed.join('; ')}`, {
      issues: valid.issues,
    });
  }
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const { seed, target, maxIterations, timeLimitS, signal, onIncumbent } = options;
  const workers = options.workers ?? Math.max(1, availableParallelism());
  const epochIterations = options.epochIterations ?? DEFAULT_EPOCH_ITERATIONS;
  const shop = compileShop(problem);
  // Adopting another worker's best is a restart: never sooner than the search's own restarts would come.
  const adoptAfter = Math.max(ADOPT_AFTER_EPOCHS * epochIterations, restartInterval(shop));
  const run = runCount++;

  let best: { makespan: number; solution: ShopSolution } | undefined;
  let timeToBestS = 0;
  const iterationsOf = new Array<number>(workers).fill(0);
  const totalIterations = () => iterationsOf.reduce((sum, i) => sum + i, 0);

  /** Takes in one report from every worker: the lowest makespan wins, ties to the lowest worker index. */
  const absorb = (reports: SearchReport[]) => {
    let candidate: SearchReport | undefined;
    reports.forEach((r, w) => {
      iterationsOf[w] = r.iterations;
      if (r.solution !== undefined && (candidate === undefined || r.bestMakespan < candidate.bestMakespan))
        candidate = r;
    });
    if (candidate?.solution === undefined || (best !== undefined && candidate.bestMakespan >= best.makespan))
      return;
    const shape = solutionShapeError(shop, candidate.solution);
    if (shape !== undefined) {
      throw new TwinError(
        'TWIN_E_INTERNAL',
        `bad message from schedule worker ${candidate.worker}: solution: ${shape}`,
      );
    }
    best = { makespan: candidate.bestMakespan, solution: candidate.solution };
    timeToBestS = elapsed();
    onIncumbent?.({ makespan: best.makespan, timeS: timeToBestS, iterations: totalIterations() });
  };

  let commanded = 0;
  let epochs = 0;
  const stopReason = (): StopReason | undefined => {
    if (target !== undefined && best !== undefined && reachesTarget(best.makespan, target)) return 'target';
    if (signal?.aborted) return 'cancelled';
    if (maxIterations !== undefined && commanded >= maxIterations) return 'iterations';
    if (timeLimitS !== undefined && elapsed() >= timeLimitS) return 'time';
    return undefined;
  };

  const links: WorkerLink[] = [];
  let reason: StopReason;
  try {
    for (let w = 0; w < workers; w++) links.push(new WorkerLink(run, w));
    links.forEach((link, w) =>
      link.post({
        type: 'init',
        run,
        worker: w,
        seed: derivedSeed(seed, w),
        ...(target !== undefined && { target }),
        problem,
      }),
    );
    absorb(await Promise.all(links.map((link) => link.next())));
    for (;;) {
      const stop = stopReason();
      if (stop !== undefined) {
        reason = stop;
        break;
      }
      const iterations = Math.min(epochIterations, (maxIterations ?? Infinity) - commanded);
      for (const link of links) link.post({ type: 'epoch', run, iterations });
      const reports = await Promise.all(links.map((link) => link.next()));
      commanded += iterations;
      epochs++;
      absorb(reports);
      const incumbent = best!;
      for (const r of reports) {
        if (r.bestMakespan > incumbent.makespan && r.stagnation >= adoptAfter) {
          links[r.worker]!.post({ type: 'adopt', run, solution: incumbent.solution });
        }
      }
    }
  } finally {
    await Promise.all(links.map((link) => link.terminate()));
  }

  const elapsedS = elapsed();
  const solution = best!.solution;
  const plan = planOf(shop, solution);
  if (plan === undefined) throw new TwinError('TWIN_E_INTERNAL', 'solveShop: the best solution has a cycle');
  const check = checkPlan(problem, plan);
  if (!check.ok) {
    const listed = check.violations.slice(0, 10).map((v) => `${v.kind}: ${v.message}`);
    const more = check.violations.length - listed.length + (check.omitted ?? 0);
    throw new TwinError(
      'TWIN_E_INTERNAL',
      `solveShop: the plan fails the plan checker: ${listed.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`,
      { violations: check.violations },
    );
  }
  return {
    plan,
    solution,
    makespan: plan.makespan,
    seed,
    workers,
    iterations: totalIterations(),
    iterationsPerWorker: commanded,
    epochs,
    timeToBestS,
    elapsedS,
    stopReason: reason,
  };
}
