import { compareReplications, summarizeReplications } from '../../../solver/des/stats/replications.js';
import { metrics, runExperiment, type ExperimentOptions, type ExperimentRuns } from '../experiment.js';
import type { CliOutput } from '../output.js';

/**
 * `twin compare A B ...`: the same experiment (seeds, replications) on each file; every KPI with its 95 %
 * interval, and each file's difference from the first with a paired interval (common random numbers).
 */
export async function compareCommand(
  files: string[],
  options: ExperimentOptions,
  io: CliOutput,
): Promise<number> {
  if (files.length < 2) {
    io.err('twin compare: give at least two files\n');
    return 2;
  }
  const experiments: ExperimentRuns[] = [];
  for (const file of files) {
    const experiment = await runExperiment(file, options, io);
    if (!experiment) return 1;
    experiments.push(experiment);
  }
  const baseline = metrics(experiments[0]!);
  const table = [...baseline.keys()].map((kpi) => ({
    kpi,
    results: experiments.map((e, i) => {
      const values = metrics(e).get(kpi);
      if (!values) return { file: files[i]!, missing: true as const };
      const summary = summarizeReplications(values);
      const difference = i === 0 ? undefined : compareReplications(values, baseline.get(kpi)!);
      return { file: files[i]!, summary, ...(difference && { difference }) };
    }),
  }));
  const seeds = experiments[0]!.seeds;
  if (options.json) {
    io.out(`${JSON.stringify({ files, seeds, replications: seeds.length, kpis: table })}\n`);
    return 0;
  }
  const lines = [
    `${files.length} files, ${seeds.length} replications each (seeds ${seeds[0]}..${seeds.at(-1)}), differences from ${files[0]}`,
  ];
  for (const row of table) {
    lines.push(`  ${row.kpi}`);
    for (const r of row.results) {
      if ('missing' in r) {
        lines.push(`    ${r.file.padEnd(40)} (not reported)`);
        continue;
      }
      const half = (h: number) => (Number.isNaN(h) ? 'n/a' : h.toPrecision(3));
      const diff = r.difference
        ? `   Δ ${r.difference.meanDiff.toPrecision(5)} ± ${half(r.difference.halfWidth)}`
        : '';
      lines.push(
        `    ${r.file.padEnd(40)} ${r.summary.mean.toPrecision(6).padStart(12)} ± ${half(r.summary.halfWidth)}${diff}`,
      );
    }
  }
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
