import { describe, it, expect } from 'vitest';
// Tests may read fixtures from disk (DESIGN.md purity applies to product code only).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseOrlib } from './orlib.js';
import { instanceStats } from './stats.js';
import type { BenchmarkInstance, ParseIssue } from './instance.js';

function parsed(text: string): BenchmarkInstance {
  const result = parseOrlib(text);
  if (!result.ok) throw new Error(`unexpected issues: ${JSON.stringify(result.issues)}`);
  return result.instance;
}

function issuesOf(text: string): ParseIssue[] {
  const result = parseOrlib(text);
  if (result.ok) throw new Error('expected the parse to fail');
  return result.issues;
}

const op = (machine: number, duration: number) => ({ alternatives: [{ machine, duration }] });

describe('parseOrlib: valid input', () => {
  const expected: BenchmarkInstance = {
    format: 'orlib',
    machineCount: 3,
    firstMachine: 0,
    jobs: [{ operations: [op(0, 3), op(1, 2), op(2, 2)] }, { operations: [op(2, 4), op(0, 1), op(1, 0)] }],
  };

  it('parses a small instance, zero durations included', () => {
    expect(parsed('2 3\n0 3 1 2 2 2\n2 4 0 1 1 0\n')).toEqual(expected);
  });

  it('tolerates CRLF, comments, blank lines and stray whitespace', () => {
    const text = '# tiny instance\r\n\r\n  2   3 \r\n# job 1\r\n\t0 3 1 2 2 2\r\n\r\n2 4 0 1 1 0   \r\n\r\n';
    expect(parsed(text)).toEqual(expected);
  });

  it('gives equal totals since every operation has a single alternative', () => {
    const stats = instanceStats(parsed('2 3\n0 3 1 2 2 2\n2 4 0 1 1 0\n'));
    expect(stats).toEqual({
      jobs: 2,
      operations: 6,
      machines: 3,
      machinesUsed: 3,
      totalProcessingTime: 12,
      totalProcessingTimeMean: 12,
      totalProcessingTimeMax: 12,
      maxOperationsPerJob: 3,
      averageAlternatives: 1,
    });
  });
});

describe('parseOrlib: errors name the line', () => {
  it('reports a missing header', () => {
    expect(issuesOf('')).toEqual([{ line: 1, message: expect.stringContaining('missing header') }]);
    expect(issuesOf('# only a comment\n\n')[0]?.message).toContain('missing header');
  });

  it('reports a garbled header', () => {
    for (const header of ['2 x', '2', '2 3 4', '2 3.0']) {
      const [issue] = issuesOf(`# c\n${header}\n0 1 1 1 2 1\n`);
      expect(issue).toMatchObject({ line: 2, message: expect.stringContaining('garbled header') });
    }
    for (const header of ['0 3', '-1 3', '2 0']) {
      expect(issuesOf(`${header}\n`)[0]).toMatchObject({
        line: 1,
        message: expect.stringContaining('at least 1'),
      });
    }
  });

  it('reports non-integer tokens with their column', () => {
    const issues = issuesOf('1 3\n0 3 1 x 2 2.5\n');
    expect(issues).toEqual([
      { line: 2, column: 7, message: 'job 1: duration must be an integer, found "x"' },
      { line: 2, column: 11, message: 'job 1: duration must be an integer, found "2.5"' },
    ]);
    expect(issuesOf('1 2\n\na 1 1 1\n')[0]).toMatchObject({
      line: 3,
      message: expect.stringContaining('machine must be an integer'),
    });
  });

  it('reports a negative duration', () => {
    expect(issuesOf('1 2\n0 4 1 -2\n')).toEqual([
      { line: 2, column: 7, message: 'job 1: negative duration -2' },
    ]);
  });

  it('reports a machine out of range', () => {
    const [issue] = issuesOf('2 2\n0 1 1 1\n1 1 2 1\n');
    expect(issue).toMatchObject({
      line: 3,
      column: 5,
      message: expect.stringContaining('machine 2 out of range'),
    });
  });

  it('reports a job line with the wrong number of pairs', () => {
    expect(issuesOf('1 3\n0 1 1 1\n')[0]).toMatchObject({
      line: 2,
      message: 'job 1: expected 3 (machine, duration) pairs, found 2',
    });
    expect(issuesOf('1 2\n0 1 1 1 7\n')[0]?.message).toBe(
      'job 1: expected 2 (machine, duration) pairs, found 2 and 1 unpaired token',
    );
  });

  it('reports a job that visits a machine twice', () => {
    const [issue] = issuesOf('1 3\n1 5 0 5 1 5\n');
    expect(issue).toMatchObject({ line: 2, column: 9 });
    expect(issue?.message).toContain('visits machine 1 twice (operations 1 and 3)');
  });

  it('reports too few and too many job lines', () => {
    const few = issuesOf('3 1\n0 1\n0 2\n');
    expect(few).toEqual([{ line: 3, message: 'too few job lines: expected 3, found 2' }]);
    const many = issuesOf('1 1\n0 1\n# extra\n0 2\n0 3\n');
    expect(many).toEqual([
      { line: 4, message: expect.stringContaining('too many job lines: expected 1, found 3') },
    ]);
  });

  it('collects every issue, in line order', () => {
    const issues = issuesOf('3 2\n0 1 2 1\n0 -1 1 1\n1 1\n');
    expect(issues.map((i) => i.line)).toEqual([2, 3, 4]);
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringContaining('machine 2 out of range'),
      expect.stringContaining('negative duration'),
      expect.stringContaining('expected 2 (machine, duration) pairs, found 1'),
    ]);
  });

  it('caps the list at 50 and says how many were left out', () => {
    const text = `100 1\n${'0 -1\n'.repeat(100)}`;
    const issues = issuesOf(text);
    expect(issues).toHaveLength(50);
    expect(issues[48]?.line).toBe(50);
    expect(issues[49]).toEqual({ line: 51, message: '51 more issues not shown' });
  });
});

// The shared benchmark folder sits next to the repository; CI always has it, a laptop may not.
const BENCH = new URL('../../../shared/benchmarks/jssp/', import.meta.url);
const hasBench = existsSync(BENCH);
const mustHaveBench = process.env.CI === 'true';
if (!hasBench && !mustHaveBench)
  console.warn(`benchmarks not found at ${BENCH.pathname}: skipping JSSP files`);

describe('parseOrlib: the classic JSSP instances', () => {
  it.skipIf(!hasBench && !mustHaveBench)('parses every file and matches bounds.json', () => {
    expect(hasBench, `CI needs the benchmarks at ${BENCH.pathname}`).toBe(true);
    const bounds = JSON.parse(readFileSync(new URL('bounds.json', BENCH), 'utf8')) as Record<
      string,
      { jobs: number; machines: number }
    >;
    const names = readdirSync(BENCH).filter((name) => !name.includes('.'));
    expect(names.sort()).toEqual(Object.keys(bounds).sort());
    for (const name of names) {
      const result = parseOrlib(readFileSync(new URL(name, BENCH), 'utf8'));
      expect(result, name).toMatchObject({ ok: true });
      if (!result.ok) continue;
      const stats = instanceStats(result.instance);
      const { jobs, machines } = bounds[name] ?? {};
      expect({ name, jobs: stats.jobs, machines: stats.machines }).toEqual({ name, jobs, machines });
      expect(stats.machinesUsed, name).toBe(stats.machines);
      expect(stats.operations, name).toBe(stats.jobs * stats.machines);
    }
  });

  it.skipIf(!hasBench && !mustHaveBench)('ft06 has 36 operations and 197 units of work', () => {
    const stats = instanceStats(parsed(readFileSync(new URL('ft06', BENCH), 'utf8')));
    expect(stats).toMatchObject({ jobs: 6, operations: 36, machines: 6, totalProcessingTime: 197 });
    expect(stats.totalProcessingTimeMax).toBe(197);
  });

  it.skipIf(!hasBench && !mustHaveBench)('keeps the zero-duration operation of orb07', () => {
    const inst = parsed(readFileSync(new URL('orb07', BENCH), 'utf8'));
    expect(inst.jobs[9]?.operations[9]).toEqual(op(0, 0));
  });
});
