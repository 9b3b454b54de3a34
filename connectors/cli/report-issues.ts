import { TwinError } from '../../twin/errors.js';
import type { LocatedIssue } from '../../scenarios/parse.js';
import type { CliOutput } from './output.js';

/** `file:line:col: path: reason [CODE]`, the shape editors and CI logs link to. */
export function formatIssue(file: string, problem: LocatedIssue): string {
  const where =
    problem.line === undefined
      ? file
      : `${file}:${problem.line}${problem.column ? `:${problem.column}` : ''}`;
  const path = problem.path ? `${problem.path}: ` : '';
  return `${where}: ${path}${problem.message} [${problem.code}]`;
}

export function formatIssues(file: string, issues: readonly LocatedIssue[]): string {
  const lines = issues.map((p) => formatIssue(file, p));
  lines.push(`${issues.length} problem${issues.length === 1 ? '' : 's'} in ${file}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The loaded input, or undefined once its problems are written to `io.err` (the command then exits 1):
 * `const loaded = reported(file, io, await readScenarioFile(file)); if (!loaded) return 1;`
 */
export function reported<R extends { ok: true } | { ok: false; issues: readonly LocatedIssue[] }>(
  file: string,
  io: CliOutput,
  read: R,
): Extract<R, { ok: true }> | undefined {
  if (read.ok) return read as Extract<R, { ok: true }>;
  io.err(formatIssues(file, (read as { issues: readonly LocatedIssue[] }).issues));
  return undefined;
}

/** A TwinError from a command's work as `file: reason [CODE]`: exit code 2 when internal, else 1. Rethrows others. */
export function reportTwinError(file: string, error: unknown, io: CliOutput): number {
  if (!(error instanceof TwinError)) throw error;
  io.err(`${file}: ${error.message} [${error.code}]\n`);
  return error.code === 'TWIN_E_INTERNAL' ? 2 : 1;
}
