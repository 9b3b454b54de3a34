import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './twin.js';
import { simulate } from './__fixtures__/run-cli.js';

describe('twin simulate on plant scenarios', () => {
  it('prints sensible KPIs for the demo plant', async () => {
    const { code, json } = await simulate(
      'scenarios/demo-plant.yaml',
      '--replications',
      '1',
      '--seed',
      '5',
      '--json',
    );
    expect(code).toBe(0);
    expect(json.seed).toBe(5);
    expect(json.orders_completed + json.orders_unfinished).toBe(100);
    expect(json.orders_completed).toBeGreaterThan(80);
    expect(json.makespan_h).toBeGreaterThan(24);
    expect(json.on_time_rate).toBeGreaterThanOrEqual(0);
    expect(json.on_time_rate).toBeLessThanOrEqual(1);
    expect(json.energy_kwh).toBeGreaterThan(0);
    for (const m of json.detail.machines) {
      expect(m.utilisation).toBeGreaterThanOrEqual(0);
      expect(m.utilisation).toBeLessThanOrEqual(1);
      for (const f of ['availability', 'performance', 'quality', 'oee'])
        expect(m.oee[f]).toBeLessThanOrEqual(1);
    }
  });

  it('replications give intervals, and the same seeds give the same numbers on any worker count', async () => {
    const args = ['scenarios/small-plant.yaml', '--replications', '4', '--seed', '9', '--json'];
    const a = await simulate(...args, '--workers', '2');
    const b = await simulate(...args, '--workers', '1');
    expect(a.code).toBe(0);
    expect(a.json.summary.mean_flow_time_h.n).toBe(4);
    expect(a.json.summary.mean_flow_time_h.halfWidth).toBeGreaterThan(0);
    expect(b.json.runs.map((r: { mean_flow_time_h: number }) => r.mean_flow_time_h)).toEqual(
      a.json.runs.map((r: { mean_flow_time_h: number }) => r.mean_flow_time_h),
    );
  });

  it('--trace writes the event trace of a plant run: states per machine and every operation', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'twin-trace-')), 'trace.json');
    const { code, err } = await simulate(
      'scenarios/small-plant.yaml',
      '--replications',
      '1',
      '--trace',
      file,
    );
    expect(code).toBe(0);
    expect(err).toMatch(/trace of seed 42 written/);
    const trace = JSON.parse(readFileSync(file, 'utf8'));
    const machines = new Set(trace.stateChanges.map((c: { machine: string }) => c.machine));
    for (const machine of ['L1', 'OV1', 'W1', 'CMM1']) expect(machines.has(machine)).toBe(true);
    expect(trace.stateChanges.some((c: { state: string }) => c.state === 'running')).toBe(true);
    // 3 short-shaft orders × 4 operations + 2 long-shaft orders × 3 + SO-0999 with its turning already done: 20.
    expect(trace.operations.length).toBe(20);
    for (const op of trace.operations) expect(op.end).toBeGreaterThan(op.start);
    const reference = await simulate('scenarios/reference/jobshop.yaml', '--trace', file);
    expect(reference.code).toBe(1);
  });

  it('a dispatching rule can be chosen, and unknown or bad parameters are named', async () => {
    const spt = await simulate(
      'scenarios/small-plant.yaml',
      '--replications',
      '1',
      '--param',
      'rule=spt',
      '--json',
    );
    expect(spt.json.rule).toBe('spt');
    const unknown = await simulate('scenarios/small-plant.yaml', '--param', 'speed=3');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/params\.speed: unknown parameter of a plant/);
    const rule = await simulate('scenarios/small-plant.yaml', '--param', 'rule=lifo');
    expect(rule.err).toMatch(/params\.rule: must be one of: fifo, spt, edd, cr, atc/);
    const horizon = await simulate('scenarios/small-plant.yaml', '--param', 'horizonS=-5');
    expect(horizon.err).toMatch(/params\.horizonS: must be a number ≥ 1/);
  });

  it('a what-if edit (turning three times slower) lengthens flow times, measured as a paired difference', async () => {
    const base = readFileSync('scenarios/small-plant.yaml', 'utf8');
    const variant = join(mkdtempSync(join(tmpdir(), 'twin-whatif-')), 'slow-turning.yaml');
    writeFileSync(
      variant,
      base.replace(
        '\nexperiment:',
        '  - { kind: processingTime, product: shaft-short, operation: turn, factor: 3 }\n\nexperiment:',
      ),
    );
    let out = '';
    const code = await main(
      ['compare', 'scenarios/small-plant.yaml', variant, '--replications', '3', '--json'],
      {
        out: (t) => (out += t),
        err: () => undefined,
      },
    );
    expect(code).toBe(0);
    const flow = JSON.parse(out).kpis.find((k: { kpi: string }) => k.kpi === 'mean_flow_time_h');
    expect(flow.results[1].difference.meanDiff).toBeGreaterThan(0);
  });
});
