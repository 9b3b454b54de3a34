import type { InputFormat } from '../../../scenarios/load.js';
import type { CliOutput } from '../output.js';
import { readScenarioFile } from '../read-input.js';
import { formatIssues } from '../report-issues.js';

/** `twin validate <file>`: 0 when valid, 1 with every problem listed otherwise. */
export async function validateCommand(
  file: string,
  options: { format?: InputFormat },
  io: CliOutput,
): Promise<number> {
  const loaded = await readScenarioFile(file, options.format);
  if (!loaded.ok) {
    io.err(formatIssues(file, loaded.issues));
    return 1;
  }
  const s = loaded.scenario;
  io.out(
    `ok: ${file} is a valid ${loaded.format === 'scenario' ? 'scenario' : `${loaded.format} instance`} ` +
      `(${s.machines.length} machines, ${s.products.length} products, ${s.orders.length} orders)\n`,
  );
  return 0;
}
