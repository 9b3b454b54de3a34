import { readFile } from 'node:fs/promises';
import { issue, type ValidationIssue } from '../../twin/validate/issue.js';
import { loadScenarioText, type InputFormat, type LoadedScenario } from '../../scenarios/load.js';
import { loadShopProblemText, type LoadedShopProblem } from '../../scenarios/load-shop.js';

/** A file's text, or why it cannot be read as one more issue (never a crash). */
export async function readTextFile(
  file: string,
): Promise<{ ok: true; text: string } | { ok: false; issue: ValidationIssue }> {
  try {
    return { ok: true, text: await readFile(file, 'utf8') };
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { ok: false, issue: issue('TWIN_E_FILE', [], `cannot read the file: ${reason}`) };
  }
}

/** Read a scenario or benchmark file from disk. */
export async function readScenarioFile(file: string, format?: InputFormat): Promise<LoadedScenario> {
  const read = await readTextFile(file);
  if (!read.ok) return { ok: false, format: format ?? 'scenario', issues: [read.issue] };
  return loadScenarioText(read.text, file, format);
}

/** Read a benchmark instance or a scenario from disk as the scheduler's problem. */
export async function readShopProblemFile(file: string, format?: InputFormat): Promise<LoadedShopProblem> {
  const read = await readTextFile(file);
  if (!read.ok) return { ok: false, format: format ?? 'scenario', issues: [read.issue] };
  return loadShopProblemText(read.text, file, format);
}
