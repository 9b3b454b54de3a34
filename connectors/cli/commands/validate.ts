import { loadScenarioText, resolveFormat, type InputFormat } from '../../../scenarios/load.js';
import { parseSimulationInput } from '../../../scenarios/parse.js';
import type { Scenario } from '../../../scenarios/schema.js';
import type { CliOutput } from '../output.js';
import { readTextFile } from '../read-input.js';
import { formatIssues } from '../report-issues.js';

const counts = (s: Scenario) =>
  `${s.machines.length} machines, ${s.products.length} products, ${s.orders.length} orders`;

/** `twin validate <file>`: 0 when valid, 1 with every problem listed otherwise. Reference model files count too. */
export async function validateCommand(
  file: string,
  options: { format?: InputFormat },
  io: CliOutput,
): Promise<number> {
  const read = await readTextFile(file);
  if (!read.ok) {
    io.err(formatIssues(file, [read.issue]));
    return 1;
  }
  const format = resolveFormat(read.text, file, options.format);
  if (format !== 'scenario') {
    const loaded = loadScenarioText(read.text, file, format);
    if (!loaded.ok) {
      io.err(formatIssues(file, loaded.issues));
      return 1;
    }
    io.out(`ok: ${file} is a valid ${format} instance (${counts(loaded.scenario)})\n`);
    return 0;
  }
  const parsed = parseSimulationInput(read.text);
  if (!parsed.ok) {
    io.err(formatIssues(file, parsed.issues));
    return 1;
  }
  io.out(
    parsed.kind === 'reference'
      ? `ok: ${file} is a valid reference model (${parsed.reference.model.kind})\n`
      : `ok: ${file} is a valid scenario (${counts(parsed.scenario)})\n`,
  );
  return 0;
}
