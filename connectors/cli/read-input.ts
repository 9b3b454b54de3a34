import { readFile } from 'node:fs/promises';
import { issue } from '../../twin/validate/issue.js';
import { loadScenarioText, type InputFormat, type LoadedScenario } from '../../scenarios/load.js';

/** Read a scenario or benchmark file from disk; a file that cannot be read is one more issue, not a crash. */
export async function readScenarioFile(file: string, format?: InputFormat): Promise<LoadedScenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return {
      ok: false,
      format: format ?? 'scenario',
      issues: [issue('TWIN_E_FILE', [], `cannot read the file: ${reason}`)],
    };
  }
  return loadScenarioText(text, file, format);
}
