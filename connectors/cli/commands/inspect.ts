import { inspectScenario, type InspectReport } from '../../../scenarios/inspect.js';
import type { InputFormat } from '../../../scenarios/load.js';
import type { CliOutput } from '../output.js';
import { readScenarioFile } from '../read-input.js';
import { reported } from '../report-issues.js';

/** `twin inspect <file> [--json]`: what is in it and where the work piles up. */
export async function inspectCommand(
  file: string,
  options: { format?: InputFormat; json?: boolean },
  io: CliOutput,
): Promise<number> {
  const loaded = reported(file, io, await readScenarioFile(file, options.format));
  if (!loaded) return 1;
  // A scenario is its model with its what-if edits applied (loading applied them).
  const report = { ...inspectScenario(loaded.edited), editsApplied: loaded.scenario.edits?.length ?? 0 };
  if (options.json) io.out(`${JSON.stringify({ file, format: loaded.format, ...report }, null, 2)}\n`);
  else io.out(renderReport(file, loaded.format, report));
  return 0;
}

const hours = (s: number) => (s / 3600).toFixed(1);
const isBenchmark = (format: InputFormat) => format !== 'scenario';

function renderReport(
  file: string,
  format: InputFormat,
  r: InspectReport & { editsApplied: number },
): string {
  const unit = (s: number) => (isBenchmark(format) ? `${s}` : `${Math.round(s)} s (${hours(s)} h)`);
  const lines = [
    `${r.name}  (${file}, ${format})`,
    ...(r.editsApplied ? [`  what-if edits applied  ${r.editsApplied}`] : []),
    `  jobs (orders)          ${r.jobs}`,
    `  products               ${r.products}`,
    `  operations             ${r.operations}`,
    `  machines               ${r.machines} in ${r.lines} line${r.lines === 1 ? '' : 's'}`,
    `  total processing time  ${unit(r.totalProcessingTime)} on the fastest machines` +
      (r.totalProcessingTimeMean !== r.totalProcessingTime
        ? `; ${unit(r.totalProcessingTimeMean)} on average`
        : ''),
  ];
  if (r.horizonS !== undefined)
    lines.push(`  order horizon          ${hours(r.horizonS)} h (first release to last due date)`);
  lines.push('', 'Load per machine (work spread evenly over alternative machines):');
  const header = ['machine', 'line', isBenchmark(format) ? 'load' : 'load h', 'available h', 'utilisation'];
  const rows = r.load.map((m) => [
    m.machine,
    m.line,
    isBenchmark(format) ? m.loadS.toFixed(0) : hours(m.loadS),
    m.availableS === undefined ? '-' : hours(m.availableS),
    m.utilisation === undefined ? '-' : `${(m.utilisation * 100).toFixed(0)} %`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  for (const row of [header, ...rows])
    lines.push(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`);
  if (r.bottleneck) {
    const b = r.bottleneck;
    const why =
      b.utilisation === undefined
        ? 'the most work'
        : `${(b.utilisation * 100).toFixed(0)} % of its working time`;
    lines.push('', `Likely bottleneck: ${b.machine}${b.name ? ` (${b.name})` : ''}, ${why}`);
  }
  return `${lines.join('\n')}\n`;
}
