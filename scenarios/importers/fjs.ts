// Flexible job-shop `.fjs` format: `n_jobs n_machines [avg_machines_per_op]`, then one line per job:
// n_ops, then per operation k followed by k (machine, duration) pairs. Machines are numbered from 1.
import { contentLines, integerToken, isNonNegativeNumber, IssueList, lastLine } from './instance.js';
import { readDuration, readMachine } from './instance.js';
import type { BenchmarkJob, BenchmarkOperation, ContentLine, ParseResult } from './instance.js';

export function parseFjs(text: string): ParseResult {
  const issues = new IssueList();
  const [header, ...jobLines] = contentLines(text);
  if (header === undefined) {
    const message = 'missing header: expected "n_jobs n_machines [avg_machines_per_op]"';
    return { ok: false, issues: [{ line: 1, message }] };
  }
  const jobCount = integerToken(header.tokens[0]);
  const machineCount = integerToken(header.tokens[1]);
  const { length } = header.tokens;
  // The third value is informative only (and absent in some collections), so it is checked, not used.
  const average = header.tokens[2];
  if (length < 2 || length > 3 || jobCount === undefined || machineCount === undefined) {
    const found = header.tokens.map((t) => t.text).join(' ');
    const message = `garbled header: expected "n_jobs n_machines [avg_machines_per_op]", found "${found}"`;
    return { ok: false, issues: [{ line: header.line, message }] };
  }
  if (jobCount < 1 || machineCount < 1) {
    const message = `header: n_jobs and n_machines must be at least 1, found ${jobCount} and ${machineCount}`;
    return { ok: false, issues: [{ line: header.line, message }] };
  }
  if (average !== undefined && !isNonNegativeNumber(average)) {
    const message = `header: avg_machines_per_op must be a non-negative number, found "${average.text}"`;
    issues.add(header.line, message, average.column);
  }

  const jobs = jobLines.slice(0, jobCount).map((line, j) => parseJob(line, j + 1, machineCount, issues));
  if (jobLines.length < jobCount) {
    issues.add(lastLine(text), `too few job lines: expected ${jobCount}, found ${jobLines.length}`);
  }
  const extra = jobLines[jobCount];
  if (extra !== undefined) {
    const message = `too many job lines: expected ${jobCount}, found ${jobLines.length} (extra content from here)`;
    issues.add(extra.line, message);
  }
  if (issues.count > 0) return { ok: false, issues: issues.list() };
  return { ok: true, instance: { format: 'fjs', jobs, machineCount, firstMachine: 1 } };
}

/** Walks the line token by token; a bad count (n_ops or k) stops the walk since later positions are unknown. */
function parseJob(line: ContentLine, job: number, machineCount: number, issues: IssueList): BenchmarkJob {
  const { tokens } = line;
  const operations: BenchmarkOperation[] = [];
  const first = tokens[0];
  const opCount = integerToken(first);
  if (opCount === undefined || opCount < 1) {
    issues.add(line.line, `job ${job}: n_ops must be an integer >= 1, found "${first?.text}"`, first?.column);
    return { operations };
  }
  let at = 1;
  for (let op = 1; op <= opCount; op++) {
    const where = `job ${job}, operation ${op}`;
    const kToken = tokens[at];
    if (kToken === undefined) {
      const message = `job ${job}: line ends after ${op - 1} of ${opCount} operations (expected k for operation ${op})`;
      issues.add(line.line, message);
      return { operations };
    }
    const k = integerToken(kToken);
    if (k === undefined || k < 1) {
      issues.add(line.line, `${where}: k must be an integer >= 1, found "${kToken.text}"`, kToken.column);
      return { operations };
    }
    const available = tokens.length - at - 1;
    if (available < 2 * k) {
      const message = `${where}: expected ${k} (machine, duration) pairs (${2 * k} tokens), found ${available} tokens before the end of the line`;
      issues.add(line.line, message, kToken.column);
      return { operations };
    }
    operations.push(parseOperation(line, at + 1, k, where, machineCount, issues));
    at += 1 + 2 * k;
  }
  const leftover = tokens[at];
  if (leftover !== undefined) {
    const message = `job ${job}: ${tokens.length - at} leftover token(s) after ${opCount} operations (expected ${at} tokens, found ${tokens.length})`;
    issues.add(line.line, message, leftover.column);
  }
  return { operations };
}

function parseOperation(
  line: ContentLine,
  start: number,
  k: number,
  where: string,
  machineCount: number,
  issues: IssueList,
): BenchmarkOperation {
  const alternatives: BenchmarkOperation['alternatives'] = [];
  const seen = new Set<number>();
  for (let alt = 0; alt < k; alt++) {
    const machineToken = line.tokens[start + 2 * alt];
    const machine = readMachine(machineToken, line.line, where, [1, machineCount], issues);
    const duration = readDuration(line.tokens[start + 2 * alt + 1], line.line, where, issues);
    if (machine !== undefined && seen.has(machine)) {
      issues.add(
        line.line,
        `${where}: machine ${machine} listed twice among alternatives`,
        machineToken?.column,
      );
    }
    if (machine !== undefined) seen.add(machine);
    alternatives.push({ machine: machine ?? -1, duration: duration ?? -1 });
  }
  return { alternatives };
}
