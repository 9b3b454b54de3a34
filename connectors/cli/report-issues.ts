import type { LocatedIssue } from '../../scenarios/parse.js';

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
