import { issue } from '../twin/validate/issue.js';
import { parseFjs } from './importers/fjs.js';
import { detectBenchmarkFormat, type BenchmarkInstance, type ParseResult } from './importers/instance.js';
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

/** A benchmark's name: the file's base name without extension (`…/jssp/ft06` → `ft06`, `mk01.fjs` → `mk01`). */
export function instanceName(name: string): string {
  return name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || 'benchmark';
}

/** A benchmark instance file parsed, or its problems with their lines (TWIN_E_BENCHMARK_FORMAT). */
export function parseBenchmark(
  text: string,
  format: 'orlib' | 'fjs',
): { ok: true; instance: BenchmarkInstance } | { ok: false; issues: LocatedIssue[] } {
  const parsed: ParseResult = format === 'orlib' ? parseOrlib(text) : parseFjs(text);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    issues: parsed.issues.map((p) => ({
      ...issue('TWIN_E_BENCHMARK_FORMAT', [], p.message),
      line: p.line,
      ...(p.column !== undefined && { column: p.column }),
    })),
  };
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
  const parsed = parseBenchmark(text, chosen);
  if (!parsed.ok) return { ok: false, format: chosen, issues: parsed.issues };
  const validated = validateScenario(benchmarkToScenario(parsed.instance, instanceName(name)));
  return validated.ok
    ? { ok: true, scenario: validated.value, edited: validated.value, format: chosen }
    : { ok: false, format: chosen, issues: validated.issues };
}
