import { issue } from '../twin/validate/issue.js';
import { parseFjs } from './importers/fjs.js';
import { detectBenchmarkFormat, type ParseResult } from './importers/instance.js';
import { parseOrlib } from './importers/orlib.js';
import { benchmarkToScenario } from './importers/to-scenario.js';
import { parseScenario, type LocatedIssue } from './parse.js';
import type { Scenario } from './schema.js';
import { validateScenario } from './validate.js';

export const INPUT_FORMATS = ['scenario', 'orlib', 'fjs'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export type LoadedScenario =
  | { ok: true; scenario: Scenario; edited: Scenario; format: InputFormat }
  | { ok: false; format: InputFormat; issues: LocatedIssue[] };

/** The format a file name implies, if its extension says. */
export function formatFromName(name: string): InputFormat | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext === 'yaml' || ext === 'yml' || ext === 'json') return 'scenario';
  if (ext === 'fjs') return 'fjs';
  if (ext === 'jss' || ext === 'jsp' || ext === 'orlib') return 'orlib';
  return undefined;
}

/** The given format, else the one the name's extension says, else the one the content shows. */
export function resolveFormat(text: string, name: string, format?: InputFormat): InputFormat {
  return format ?? formatFromName(name) ?? detectBenchmarkFormat(text) ?? 'scenario';
}

/**
 * Any input the product accepts as a scenario: a scenario file, or a benchmark instance (by `format`, by the
 * name's extension, else by its content).
 */
export function loadScenarioText(text: string, name: string, format?: InputFormat): LoadedScenario {
  const chosen = resolveFormat(text, name, format);
  if (chosen === 'scenario') {
    const parsed = parseScenario(text);
    return parsed.ok
      ? { ok: true, scenario: parsed.scenario, edited: parsed.edited, format: chosen }
      : { ok: false, format: chosen, issues: parsed.issues };
  }
  const parsed: ParseResult = chosen === 'orlib' ? parseOrlib(text) : parseFjs(text);
  if (!parsed.ok) {
    return {
      ok: false,
      format: chosen,
      issues: parsed.issues.map((p) => ({
        ...issue('TWIN_E_BENCHMARK_FORMAT', [], p.message),
        line: p.line,
        ...(p.column !== undefined && { column: p.column }),
      })),
    };
  }
  const baseName = name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || 'benchmark';
  const validated = validateScenario(benchmarkToScenario(parsed.instance, baseName));
  return validated.ok
    ? { ok: true, scenario: validated.value, edited: validated.value, format: chosen }
    : { ok: false, format: chosen, issues: validated.issues };
}
