import { summarizeReplications } from '../../../solver/des/stats/replications.js';
import { metrics, runExperiment, type ExperimentOptions, type Run } from '../experiment.js';
import { writeFile } from 'node:fs/promises';
import type { CliOutput } from '../output.js';
import type { FactoryResult } from '../../../solver/des/factory/kpis.js';
import { operationRows, stateChangeRows } from '../../../solver/des/factory/trace.js';

export type SimulateOptions = ExperimentOptions;

/** `twin simulate <file>`: one run, or R replications (seeds seed..seed+R-1) with 95 % intervals. */
export async function simulateCommand(
  file: string,
  options: SimulateOptions,
  io: CliOutput,
): Promise<number> {
  const experiment = await runExperiment(file, options, io);
  if (!experiment) return 1;
  const { header, runs, seed, seeds } = experiment;
  if (options.trace) {
    const trace = (runs[0]?.detail as FactoryResult | undefined)?.trace;
    if (!trace) {
      io.err(`${file}: --trace records plant runs only\n`);
      return 1;
    }
    const rows = { file, seed, stateChanges: stateChangeRows(trace), operations: operationRows(trace) };
    try {
      await writeFile(options.trace, `${JSON.stringify(rows)}\n`);
    } catch (e) {
      io.err(`${options.trace}: cannot write the trace: ${(e as Error).message} [TWIN_E_FILE]\n`);
      return 1;
    }
    io.err(`trace of seed ${seed} written to ${options.trace}\n`);
  }
  // The trace travels in its own file, not in every printed result.
  for (const run of runs) if (run.detail) delete (run.detail as FactoryResult).trace;
  if (runs.length === 1) {
    const run = runs[0]!;
    io.out(options.json ? `${JSON.stringify({ ...header, ...run })}\n` : renderRun(header, run));
    return 0;
  }
  const summary = Object.fromEntries(
    [...metrics(experiment)].map(([k, values]) => [k, summarizeReplications(values)]),
  );
  if (options.json) {
    io.out(`${JSON.stringify({ ...header, seed, replications: runs.length, seeds, summary, runs })}\n`);
    return 0;
  }
  const lines = [
    `${file}: ${header.kind}, ${runs.length} replications (seeds ${seed}..${seed + runs.length - 1}, rng ${header.rng})`,
    `  ${'metric'.padEnd(24)} ${'mean'.padStart(14)}  95 % half-width`,
  ];
  for (const [k, s] of Object.entries(summary)) {
    const half = Number.isNaN(s.halfWidth) ? 'n/a' : s.halfWidth.toPrecision(3);
    lines.push(`  ${k.padEnd(24)} ${s.mean.toPrecision(8).padStart(14)}  ± ${half}`);
  }
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

const fmt = (v: unknown) =>
  typeof v === 'number'
    ? Number.isInteger(v)
      ? String(v)
      : v.toPrecision(8)
    : Array.isArray(v)
      ? `[${v.map((x) => Number(x).toFixed(4)).join(', ')}]`
      : String(v);

function renderRun(header: { file: string; kind: string; rng: string; engine: string }, run: Run): string {
  const lines = [`${header.file}: ${header.kind} (rng ${header.rng}, seed ${run.seed}, ${header.engine})`];
  for (const [k, v] of Object.entries(run)) {
    if (k !== 'seed' && k !== 'rng' && k !== 'detail') lines.push(`  ${k.padEnd(24)} ${fmt(v)}`);
  }
  const detail = run.detail as FactoryResult | undefined;
  if (detail) lines.push('', ...machineTable(detail));
  return `${lines.join('\n')}\n`;
}

/** Per machine: utilisation, OEE and its factors, energy; busiest first. */
function machineTable(result: FactoryResult): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const rows = [...result.machines]
    .sort((a, b) => b.utilisation - a.utilisation)
    .map((m) => [
      m.id,
      pct(m.utilisation),
      pct(m.oee.oee),
      pct(m.oee.availability),
      pct(m.oee.performance),
      pct(m.oee.quality),
      m.energyKwh.toFixed(0),
    ]);
  const header = ['machine', 'utilisation', 'OEE', 'availability', 'performance', 'quality', 'kWh'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const cell = (c: string, i: number) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!));
  return [header, ...rows].map((r) => `  ${r.map(cell).join('  ')}`);
}
