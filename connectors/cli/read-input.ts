import { readFile } from 'node:fs/promises';
import { parse as parseYaml, type YAMLError } from 'yaml';
import { Plan } from '../../twin/schema/plan.js';
import { issue, type ValidationIssue } from '../../twin/validate/issue.js';
import { checkSchema } from '../../twin/validate/schema-check.js';
import { loadScenarioText, type InputFormat, type LoadedScenario } from '../../scenarios/load.js';
import { loadShopProblemText, type LoadedShopProblem } from '../../scenarios/load-shop.js';
import type { LocatedIssue } from '../../scenarios/parse.js';

/** What a reader gives: the value, or every problem found (with the line where the parser gives it). */
export type Read<T> = { ok: true; value: T } | { ok: false; issues: LocatedIssue[] };

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

/** JSON or YAML text (JSON is YAML too) as a value, not yet checked against any schema. */
export function parseDataText(text: string): Read<unknown> {
  try {
    return { ok: true, value: parseYaml(text) };
  } catch (e) {
    const pos = (e as Partial<YAMLError>).linePos?.[0];
    const firstLine = (e as Error).message.split('\n')[0];
    return {
      ok: false,
      issues: [
        {
          ...issue('TWIN_E_YAML_SYNTAX', [], `not valid JSON or YAML: ${firstLine}`),
          ...(pos && { line: pos.line, column: pos.col }),
        },
      ],
    };
  }
}

/** A JSON or YAML file as a value, not yet checked against any schema. */
export async function readDataFile(file: string): Promise<Read<unknown>> {
  const read = await readTextFile(file);
  return read.ok ? parseDataText(read.text) : { ok: false, issues: [read.issue] };
}

/**
 * A plan file (JSON or YAML) checked against the twin's Plan schema: a plan itself, or the `--json` report of
 * `twin schedule <scenario>` or `twin reschedule`, which carries its plan under `plan`.
 */
export async function readPlanFile(file: string): Promise<Read<Plan>> {
  const read = await readDataFile(file);
  if (!read.ok) return read;
  const candidate = (read.value as { plan?: unknown } | null)?.plan ?? read.value;
  return checkSchema(Plan, candidate);
}
