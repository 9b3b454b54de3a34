import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import type { InputFormat } from '../../../scenarios/load.js';
import { solveShop, type ShopSolveResult, type StopReason } from '../../../solver/runtime/solve-shop.js';
import { lowerBound } from '../../../solver/shop/lower-bound.js';
import type { ShopProblem } from '../../../solver/shop/problem.js';
import type { CliOutput } from '../output.js';
import { readScenarioFile, readShopProblemFile, readTextFile } from '../read-input.js';
import type { ObjectiveSpec } from '../../../solver/production/objectives.js';
import { scheduleScenario } from '../../../scenarios/production/schedule.js';
import { scheduleScenarioWithMilp } from './schedule-on-worker.js';
import type { Scenario } from '../../../scenarios/schema.js';
import {
  renderLateOrders,
  renderMilp,
  renderValues,
  resultJson,
  scheduleJson,
  solveOptions,
} from './production-output.js';
import { formatIssues, reported, reportTwinError } from '../report-issues.js';

export interface ScheduleOptions {
  format?: InputFormat;
  timeLimit?: number;
  seed?: number;
  workers?: number;
  iterations?: number;
  json?: boolean;
  /** Scenarios only: what the plan is judged by (default: tardiness, then late orders, then makespan). */
  objective?: ObjectiveSpec;
  /** `production` (default for scenarios): calendars, setups, stations, due dates…; `shop`: the makespan search. */
  engine?: 'production' | 'shop';
  /** Scenarios only: MILP neighbourhoods (glpk.js on a worker thread) between local-search slices. */
  milp?: boolean;
}

export const DEFAULT_TIME_LIMIT_S = 10;

/** Where the lower bound comes from: our own bound, or a published one from `bounds.json` beside the file. */
interface Bound {
  value: number;
  source: 'computed' | 'bounds.json';
}

/**
 * The best known lower bound of a benchmark file from `bounds.json` in its folder (`{name: {lb, jobs,
 * machines}}`, keyed by the file's base name), if there is one that fits the instance's size.
 */
async function publishedBound(file: string, problem: ShopProblem, io: CliOutput, quiet: boolean) {
  const boundsFile = join(dirname(file), 'bounds.json');
  const read = await readTextFile(boundsFile);
  if (!read.ok) return undefined;
  let entry: { lb?: unknown; jobs?: unknown; machines?: unknown } | undefined;
  try {
    const bounds = JSON.parse(read.text) as Record<string, typeof entry>;
    entry = Object.hasOwn(bounds, problem.name) ? bounds[problem.name] : undefined;
  } catch (e) {
    if (!quiet) io.err(`${boundsFile}: ignored, not valid JSON: ${(e as Error).message}\n`);
    return undefined;
  }
  if (typeof entry?.lb !== 'number' || !Number.isFinite(entry.lb)) return undefined;
  const sizeDiffers =
    (entry.jobs !== undefined && entry.jobs !== problem.jobs.length) ||
    (entry.machines !== undefined && entry.machines !== problem.machines.length);
  if (sizeDiffers) {
    if (!quiet)
      io.err(
        `${boundsFile}: "${problem.name}" is for another size (${entry.jobs}x${entry.machines}), ignored\n`,
      );
    return undefined;
  }
  return entry.lb;
}

const STOPPED: Record<StopReason, string> = {
  target: 'reached the lower bound (optimal)',
  time: 'time limit',
  iterations: 'iteration limit',
  cancelled: 'interrupted',
};

/**
 * `twin schedule <file>`: search for a short schedule (makespan) of a benchmark instance or a scenario on
 * worker threads, until the time limit, the iteration limit, Ctrl-C, or the lower bound is reached.
 */
export async function scheduleCommand(
  file: string,
  options: ScheduleOptions,
  io: CliOutput,
): Promise<number> {
  if (options.engine !== 'shop') {
    const scenario = await readScenarioFile(file, options.format);
    if (scenario.ok && scenario.format === 'scenario')
      return scheduleScenarioCommand(file, scenario.edited, options, io);
    if (!scenario.ok && scenario.format === 'scenario') {
      io.err(formatIssues(file, scenario.issues));
      return 1;
    }
  }
  const loaded = reported(file, io, await readShopProblemFile(file, options.format));
  if (!loaded) return 1;
  const { problem, format } = loaded;
  const quiet = options.json === true;
  const bound: Bound = { value: lowerBound(problem), source: 'computed' };
  if (format !== 'scenario') {
    const published = await publishedBound(file, problem, io, quiet);
    if (published !== undefined && published > bound.value)
      Object.assign(bound, { value: published, source: 'bounds.json' });
  }

  const controller = new AbortController();
  const onSigint = () => {
    if (!quiet) io.err('\ninterrupted: stopping after the current epoch\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const seed = options.seed ?? 1;
  const workers = options.workers ?? Math.max(1, availableParallelism());
  // With --iterations alone the run is reproducible, so no time limit unless one is asked for.
  const timeLimitS =
    options.timeLimit ?? (options.iterations === undefined ? DEFAULT_TIME_LIMIT_S : undefined);
  if (!quiet) {
    const limits = [
      ...(timeLimitS !== undefined ? [`${timeLimitS} s`] : []),
      ...(options.iterations !== undefined ? [`${options.iterations} iterations per worker`] : []),
    ].join(', ');
    io.err(
      `${problem.name}: searching on ${workers} worker${workers === 1 ? '' : 's'} (${limits}; Ctrl-C stops)\n`,
    );
  }
  let result: ShopSolveResult;
  try {
    result = await solveShop(problem, {
      seed,
      workers,
      target: bound.value,
      signal: controller.signal,
      ...(timeLimitS !== undefined && { timeLimitS }),
      ...(options.iterations !== undefined && { maxIterations: options.iterations }),
      ...(!quiet && {
        onIncumbent: ({ makespan, timeS, iterations }) =>
          io.err(
            `  makespan ${Number.isInteger(makespan) ? makespan : makespan.toFixed(2)} at ${timeS.toFixed(2)} s (${iterations} iterations)\n`,
          ),
      }),
    });
  } catch (e) {
    return reportTwinError(file, e, io);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }

  const machineLabel = (k: number) => problem.machines[k]?.number ?? problem.machines[k]?.id ?? k;
  if (options.json) {
    const schedule = result.plan.operations.map((o) => ({
      job: o.job,
      op: o.op,
      machine: machineLabel(o.machine),
      start: o.start,
      end: o.end,
    }));
    const report = {
      instance: problem.name,
      makespan: result.makespan,
      lowerBound: bound.value,
      timeToBestS: result.timeToBestS,
      seed: result.seed,
      workers: result.workers,
      iterations: result.iterations,
      iterationsPerWorker: result.iterationsPerWorker,
      stopReason: result.stopReason,
      schedule,
    };
    io.out(`${JSON.stringify(report)}\n`);
    return 0;
  }
  io.out(renderResult(file, format, problem, bound, result));
  return 0;
}

function renderResult(
  file: string,
  format: InputFormat,
  problem: ShopProblem,
  bound: Bound,
  r: ShopSolveResult,
): string {
  const operations = problem.jobs.reduce((sum, job) => sum + job.operations.length, 0);
  const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
  const gap = bound.value > 0 ? `${(((r.makespan - bound.value) / bound.value) * 100).toFixed(2)} %` : '-';
  const lines = [
    `${problem.name}  (${file}, ${format}: ${problem.jobs.length} jobs, ${operations} operations, ${problem.machines.length} machines)`,
    `  makespan      ${num(r.makespan)}`,
    `  lower bound   ${num(bound.value)} (${bound.source === 'computed' ? 'computed' : 'best known, from bounds.json'})`,
    `  gap           ${gap}`,
    `  time to best  ${r.timeToBestS.toFixed(2)} s (of ${r.elapsedS.toFixed(2)} s)`,
    `  iterations    ${r.iterations} (${r.iterationsPerWorker} per worker; --iterations ${r.iterationsPerWorker} with this seed and workers replays the run)`,
    `  seed          ${r.seed}`,
    `  workers       ${r.workers}`,
    `  stopped       ${STOPPED[r.stopReason]}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** `twin schedule <scenario>`: the production search (calendars, setups, stations, due dates, pins). */
async function scheduleScenarioCommand(
  file: string,
  scenario: Scenario,
  options: ScheduleOptions,
  io: CliOutput,
): Promise<number> {
  let scheduled;
  try {
    scheduled = options.milp
      ? await scheduleScenarioWithMilp(scenario, solveOptions(options))
      : scheduleScenario(scenario, solveOptions(options));
  } catch (e) {
    return reportTwinError(file, e, io);
  }
  const { problem, result, plan, orders } = scheduled;
  if (options.json) {
    const report = {
      instance: problem.name,
      ...resultJson(result, options.objective),
      schedule: scheduleJson(problem, result.plan),
      orders,
      plan,
    };
    io.out(`${JSON.stringify(report)}\n`);
    return 0;
  }
  const operations = problem.jobs.reduce((sum, job) => sum + job.operations.length, 0);
  const late = renderLateOrders(orders);
  const lines = [
    `${problem.name}  (${file}: ${problem.jobs.length} orders, ${operations} operations, ${problem.machines.length} machines)`,
    ...renderValues(result.values),
    `  first feasible      ${(result.firstFeasibleMs / 1000).toFixed(2)} s (dispatching, best rule ${result.startedFrom})`,
    `  time to best        ${(result.timeToBestMs / 1000).toFixed(2)} s (of ${(result.elapsedMs / 1000).toFixed(2)} s)`,
    `  iterations          ${result.iterations} (--iterations ${result.iterations} --seed ${result.seed} replays the run)`,
    ...(result.milp ? [renderMilp(result.milp)] : []),
    ...(late.length ? ['  latest orders:', ...late] : []),
  ];
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
