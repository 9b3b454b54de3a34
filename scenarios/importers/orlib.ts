// OR-Library job-shop format: `n_jobs n_machines`, then one line per job of (machine, duration) pairs in
// processing order, machines numbered from 0, each machine visited exactly once.
import { contentLines, integerToken, IssueList, lastLine, readDuration, readMachine } from './instance.js';
import type { BenchmarkJob, ContentLine, ParseResult } from './instance.js';

export function parseOrlib(text: string): ParseResult {
  const lines = contentLines(text);
  const issues = new IssueList();
  const [header, ...jobLines] = lines;
  if (header === undefined) {
    return { ok: false, issues: [{ line: 1, message: 'missing header: expected "n_jobs n_machines"' }] };
  }
  const jobCount = integerToken(header.tokens[0]);
  const machineCount = integerToken(header.tokens[1]);
  if (header.tokens.length !== 2 || jobCount === undefined || machineCount === undefined) {
    const found = header.tokens.map((t) => t.text).join(' ');
    const message = `garbled header: expected 2 integers "n_jobs n_machines", found "${found}"`;
    return { ok: false, issues: [{ line: header.line, message }] };
  }
  if (jobCount < 1 || machineCount < 1) {
    const message = `header: n_jobs and n_machines must be at least 1, found ${jobCount} and ${machineCount}`;
    return { ok: false, issues: [{ line: header.line, message }] };
  }

  const jobs = jobLines.slice(0, jobCount).map((line, j) => parseJob(line, j + 1, machineCount, issues));
  if (jobLines.length < jobCount) {
    const message = `too few job lines: expected ${jobCount}, found ${jobLines.length}`;
    issues.add(lastLine(text), message);
  }
  const extra = jobLines[jobCount];
  if (extra !== undefined) {
    const message = `too many job lines: expected ${jobCount}, found ${jobLines.length} (extra content from here)`;
    issues.add(extra.line, message);
  }
  if (issues.count > 0) return { ok: false, issues: issues.list() };
  return { ok: true, instance: { format: 'orlib', jobs, machineCount, firstMachine: 0 } };
}

function parseJob(line: ContentLine, job: number, machineCount: number, issues: IssueList): BenchmarkJob {
  const { tokens } = line;
  if (tokens.length !== 2 * machineCount) {
    const pairs = Math.floor(tokens.length / 2);
    const odd = tokens.length % 2 === 1 ? ' and 1 unpaired token' : '';
    const message = `job ${job}: expected ${machineCount} (machine, duration) pairs, found ${pairs}${odd}`;
    issues.add(line.line, message);
  }
  const operations: BenchmarkJob['operations'] = [];
  const firstVisit = new Map<number, number>();
  for (let i = 0; i + 1 < tokens.length; i += 2) {
    const op = i / 2 + 1;
    const machine = readMachine(tokens[i], line.line, `job ${job}`, [0, machineCount - 1], issues);
    const duration = readDuration(tokens[i + 1], line.line, `job ${job}`, issues);
    if (machine !== undefined) {
      const earlier = firstVisit.get(machine);
      if (earlier !== undefined) {
        const message = `job ${job} visits machine ${machine} twice (operations ${earlier} and ${op}); each machine must appear once`;
        issues.add(line.line, message, tokens[i]?.column);
      } else firstVisit.set(machine, op);
    }
    operations.push({ alternatives: [{ machine: machine ?? -1, duration: duration ?? -1 }] });
  }
  return { operations };
}
