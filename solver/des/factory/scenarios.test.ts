import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, type ScenarioFile } from './__fixtures__/scenario-file.js';
import type { Plan } from '../../../twin/schema/plan.js';
import type { FactoryResult } from './kpis.js';
import { simulateFactory, type FactoryInput } from './run.js';
import { operationRows } from './trace.js';

function input(s: ScenarioFile, extra: Partial<FactoryInput> = {}): FactoryInput {
  return { ...s, seed: 42, rule: 'edd', ...extra };
}

function expectSane(r: FactoryResult, orders: number): void {
  expect(r.ordersCompleted).toBe(orders);
  expect(r.ordersUnfinished).toBe(0);
  expect(r.makespanS).toBeGreaterThan(0);
  expect(r.endS).toBe(r.makespanS);
  expect(r.energyKwh).toBeGreaterThan(0);
  expect(r.onTimeRate).toBeGreaterThanOrEqual(0);
  expect(r.onTimeRate).toBeLessThanOrEqual(1);
  expect(r.meanWip).toBeGreaterThan(0);
  for (const m of r.machines) {
    for (const x of [m.utilisation, m.oee.availability, m.oee.performance, m.oee.quality, m.oee.oee]) {
      expect(x, m.id).toBeGreaterThanOrEqual(0);
      expect(x, m.id).toBeLessThanOrEqual(1);
    }
    // The states cover the run, once each second.
    const total = Object.values(m.secondsByState).reduce((a, b) => a + b, 0);
    expect(total, m.id).toBeCloseTo(r.endS, 3);
  }
  for (const o of r.orders) expect(o.completionS, o.id).not.toBeNull();
}

const hours = (s: number) => (s / 3600).toFixed(1);

function summary(r: FactoryResult): string {
  const lines = [
    `seed ${r.seed} (${r.rngKind}), rule ${r.rule}, ${r.eventsProcessed} events, end ${hours(r.endS)} h`,
    `orders ${r.ordersCompleted}/${r.ordersCompleted + r.ordersUnfinished}, makespan ${hours(r.makespanS)} h, ` +
      `mean flow ${hours(r.meanFlowTimeS ?? NaN)} h, on time ${((r.onTimeRate ?? 0) * 100).toFixed(1)} %, ` +
      `weighted tardiness ${hours(r.totalWeightedTardinessS)} h`,
    `throughput ${r.throughput.ordersPerHour.toFixed(3)} orders/h, ${r.throughput.unitsPerHour.toFixed(1)} units/h, ` +
      `mean WIP ${r.meanWip.toFixed(2)} lots, energy ${r.energyKwh.toFixed(0)} kWh`,
    'machine  util   avail  perf   qual   OEE    kWh     run h  setup h down h  blocked h fails',
    ...r.machines.map((m) =>
      [
        m.id.padEnd(8),
        m.utilisation.toFixed(3),
        m.oee.availability.toFixed(3),
        m.oee.performance.toFixed(3),
        m.oee.quality.toFixed(3),
        m.oee.oee.toFixed(3),
        m.energyKwh.toFixed(0).padStart(6),
        hours(m.secondsByState.running).padStart(6),
        hours(m.secondsByState.setup).padStart(6),
        hours(m.secondsByState.down).padStart(6),
        hours(m.secondsByState.blocked).padStart(8),
        String(m.failures).padStart(5),
      ].join(' '),
    ),
  ];
  return lines.join('\n');
}

describe('scenario runs', () => {
  it('small plant runs to completion with sane KPIs', () => {
    const s = loadScenarioFile('small-plant.yaml');
    const r = simulateFactory(input(s));
    expectSane(r, s.orders.length);
    // The oven batches: fewer oven operations than lots would be without batching is not visible here, but
    // every lot went through it.
    expect(r.machines.find((m) => m.id === 'OV1')!.operations).toBe(s.orders.length);
  });

  it('same seed → identical result (trace included); another seed → another result', () => {
    const s = loadScenarioFile('small-plant.yaml');
    const a = simulateFactory(input(s, { trace: true }));
    const b = simulateFactory(input(s, { trace: true }));
    expect(b).toEqual(a);
    const c = simulateFactory(input(s, { seed: 43, trace: true }));
    expect(c.seed).toBe(43);
    expect(c.orders.map((o) => o.completionS)).not.toEqual(a.orders.map((o) => o.completionS));
    const mt = simulateFactory(input(s, { rng: 'mt19937' }));
    expect(mt.rngKind).toBe('mt19937');
    expect(mt.makespanS).not.toBe(a.makespanS);
  });

  it('following the plan read off a run’s trace reproduces that run exactly (same seed)', () => {
    // Draws are per (order, operation) and failures per machine, so the same sequence and start times give
    // the same run: a check of plan following, of setups counted back over breaks, and of the streams.
    const s = loadScenarioFile('demo-plant.yaml');
    const ruled = simulateFactory(input(s, { trace: true }));
    const ops = operationRows(ruled.trace!);
    const plan = {
      ...{ id: 'replay', version: 1, status: 'draft', trigger: { kind: 'initial' }, frozen: [] },
      ...{ createdAtMs: s.startMs, epochMs: s.startMs, seed: 42, inputHash: 'test', engine: 'test' },
      assignments: ops.map((o) => ({
        ...{ order: o.order, operation: o.operation, machine: o.machine },
        ...{ startS: o.start, endS: o.end, setupS: o.setupS },
      })),
    } as unknown as Plan;
    const followed = simulateFactory(input(s, { trace: true, plan }));
    const key = (o: (typeof ops)[number]) => `${o.order}/${o.operation}`;
    const sorted = (rows: typeof ops) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sorted(operationRows(followed.trace!))).toEqual(sorted(ops));
    expect(followed.makespanS).toBe(ruled.makespanS);
    expect(followed.machines.map((m) => m.failures)).toEqual(ruled.machines.map((m) => m.failures));
  });

  it('demo plant runs to completion with EDD; prints its KPIs', () => {
    const s = loadScenarioFile('demo-plant.yaml');
    simulateFactory(input(s)); // warm the JIT so the timing below is of a run, not of compilation
    const t0 = performance.now();
    const r = simulateFactory(input(s));
    const wallMs = performance.now() - t0;
    expectSane(r, s.orders.length);
    console.log(`demo plant, one run: ${wallMs.toFixed(0)} ms wall\n${summary(r)}`);
  });
});
