import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from './twin.js';
import { simulate } from './__fixtures__/run-cli.js';

const repo = new URL('../../', import.meta.url);
const goldenFile = new URL('../shared/des/golden.jsonl', repo);
const available = existsSync(goldenFile);
if (!available && process.env.CI === 'true') throw new Error(`CI needs ${goldenFile.pathname}`);
if (!available) console.warn(`notice: ${goldenFile.pathname} not found; golden simulation runs skipped`);
const golden: Record<string, unknown>[] = available
  ? readFileSync(goldenFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
  : [];

function expectClose(actual: number, expected: number, what: string): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}

const label = (g: Record<string, unknown>) =>
  g.model === 'A'
    ? `A seed ${g.seed} n ${g.n}`
    : `B seed ${g.seed} M ${g.machines} breakdowns ${g.breakdowns}`;

describe.skipIf(!available)('twin simulate --rng mt19937 reproduces every golden run', () => {
  it.each(golden.map((g) => [label(g), g] as const))('%s', async (_, g) => {
    const args =
      g.model === 'A'
        ? ['scenarios/reference/mm1.yaml', '--param', `n=${g.n}`]
        : [
            'scenarios/reference/jobshop.yaml',
            ...[
              '--param',
              `scale=${g.scale}`,
              '--param',
              `machines=${g.machines}`,
              '--param',
              `breakdowns=${g.breakdowns}`,
            ],
          ];
    const { code, json, err } = await simulate(
      ...args,
      '--rng',
      'mt19937',
      '--seed',
      String(g.seed),
      '--json',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    for (const [key, expected] of Object.entries(g)) {
      if (typeof expected === 'number' && !Number.isInteger(expected)) expectClose(json[key], expected, key);
      else if (key === 'utilization')
        expect((json[key] as number[]).map((u) => Number(u.toFixed(6)))).toEqual(expected);
      else expect(json[key], key).toEqual(expected);
    }
  });
});

describe('replications with the default generator agree with the reference statistics', () => {
  // SimPy, 30 replications (seeds 1..30): shared/des/SPEC.md §3.
  const covers = (s: { low: number; high: number }, value: number) => s.low <= value && value <= s.high;
  const overlaps = (s: { low: number; high: number }, mean: number, half: number) =>
    s.low <= mean + half && mean - half <= s.high;

  it('M/M/1: the interval covers Wq = 9 and overlaps the SimPy interval', async () => {
    const { json } = await simulate(
      'scenarios/reference/mm1.yaml',
      '--replications',
      '30',
      '--seed',
      '1',
      '--json',
    );
    expect(json.seeds).toHaveLength(30);
    expect(covers(json.summary.mean_wait_batch, 9)).toBe(true);
    expect(overlaps(json.summary.mean_wait_all, 9.045, 0.201)).toBe(true);
  });

  it('job shop without breakdowns covers the analytic flow time 30 and utilisation 0.75', async () => {
    const { json } = await simulate(
      ...['scenarios/reference/jobshop.yaml', '--param', 'breakdowns=false'],
      ...['--replications', '30', '--seed', '1', '--json'],
    );
    expect(covers(json.summary.mean_flow_time, 30)).toBe(true);
    expect(covers(json.summary.mean_utilization, 0.75)).toBe(true);
    expect(overlaps(json.summary.mean_flow_time, 30.41, 0.51)).toBe(true);
  });

  it('job shop with breakdowns lands inside the SimPy intervals', async () => {
    const { json } = await simulate(
      'scenarios/reference/jobshop.yaml',
      '--replications',
      '30',
      '--seed',
      '1',
      '--json',
    );
    const s = json.summary;
    expect(overlaps(s.mean_flow_time, 48.85, 1.08)).toBe(true);
    expect(overlaps(s.jobs_completed_window, 10021, 41)).toBe(true);
    expect(overlaps(s.down_fraction_mean, 0.048, 0.0007)).toBe(true);
    expect(overlaps(s.failures_total, 1054.7, 11.2)).toBe(true);
    expect(covers(s.down_fraction_mean, 5 / 105)).toBe(true);
  });

  it('results do not depend on the number of workers', async () => {
    const args = [
      'scenarios/reference/jobshop.yaml',
      '--replications',
      '4',
      '--seed',
      '7',
      '--param',
      'scale=0.1',
      '--json',
    ];
    const one = await simulate(...args, '--workers', '1');
    const two = await simulate(...args, '--workers', '2');
    expect(two.json.runs).toEqual(one.json.runs);
    expect(new Set(one.json.runs.map((r: { mean_flow_time: number }) => r.mean_flow_time)).size).toBe(4);
  });
});

describe('twin compare', () => {
  it('runs the same seeds on each file and gives paired differences (common random numbers)', async () => {
    let out = '';
    const argv = [
      'compare',
      'scenarios/reference/jobshop.yaml',
      'scenarios/reference/jobshop.yaml',
      '--param',
      'scale=0.2',
    ];
    const code = await main([...argv, '--replications', '5', '--seed', '2', '--json'], {
      out: (t) => (out += t),
      err: () => undefined,
    });
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.seeds).toEqual([2, 3, 4, 5, 6]);
    const flow = report.kpis.find((k: { kpi: string }) => k.kpi === 'mean_flow_time');
    // The same model twice under the same seeds: every paired difference is exactly zero.
    expect(flow.results[1].difference.meanDiff).toBe(0);
    expect(flow.results[1].difference.halfWidth).toBe(0);
    expect(flow.results[0].summary.n).toBe(5);
  });

  it('needs two files', async () => {
    let err = '';
    const code = await main(['compare', 'scenarios/reference/jobshop.yaml'], {
      out: () => undefined,
      err: (t) => (err += t),
    });
    expect(code).toBe(2);
    expect(err).toMatch(/at least two files/);
  });
});

describe('bad input', () => {
  it('an unknown parameter or a negative scale gives a clear error', async () => {
    const unknown = await simulate('scenarios/reference/jobshop.yaml', '--param', 'speed=2');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(
      /params\.speed: unknown parameter of the jobshop model \(known: machines, scale, breakdowns/,
    );
    const negative = await simulate('scenarios/reference/jobshop.yaml', '--param', 'scale=-1');
    expect(negative.code).toBe(1);
    expect(negative.err).toMatch(/params\.scale: must be > 0 \(found -1\)/);
    const malformed = await simulate('scenarios/reference/jobshop.yaml', '--param', 'scale');
    expect(malformed.err).toMatch(/expected key=value/);
    const rng = await simulate('scenarios/reference/jobshop.yaml', '--rng', 'lcg');
    expect(rng.code).toBe(2);
  });

  it('the same seed gives the same result; another seed another', async () => {
    const a = await simulate(
      'scenarios/reference/jobshop.yaml',
      '--param',
      'scale=0.1',
      '--seed',
      '3',
      '--json',
    );
    const b = await simulate(
      'scenarios/reference/jobshop.yaml',
      '--param',
      'scale=0.1',
      '--seed',
      '3',
      '--json',
    );
    const c = await simulate(
      'scenarios/reference/jobshop.yaml',
      '--param',
      'scale=0.1',
      '--seed',
      '4',
      '--json',
    );
    expect(b.json).toEqual(a.json);
    expect(c.json.mean_flow_time).not.toBe(a.json.mean_flow_time);
    expect(a.json.seed).toBe(3);
    expect(a.json.engine).toMatch(/^shopfloor-twin \d/);
  });
});
