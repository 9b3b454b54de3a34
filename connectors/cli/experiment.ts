import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseSimulationInput } from '../../scenarios/parse.js';
import { withParams } from '../../scenarios/reference.js';
import type { ReplicationTask } from '../../solver/protocol.js';
import { runReplications } from '../../solver/runtime/replications.js';
import { issue } from '../../twin/validate/issue.js';
import type { CliOutput } from './output.js';
import { progressBar } from './progress.js';
import { formatIssues } from './report-issues.js';
import { ENGINE } from './version.js';

export interface ExperimentOptions {
  seed?: number;
  param?: string[];
  rng?: 'default' | 'mt19937';
  replications?: number;
  workers?: number;
  json?: boolean;
}

export type Run = Record<string, number | number[] | string | boolean>;

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
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    io.err(formatIssues(file, [issue('TWIN_E_FILE', [], `cannot read the file: ${reason}`)]));
    return undefined;
  }
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
  if (parsed.kind === 'plant') {
    io.err(
      `${file}: plant scenarios are simulated by the factory model, which is not part of this build yet\n`,
    );
    return undefined;
  }
  const reference = parsed.reference;
  const model = withParams(reference.model, overrides);
  if (!model.ok) {
    io.err(formatIssues(file, model.issues));
    return undefined;
  }
  const { kind, ...params } = model.value;
  const seed = options.seed ?? reference.experiment?.seed ?? 1;
  const rng = options.rng ?? reference.experiment?.rng ?? 'default';
  const replications = options.replications ?? reference.experiment?.replications ?? 1;
  const tasks: ReplicationTask[] = Array.from({ length: replications }, (_, r) => ({
    id: r,
    model: kind,
    params,
    seed: seed + r,
    rng,
  }));
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
