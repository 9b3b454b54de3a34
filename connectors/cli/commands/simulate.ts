import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseSimulationInput } from '../../../scenarios/parse.js';
import { withParams, type ReferenceScenario } from '../../../scenarios/reference.js';
import type { ReplicationTask } from '../../../solver/protocol.js';
import { runReplications } from '../../../solver/runtime/replications.js';
import { summarizeReplications } from '../../../solver/des/stats/replications.js';
import { issue } from '../../../twin/validate/issue.js';
import type { CliOutput } from '../output.js';
import { formatIssues } from '../report-issues.js';
import { progressBar } from '../progress.js';
import { ENGINE } from '../version.js';

export interface SimulateOptions {
  seed?: number;
  param?: string[];
  rng?: 'default' | 'mt19937';
  replications?: number;
  workers?: number;
  json?: boolean;
}

type Run = Record<string, number | number[] | string | boolean>;

/** `twin simulate <file>`: one run, or R replications (seeds seed..seed+R-1) with 95 % intervals. */
export async function simulateCommand(
  file: string,
  options: SimulateOptions,
  io: CliOutput,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    io.err(
      formatIssues(file, [
        issue(
          'TWIN_E_FILE',
          [],
          `cannot read the file: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
        ),
      ]),
    );
    return 1;
  }
  const parsed = parseSimulationInput(text);
  if (!parsed.ok) {
    io.err(formatIssues(file, parsed.issues));
    return 1;
  }
  const params = parseParamArgs(options.param ?? []);
  if (!params.ok) {
    io.err(`${params.message}\n`);
    return 1;
  }
  if (parsed.kind === 'plant') {
    io.err(
      `${file}: plant scenarios are simulated by the factory model, which is not part of this build yet\n`,
    );
    return 1;
  }
  return simulateReference(file, text, parsed.reference, params.value, options, io);
}

async function simulateReference(
  file: string,
  text: string,
  reference: ReferenceScenario,
  overrides: Record<string, string>,
  options: SimulateOptions,
  io: CliOutput,
): Promise<number> {
  const model = withParams(reference.model, overrides);
  if (!model.ok) {
    io.err(formatIssues(file, model.issues));
    return 1;
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
    for (const o of failed) io.err(`replication seed ${o.seed}: ${o.error!.message} [${o.error!.code}]\n`);
    return 1;
  }
  const runs = outcomes.map((o) => o.result!);
  const inputHash = createHash('sha256')
    .update(text)
    .update(JSON.stringify(params))
    .digest('hex')
    .slice(0, 16);
  const header = { file, engine: ENGINE, inputHash, kind, params, rng };
  if (replications === 1) {
    const run = runs[0]!;
    if (options.json) io.out(`${JSON.stringify({ ...header, ...run })}\n`);
    else io.out(renderRun(header, run));
    return 0;
  }
  const summary = summarize(runs, new Set(Object.keys(params)));
  if (options.json)
    io.out(
      `${JSON.stringify({ ...header, seed, replications, seeds: tasks.map((t) => t.seed), summary, runs })}\n`,
    );
  else io.out(renderSummary(header, seed, replications, summary));
  return 0;
}

function parseParamArgs(
  args: string[],
): { ok: true; value: Record<string, string> } | { ok: false; message: string } {
  const value: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) return { ok: false, message: `--param ${arg}: expected key=value` };
    value[arg.slice(0, eq)] = arg.slice(eq + 1);
  }
  return { ok: true, value };
}

type Summary = Record<string, ReturnType<typeof summarizeReplications>>;

/** 95 % intervals across replications for every numeric result. */
function summarize(runs: Run[], inputs: ReadonlySet<string>): Summary {
  const out: Summary = {};
  for (const key of Object.keys(runs[0] ?? {})) {
    if (key === 'seed' || inputs.has(key) || typeof runs[0]![key] !== 'number') continue;
    out[key] = summarizeReplications(runs.map((r) => r[key] as number));
  }
  return out;
}

const fmt = (v: unknown) =>
  typeof v === 'number'
    ? Number.isInteger(v)
      ? String(v)
      : v.toPrecision(8)
    : Array.isArray(v)
      ? `[${v.map((x) => Number(x).toFixed(4)).join(', ')}]`
      : String(v);

function renderRun(header: Record<string, unknown>, run: Run): string {
  const lines = [`${header.file}: ${header.kind} (rng ${header.rng}, seed ${run.seed}, ${header.engine})`];
  for (const [k, v] of Object.entries(run))
    if (k !== 'seed' && k !== 'rng') lines.push(`  ${k.padEnd(24)} ${fmt(v)}`);
  return `${lines.join('\n')}\n`;
}

function renderSummary(header: Record<string, unknown>, seed: number, n: number, summary: Summary): string {
  const lines = [
    `${header.file}: ${header.kind}, ${n} replications (seeds ${seed}..${seed + n - 1}, rng ${header.rng})`,
    `  ${'metric'.padEnd(24)} ${'mean'.padStart(14)}  95 % half-width`,
  ];
  for (const [k, s] of Object.entries(summary))
    lines.push(
      `  ${k.padEnd(24)} ${s.mean.toPrecision(8).padStart(14)}  ± ${Number.isNaN(s.halfWidth) ? 'n/a' : s.halfWidth.toPrecision(3)}`,
    );
  return `${lines.join('\n')}\n`;
}
