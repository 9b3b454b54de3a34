import { createHash } from 'node:crypto';
import { parseSimulationInput } from '../../scenarios/parse.js';
import { withParams, type ReferenceScenario } from '../../scenarios/reference.js';
import type { SolverTask } from '../../solver/protocol.js';
import type { Scenario } from '../../scenarios/schema.js';
import { plantSimulationInput } from '../../scenarios/simulation-input.js';
import { DISPATCH_RULES } from '../../solver/des/factory/dispatch.js';
import { runReplications } from '../../solver/runtime/replications.js';
import { issue, type ValidationIssue } from '../../twin/validate/issue.js';
import type { CliOutput } from './output.js';
import { progressBar } from './progress.js';
import { formatIssues } from './report-issues.js';
import { readTextFile } from './read-input.js';
import { ENGINE } from './version.js';

export interface ExperimentOptions {
  seed?: number;
  param?: string[];
  rng?: 'default' | 'mt19937';
  replications?: number;
  workers?: number;
  json?: boolean;
  /** Record the event trace of the first replication (plants). */
  trace?: string;
}

export type Run = Record<string, unknown>;

export interface ExperimentRuns {
  header: {
    file: string;
    engine: string;
    inputHash: string;
    kind: string;
    params: Record<string, unknown>;
    rng: string;
  };
  seed: number;
  seeds: number[];
  runs: Run[];
  /** Names of inputs echoed in each run; they are not results. */
  inputs: Set<string>;
}

/**
 * Load a file and run its experiment: R replications, replication r with seed `seed + r`, so two files run
 * with the same seeds compare under common random numbers. Problems are printed; the result is then undefined.
 */
export async function runExperiment(
  file: string,
  options: ExperimentOptions,
  io: CliOutput,
): Promise<ExperimentRuns | undefined> {
  const read = await readTextFile(file);
  if (!read.ok) {
    io.err(formatIssues(file, [read.issue]));
    return undefined;
  }
  const text = read.text;
  const parsed = parseSimulationInput(text);
  if (!parsed.ok) {
    io.err(formatIssues(file, parsed.issues));
    return undefined;
  }
  const overrides = parseParamArgs(options.param ?? []);
  if (typeof overrides === 'string') {
    io.err(`${overrides}\n`);
    return undefined;
  }
  const plan =
    parsed.kind === 'plant'
      ? plantTasks(parsed.edited, overrides, options)
      : referenceTasks(parsed.reference, overrides, options);
  if (!plan.ok) {
    io.err(formatIssues(file, plan.issues));
    return undefined;
  }
  const { tasks, kind, params, seed, rng } = plan;
  const replications = tasks.length;
  // A bar for people watching a terminal; none when --json output goes to a pipe.
  const watching = process.stderr.isTTY && !(options.json && !process.stdout.isTTY);
  const bar = watching ? progressBar(io, replications) : undefined;
  const outcomes = await runReplications(tasks, {
    ...(options.workers !== undefined && { workers: options.workers }),
    onProgress: bar,
  });
  const failed = outcomes.filter((o) => o.error);
  if (failed.length) {
    for (const o of failed)
      io.err(`${file}: replication seed ${o.seed}: ${o.error!.message} [${o.error!.code}]\n`);
    return undefined;
  }
  const inputHash = createHash('sha256')
    .update(text)
    .update(JSON.stringify(params))
    .digest('hex')
    .slice(0, 16);
  return {
    header: { file, engine: ENGINE, inputHash, kind, params, rng },
    seed,
    seeds: tasks.map((t) => t.seed),
    runs: outcomes.map((o) => o.result!),
    inputs: new Set(Object.keys(params)),
  };
}

type TaskPlan =
  | {
      ok: true;
      tasks: SolverTask[];
      kind: string;
      params: Record<string, unknown>;
      seed: number;
      rng: 'default' | 'mt19937';
    }
  | { ok: false; issues: ValidationIssue[] };

function common(experiment: Scenario['experiment'], options: ExperimentOptions) {
  return {
    seed: options.seed ?? experiment?.seed ?? 1,
    rng: options.rng ?? experiment?.rng ?? 'default',
    replications: options.replications ?? experiment?.replications ?? 1,
  };
}

function referenceTasks(
  reference: ReferenceScenario,
  overrides: Record<string, string>,
  options: ExperimentOptions,
): TaskPlan {
  const model = withParams(reference.model, overrides);
  if (!model.ok) return model;
  const { kind, ...params } = model.value;
  const { seed, rng, replications } = common(reference.experiment, options);
  const tasks = Array.from({ length: replications }, (_, r) => ({
    id: r,
    model: kind,
    params,
    seed: seed + r,
    rng,
  }));
  return { ok: true, tasks, kind, params, seed, rng };
}

const PLANT_PARAMS = ['rule', 'horizonS', 'warmupS'];

/** A plant: its edits applied, the experiment block's rule, horizon and warm-up (or --param overrides). */
function plantTasks(
  scenario: Scenario,
  overrides: Record<string, string>,
  options: ExperimentOptions,
): TaskPlan {
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(overrides)) {
    if (!PLANT_PARAMS.includes(key))
      issues.push(
        issue(
          'TWIN_E_UNKNOWN_KEY',
          ['params', key],
          `unknown parameter of a plant (known: ${PLANT_PARAMS.join(', ')}); change the plant with edits`,
        ),
      );
  }
  const rule = overrides.rule ?? scenario.experiment?.dispatchRule ?? 'edd';
  if (!(DISPATCH_RULES as readonly string[]).includes(rule))
    issues.push(
      issue(
        'TWIN_E_SCHEMA',
        ['params', 'rule'],
        `must be one of: ${DISPATCH_RULES.join(', ')} (found "${rule}")`,
      ),
    );
  const number = (key: 'horizonS' | 'warmupS', min: number): number | undefined => {
    const raw = overrides[key];
    if (raw === undefined) return scenario.experiment?.[key];
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min)
      issues.push(issue('TWIN_E_SCHEMA', ['params', key], `must be a number ≥ ${min} (found "${raw}")`));
    return n;
  };
  const horizonS = number('horizonS', 1);
  const warmupS = number('warmupS', 0);
  if (issues.length) return { ok: false, issues };
  const { seed, rng, replications } = common(scenario.experiment, options);
  const input = plantSimulationInput(scenario, {
    rule: rule as (typeof DISPATCH_RULES)[number],
    ...(horizonS !== undefined && { horizonS }),
    ...(warmupS !== undefined && { warmupS }),
  });
  const tasks = Array.from({ length: replications }, (_, r) => ({
    id: r,
    model: 'factory' as const,
    seed: seed + r,
    rng,
    input: r === 0 && options.trace ? { ...input, trace: true } : input,
  }));
  return { ok: true, tasks, kind: 'plant', params: { rule, horizonS, warmupS }, seed, rng };
}

function parseParamArgs(args: string[]): Record<string, string> | string {
  const value: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) return `--param ${arg}: expected key=value`;
    value[arg.slice(0, eq)] = arg.slice(eq + 1);
  }
  return value;
}

/** Numeric results of the runs, by name (inputs and seeds left out). */
export function metrics(experiment: ExperimentRuns): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const first = experiment.runs[0] ?? {};
  for (const key of Object.keys(first)) {
    if (key === 'seed' || experiment.inputs.has(key) || typeof first[key] !== 'number') continue;
    out.set(
      key,
      experiment.runs.map((r) => r[key] as number),
    );
  }
  return out;
}
