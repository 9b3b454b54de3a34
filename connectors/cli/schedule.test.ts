import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadShopProblemText } from '../../scenarios/load-shop.js';
import { checkPlan } from '../../solver/check/check-plan.js';
import { FastRandom } from '../../solver/heuristics/fast-random.js';
import { FT06_ORLIB } from '../../solver/shop/__fixtures__/ft06.js';
import type { ShopProblem } from '../../solver/shop/problem.js';
import { runCli } from './__fixtures__/run-cli.js';

const schedule = (...argv: string[]) => runCli('schedule', ...argv);

/** Files in a fresh temporary folder; returns the path of each. */
function tempFiles(files: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'twin-schedule-'));
  return Object.fromEntries(
    Object.entries(files).map(([name, text]) => {
      writeFileSync(join(dir, name), text);
      return [name, join(dir, name)];
    }),
  );
}

/** A random 10x5 OR-Library job shop: harder than ft06 for the placeholder search. */
function randomOrlib(seed: number): string {
  const rng = new FastRandom(seed);
  const rows = Array.from({ length: 10 }, () => {
    const order = [0, 1, 2, 3, 4];
    for (let i = order.length - 1; i > 0; i--) {
      const k = rng.int(i + 1);
      [order[i], order[k]] = [order[k]!, order[i]!];
    }
    return order.map((machine) => `${machine} ${rng.between(1, 99)}`).join(' ');
  });
  return `10 5\n${rows.join('\n')}\n`;
}

interface JsonSchedule {
  instance: string;
  makespan: number;
  lowerBound: number;
  stopReason: string;
  seed: number;
  workers: number;
  iterations: number;
  schedule: { job: number; op: number; machine: number | string; start: number; end: number }[];
}

/** The --json schedule mapped back onto the problem (machine numbers or ids to dense indices) and checked. */
function expectValidSchedule(problem: ShopProblem, report: JsonSchedule) {
  const operations = problem.jobs.flatMap((job, j) => job.operations.map((_, k) => `${j}/${k}`));
  expect(report.schedule.map((s) => `${s.job}/${s.op}`).sort()).toEqual(operations.sort());
  const dense = (label: number | string) =>
    problem.machines.findIndex((m) => (typeof label === 'number' ? m.number === label : m.id === label));
  const plan = {
    operations: report.schedule.map((s) => ({ ...s, machine: dense(s.machine) })),
    makespan: report.makespan,
  };
  expect(checkPlan(problem, plan).violations).toEqual([]);
}

function problemOf(file: string): ShopProblem {
  const loaded = loadShopProblemText(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.problem;
}

describe('twin schedule', () => {
  it('finds the optimum of ft06, stopping at the lower bound from bounds.json beside it', async () => {
    const files = tempFiles({
      ft06: FT06_ORLIB,
      'bounds.json': JSON.stringify({ ft06: { jobs: 6, machines: 6, lb: 55, ub: 55, optimal: true } }),
    });
    const { code, err, json } = await schedule(files.ft06!, '--workers', '2', '--time-limit', '20', '--json');
    expect(err).toBe(''); // quiet under --json
    expect(code).toBe(0);
    const report = json as JsonSchedule;
    expect(report).toMatchObject({ instance: 'ft06', makespan: 55, lowerBound: 55, stopReason: 'target' });
    expect(report).toMatchObject({ seed: 1, workers: 2 });
    expect(report.schedule).toHaveLength(36);
    expect(report.schedule[0]).toEqual({
      job: 0,
      op: 0,
      machine: 2,
      start: expect.any(Number),
      end: expect.any(Number),
    });
    expectValidSchedule(problemOf(files.ft06!), report);
  });

  it('gives the same schedule for the same --seed, --workers and --iterations', async () => {
    const { 'r10x5.jss': file } = tempFiles({ 'r10x5.jss': randomOrlib(17) });
    const args = [file!, '--seed', '9', '--workers', '2', '--iterations', '1500', '--json'];
    const [a, b] = [await schedule(...args), await schedule(...args)];
    expect(a.code).toBe(0);
    const [ra, rb] = [a.json as JsonSchedule, b.json as JsonSchedule];
    expect(ra.stopReason === 'iterations' || ra.stopReason === 'target').toBe(true);
    expect(rb.schedule).toEqual(ra.schedule);
    expect({ ...rb, timeToBestS: 0 }).toEqual({ ...ra, timeToBestS: 0 });
    expectValidSchedule(problemOf(file!), ra);
  });

  it('prints a summary and the incumbents as they come', async () => {
    const { 'r10x5.jss': file } = tempFiles({ 'r10x5.jss': randomOrlib(4) });
    const { code, out, err } = await schedule(file!, '--workers', '1', '--iterations', '500');
    expect(code).toBe(0);
    expect(err).toMatch(/r10x5: searching on 1 worker \(500 iterations per worker; Ctrl-C stops\)/);
    expect(err).toMatch(/ {2}makespan \d+ at \d+\.\d\d s \(\d+ iterations\)/);
    for (const label of [
      'makespan',
      'lower bound',
      'gap',
      'time to best',
      'iterations',
      'seed',
      'workers',
      'stopped',
    ])
      expect(out).toMatch(new RegExp(`^  ${label} +\\S`, 'm'));
    expect(out).toMatch(/lower bound +\d+ \(computed\)/);
    expect(out).toMatch(/seed +1\n/);
  });

  it('schedules a .fjs instance with machine numbers as in the file (from 1)', async () => {
    const { 'tiny.fjs': file } = tempFiles({
      'tiny.fjs': '3 2 1.5\n2 2 1 3 2 4 1 2 2\n1 2 1 5 2 3\n2 1 1 4 1 2 1\n',
    });
    const { code, json } = await schedule(file!, '--workers', '1', '--iterations', '200', '--json');
    expect(code).toBe(0);
    const report = json as JsonSchedule;
    expect(new Set(report.schedule.map((s) => s.machine))).toEqual(new Set([1, 2]));
    expectValidSchedule(problemOf(file!), report);
  });

  it('schedules a scenario with the shop engine, naming machines by id', async () => {
    const file = new URL('../../scenarios/small-plant.yaml', import.meta.url).pathname;
    const { code, json } = await schedule(
      file,
      '--engine',
      'shop',
      '--workers',
      '1',
      '--iterations',
      '100',
      '--json',
    );
    expect(code).toBe(0);
    const report = json as JsonSchedule;
    expect(report.instance).toBe('Small plant');
    expect(report.schedule.every((s) => typeof s.machine === 'string')).toBe(true);
    expectValidSchedule(problemOf(file), report);
  });

  it.each([
    [
      'a machine out of range',
      '2 2\n0 1 5 2\n1 1 0 1\n',
      /bad:2:\d+: job 1: machine 5 out of range \[0, 1\]/,
    ],
    ['a negative duration', '2 2\n0 1 1 2\n1 -1 0 1\n', /bad:3:\d+: job 2: negative duration -1/],
    ['too few job lines', '3 2\n0 1 1 2\n1 1 0 1\n', /bad:3: too few job lines: expected 3, found 2/],
    [
      'a job with too few pairs',
      '2 2\n0 1 1 2\n1 1\n',
      /bad:3: job 2: expected 2 \(machine, duration\) pairs, found 1/,
    ],
  ])('rejects an instance with %s, naming the line', async (_, text, message) => {
    const { bad: file } = tempFiles({ bad: text });
    const { code, out, err } = await schedule(file!, '--format', 'orlib', '--iterations', '10');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).toMatch(/\[TWIN_E_BENCHMARK_FORMAT\]/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('reports a missing file and bad options', async () => {
    expect((await schedule('no/such/file')).err).toMatch(
      /cannot read the file: no such file \[TWIN_E_FILE\]/,
    );
    expect((await schedule('x', '--time-limit', '0')).code).toBe(2);
    expect((await schedule('x', '--workers', '0')).err).toMatch(/--workers must be a whole number ≥ 1/);
  });
});
