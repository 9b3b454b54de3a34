import { describe, expect, it } from 'vitest';
import type { Observation } from '../schema/observation.js';
import { TwinStore } from './twin-store.js';
import { BoundedLog } from './event-log.js';
import { computeOee } from './oee.js';

const T0 = Date.UTC(2026, 10, 23, 6);
const obs = (
  asset: string,
  signal: string,
  value: Observation['value'],
  dtS: number,
  quality: Observation['quality'] = 'good',
): Observation => ({
  source: 'test',
  asset,
  signal,
  value,
  quality,
  sourceTs: T0 + dtS * 1000,
});

function store(): TwinStore {
  return new TwinStore(
    [
      { id: 'M1', line: 'L1', kind: 'cnc', powerKw: { running: 10, idle: 2 }, idealCycleS: 30 },
      { id: 'M2', line: 'L1', kind: 'cnc' },
      { id: 'M3', line: 'L2', kind: 'oven' },
    ],
    { startMs: T0, eventLogSize: 5 },
  );
}

describe('TwinStore', () => {
  it('follows states and counts time per state from the observations', () => {
    const s = store();
    expect(s.apply(obs('M1', 'state', 'idle', 0))?.state).toBe('idle');
    expect(s.apply(obs('M1', 'state', 'idle', 10))).toBeUndefined();
    s.apply(obs('M1', 'state', 'running', 60));
    s.apply(obs('M1', 'state', 'down', 660));
    const v = s.machineView('M1', T0 + 720_000)!;
    expect(v.state).toBe('down');
    expect(v.itemState).toBe('OutOfService');
    expect(v.stateMs.idle).toBe(60_000);
    expect(v.stateMs.running).toBe(600_000);
    expect(v.stateMs.down).toBe(60_000);
    // 1 min idle at 2 kW + 10 min running at 10 kW + 1 min down (like idle) at 2 kW
    expect(v.energyKwh).toBeCloseTo((2 * 60 + 10 * 600 + 2 * 60) / 3600, 9);
  });

  it('raises an alarm when a machine goes down and clears it when it comes back', () => {
    const s = store();
    s.apply(obs('M2', 'state', 'down', 5));
    expect(s.alarmList(true).map((a) => [a.asset, a.kind])).toEqual([['M2', 'machineDown']]);
    s.apply(obs('M2', 'state', 'idle', 50));
    expect(s.alarmList(true)).toEqual([]);
    expect(s.alarmList()).toHaveLength(1);
  });

  it('derives the shop-floor state from OPC 40001-1 item state and operation mode', () => {
    const s = store();
    s.apply(obs('M3', 'itemState', 'Executing', 1));
    expect(s.apply(obs('M3', 'operationMode', 'Setup', 2))?.state).toBe('setup');
    expect(s.apply(obs('M3', 'operationMode', 'Processing', 3))?.state).toBe('running');
    expect(s.apply(obs('M3', 'itemState', 'Bogus', 4))).toBeUndefined();
    expect(s.machineView('M3')!.state).toBe('running');
  });

  it('tracks the current job, counters, WIP and throughput; a counter reset is not negative output', () => {
    const s = store();
    s.apply(obs('M1', 'order', 'SO-1', 0));
    s.apply(obs('M2', 'order', 'SO-2', 0));
    s.apply(obs('M1', 'operation', 'op10', 0));
    s.apply(obs('M1', 'partCount', 10, 100));
    s.apply(obs('M1', 'partCount', 25, 200));
    s.apply(obs('M1', 'partCount', 5, 300)); // reset, then 5 more
    s.apply(obs('M2', 'order', '', 300));
    const snap = s.snapshot(T0 + 400_000);
    const m1 = snap.machines.find((m) => m.id === 'M1')!;
    expect(m1.order).toBe('SO-1');
    expect(m1.operation).toBe('op10');
    expect(m1.partCount).toBe(5);
    expect(snap.kpis.wip).toBe(1);
    expect(snap.kpis.throughputPerHour).toBe(30);
  });

  it('marks bad quality, keeps the value, and counts observations of unknown assets without applying them', () => {
    const s = store();
    const d = s.apply(obs('M1', 'spindleLoad', null, 3, 'bad'));
    expect(d?.quality).toBe('bad');
    expect(s.alarmList(true).map((a) => a.kind)).toEqual(['badQuality']);
    s.apply(obs('M1', 'spindleLoad', 42, 4));
    expect(s.machineView('M1')!.signals.spindleLoad).toMatchObject({ value: 42, quality: 'good' });
    expect(s.alarmList(true)).toEqual([]);
    expect(s.apply(obs('nope', 'state', 'idle', 5))).toBeUndefined();
    expect(s.unknownAssets).toBe(1);
  });

  it('numbers changes in sequence and keeps a bounded event log', () => {
    const s = store();
    const seqs = ['idle', 'running', 'idle', 'running', 'setup', 'running', 'idle'].map(
      (state, k) => s.apply(obs('M2', 'state', state, k))!.seq,
    );
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(s.events.length).toBe(5);
    expect(s.events.dropped).toBe(2);
    expect(s.events.toArray().at(-1)?.detail).toBe('running → idle');
  });

  it('names the busiest machine as the bottleneck and computes line OEE', () => {
    const s = store();
    s.apply(obs('M1', 'state', 'running', 0));
    s.apply(obs('M2', 'state', 'running', 0));
    s.apply(obs('M2', 'state', 'idle', 100));
    s.apply(obs('M1', 'partCount', 10, 300));
    const snap = s.snapshot(T0 + 300_000);
    expect(snap.kpis.bottleneck).toBe('M1');
    expect(snap.kpis.lines.L1!.availability).toBeCloseTo(400 / 600, 9);
    expect(snap.machines.find((m) => m.id === 'M1')!.oee.performance).toBe(1);
  });
});

describe('computeOee', () => {
  it('is availability × performance × quality with planned time excluding off-shift and maintenance', () => {
    const stateMs = {
      running: 600_000,
      idle: 200_000,
      setup: 100_000,
      down: 100_000,
      maintenance: 500_000,
      blocked: 0,
      starved: 0,
      off: 900_000,
    };
    const oee = computeOee({ stateMs, goodParts: 9, scrapParts: 1, idealCycleS: 30 });
    expect(oee.availability).toBeCloseTo(0.6, 12);
    expect(oee.performance).toBeCloseTo(0.5, 12);
    expect(oee.quality).toBeCloseTo(0.9, 12);
    expect(oee.oee).toBeCloseTo(0.27, 12);
  });
});

describe('BoundedLog', () => {
  it('keeps the newest entries in order', () => {
    const log = new BoundedLog<number>(3);
    for (let i = 1; i <= 5; i++) log.push(i);
    expect(log.toArray()).toEqual([3, 4, 5]);
    expect(log.toArray((x) => x % 2 === 1)).toEqual([3, 5]);
  });
});

describe('signal names from the plant', () => {
  it('keeps names like __proto__ and toString as plain signals', () => {
    const s = new TwinStore([{ id: 'M1', line: 'L1', kind: 'cnc' }], { startMs: 0 });
    for (const signal of ['__proto__', 'toString', 'constructor']) {
      s.apply({ source: 't', asset: 'M1', signal, value: 7, quality: 'good', sourceTs: 1 });
    }
    const signals = s.machineView('M1')!.signals;
    expect(Object.keys(signals).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(signals.toString).toMatchObject({ value: 7 });
  });
});
