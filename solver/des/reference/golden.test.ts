import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createStream } from '../random/streams.js';
import { JOBSHOP_DEFAULTS, runJobShop } from './jobshop.js';
import { MM1_DEFAULTS, runMm1 } from './mm1.js';

// Every run of shared/des/golden.jsonl, reproduced with CPython's generator: counts equal, floats within 1e-9.
const goldenFile = new URL('../../../../shared/des/golden.jsonl', import.meta.url);
const available = existsSync(goldenFile);
if (!available && process.env.CI === 'true') throw new Error(`CI needs ${goldenFile.pathname}`);
if (!available) console.warn(`notice: ${goldenFile.pathname} not found; golden DES runs skipped`);
const golden: Record<string, unknown>[] = available
  ? readFileSync(goldenFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
  : [];
const mt = (index: number) => createStream('mt19937', index);

function expectClose(actual: number, expected: number, what: string): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}

const label = (g: Record<string, unknown>) =>
  g.model === 'A'
    ? `A seed ${g.seed} n ${g.n}`
    : `B seed ${g.seed} M ${g.machines} breakdowns ${g.breakdowns}`;

describe.skipIf(!available)('reference models reproduce the golden runs', () => {
  it.each(golden.map((g) => [label(g), g] as const))('%s', (_, g) => {
    if (g.model === 'A') {
      const r = runMm1({ ...MM1_DEFAULTS, seed: g.seed as number, n: g.n as number }, mt);
      for (const key of ['mean_wait_all', 'mean_wait_batch', 'end_time'] as const) {
        expectClose(r[key], g[key] as number, key);
      }
      return;
    }
    const r = runJobShop(
      {
        ...JOBSHOP_DEFAULTS,
        seed: g.seed as number,
        scale: g.scale as number,
        machines: g.machines as number,
        breakdowns: g.breakdowns as boolean,
      },
      mt,
    );
    for (const key of [
      'arrivals',
      'jobs_completed_window',
      'jobs_completed_total',
      'wip_at_end',
      'failures_total',
      'ops_completed',
      'model_events',
    ] as const) {
      expect(r[key], key).toBe(g[key]);
    }
    for (const key of ['mean_flow_time', 'mean_utilization', 'down_fraction_mean'] as const) {
      expectClose(r[key], g[key] as number, key);
    }
    expect(r.utilization.map((u) => Number(u.toFixed(6)))).toEqual(g.utilization);
  });
});
