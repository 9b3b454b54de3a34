import { describe, it, expect } from 'vitest';
// Tests may read fixtures from disk (DESIGN.md purity applies to product code only).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseFjs } from './fjs.js';
import { instanceStats } from './stats.js';
import type { BenchmarkInstance, ParseIssue } from './instance.js';

function parsed(text: string): BenchmarkInstance {
  const result = parseFjs(text);
  if (!result.ok) throw new Error(`unexpected issues: ${JSON.stringify(result.issues)}`);
  return result.instance;
}

function issuesOf(text: string): ParseIssue[] {
  const result = parseFjs(text);
  if (result.ok) throw new Error('expected the parse to fail');
  return result.issues;
}

/** The first issue of a one-job, three-machine file whose job line is `jobLine`. */
const jobIssue = (jobLine: string) => issuesOf(`1 3 2\n${jobLine}\n`)[0];

const JOBS = '2 1 1 4 2 2 3 3 1\n1 3 1 2 2 5 3 0\n';
const expected: BenchmarkInstance = {
  format: 'fjs',
  machineCount: 3,
  firstMachine: 1,
  jobs: [
    {
      operations: [
        { alternatives: [{ machine: 1, duration: 4 }] },
        {
          alternatives: [
            { machine: 2, duration: 3 },
            { machine: 3, duration: 1 },
          ],
        },
      ],
    },
    {
      operations: [
        {
          alternatives: [
            { machine: 1, duration: 2 },
            { machine: 2, duration: 5 },
            { machine: 3, duration: 0 },
          ],
        },
      ],
    },
  ],
};

describe('parseFjs: valid input', () => {
  it('parses a small instance with a real third header value', () => {
    expect(parsed(`2 3 1.5\n${JOBS}`)).toEqual(expected);
  });

  it('accepts a header without the third value', () => {
    expect(parsed(`2 3\n${JOBS}`)).toEqual(expected);
  });

  it('tolerates CRLF, comments, blank lines and stray whitespace', () => {
    const text = `# flexible\r\n\r\n 2 3 2 \r\n${JOBS.replaceAll('\n', '  \r\n\r\n# next\r\n')}`;
    expect(parsed(text)).toEqual(expected);
  });

  it('computes min, mean and max totals over alternatives', () => {
    expect(instanceStats(parsed(`2 3 2\n${JOBS}`))).toEqual({
      jobs: 2,
      operations: 3,
      machines: 3,
      machinesUsed: 3,
      totalProcessingTime: 4 + 1 + 0,
      totalProcessingTimeMean: 4 + 2 + 7 / 3,
      totalProcessingTimeMax: 4 + 3 + 5,
      maxOperationsPerJob: 2,
      averageAlternatives: 2,
    });
  });
});

describe('parseFjs: errors name the line', () => {
  it('reports a missing or garbled header', () => {
    expect(issuesOf('\n# nothing\n')).toEqual([
      { line: 1, message: expect.stringContaining('missing header') },
    ]);
    for (const header of ['2', '2 3 4 5', 'x 3', '2 3.5']) {
      const [issue] = issuesOf(`\n${header}\n1 1 1 1\n`);
      expect(issue).toMatchObject({ line: 2, message: expect.stringContaining('garbled header') });
    }
    expect(issuesOf('0 3\n')[0]?.message).toContain('at least 1');
    expect(issuesOf('1 3 abc\n1 1 1 1\n')).toEqual([
      {
        line: 1,
        column: 5,
        message: 'header: avg_machines_per_op must be a non-negative number, found "abc"',
      },
    ]);
  });

  it('reports n_ops < 1 and k < 1', () => {
    expect(jobIssue('0')).toMatchObject({
      line: 2,
      message: 'job 1: n_ops must be an integer >= 1, found "0"',
    });
    expect(jobIssue('x 1 1 1')?.message).toContain('n_ops must be an integer >= 1');
    expect(jobIssue('2 1 1 4 0')).toMatchObject({
      line: 2,
      column: 9,
      message: 'job 1, operation 2: k must be an integer >= 1, found "0"',
    });
  });

  it('reports machines outside [1, n_machines]', () => {
    expect(jobIssue('1 2 0 5 1 5')).toMatchObject({
      line: 2,
      column: 5,
      message: 'job 1, operation 1: machine 0 out of range [1, 3]',
    });
    expect(jobIssue('1 1 4 5')?.message).toContain('machine 4 out of range [1, 3]');
  });

  it('reports negative and non-integer durations', () => {
    expect(jobIssue('1 2 1 5 2 -1')).toMatchObject({
      line: 2,
      column: 11,
      message: expect.stringContaining('negative duration -1'),
    });
    expect(jobIssue('1 1 1 2.5')?.message).toContain('duration must be an integer, found "2.5"');
  });

  it('reports a machine listed twice within one operation', () => {
    expect(jobIssue('2 1 1 1 2 3 5 3 6')).toMatchObject({
      line: 2,
      column: 15,
      message: 'job 1, operation 2: machine 3 listed twice among alternatives',
    });
    // Across operations the same machine is fine.
    expect(parsed('1 3\n2 1 3 5 1 3 6\n').jobs[0]?.operations).toHaveLength(2);
  });

  it('reports missing and leftover tokens with what was expected', () => {
    expect(jobIssue('2 1 1 4 2 2 3')?.message).toBe(
      'job 1, operation 2: expected 2 (machine, duration) pairs (4 tokens), found 2 tokens before the end of the line',
    );
    expect(jobIssue('2 1 1 4')?.message).toBe(
      'job 1: line ends after 1 of 2 operations (expected k for operation 2)',
    );
    expect(jobIssue('1 1 1 4 9 9')).toMatchObject({
      line: 2,
      column: 9,
      message: 'job 1: 2 leftover token(s) after 1 operations (expected 4 tokens, found 6)',
    });
  });

  it('reports too few and too many job lines', () => {
    expect(issuesOf('2 3 1\n1 1 1 1\n\n')).toEqual([
      { line: 3, message: 'too few job lines: expected 2, found 1' },
    ]);
    expect(issuesOf('1 3 1\n1 1 1 1\n1 1 2 2\n')).toEqual([
      { line: 3, message: 'too many job lines: expected 1, found 2 (extra content from here)' },
    ]);
  });

  it('collects issues from several lines', () => {
    const issues = issuesOf('3 2\n1 1 3 1\n1 1 1 -4\n1 1 1 1 1\n');
    expect(issues.map((i) => i.line)).toEqual([2, 3, 4]);
  });
});

// The shared benchmark folder sits next to the repository; CI always has it, a laptop may not.
const BENCH = new URL('../../../shared/benchmarks/fjsp/', import.meta.url);
const hasBench = existsSync(BENCH);
const mustHaveBench = process.env.CI === 'true';
if (!hasBench && !mustHaveBench)
  console.warn(`benchmarks not found at ${BENCH.pathname}: skipping FJSP files`);
const read = (name: string) => readFileSync(new URL(name, BENCH), 'utf8');

describe('parseFjs: the Brandimarte instances', () => {
  it.skipIf(!hasBench && !mustHaveBench)('parses every .fjs file and matches bounds.json', () => {
    expect(hasBench, `CI needs the benchmarks at ${BENCH.pathname}`).toBe(true);
    const bounds = JSON.parse(read('bounds.json')) as Record<string, { jobs: number; machines: number }>;
    const names = readdirSync(BENCH).filter((name) => name.endsWith('.fjs'));
    expect(names.map((n) => n.replace(/\.fjs$/, '')).sort()).toEqual(Object.keys(bounds).sort());
    for (const file of names) {
      const name = file.replace(/\.fjs$/, '');
      const stats = instanceStats(parsed(read(file)));
      const { jobs, machines } = bounds[name] ?? {};
      expect({ name, jobs: stats.jobs, machines: stats.machines }).toEqual({ name, jobs, machines });
    }
  });

  it.skipIf(!hasBench && !mustHaveBench)('keeps the header machine count of mk06 (15, only 10 used)', () => {
    const stats = instanceStats(parsed(read('mk06.fjs')));
    expect(stats).toMatchObject({ machines: 15, machinesUsed: 10 });
  });

  it.skipIf(!hasBench && !mustHaveBench)('mk01 agrees with a plain re-tokenisation', () => {
    const text = read('mk01.fjs');
    // Independent reading: all numbers in one stream, walked without the parser's line structure.
    const nums = text
      .split(/\s+/)
      .filter((t) => t !== '')
      .map(Number);
    const at = (i: number) => nums[i] ?? NaN;
    let i = 3;
    let operations = 0;
    let minTotal = 0;
    for (let job = 0; job < at(0); job++) {
      const ops = at(i++);
      for (let o = 0; o < ops; o++) {
        const k = at(i++);
        const durations = Array.from({ length: k }, (_, a) => at(i + 2 * a + 1));
        i += 2 * k;
        minTotal += Math.min(...durations);
        operations += 1;
      }
    }
    expect(i).toBe(nums.length);
    const stats = instanceStats(parsed(text));
    expect(stats).toMatchObject({ jobs: 10, machines: 6, operations, totalProcessingTime: minTotal });
    expect(Number.isFinite(minTotal) && operations > 0).toBe(true);
  });
});
