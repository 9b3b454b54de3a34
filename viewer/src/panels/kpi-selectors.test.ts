import { describe, expect, it } from 'vitest';
import type { TwinKpis } from '../api/types.js';
import type { KpiSample, TimeView } from '../store/state.js';
import { kpiFigures, trendSeries } from './kpi-selectors.js';

const kpis: TwinKpis = {
  oee: { availability: 0.9, performance: 0.8, quality: 0.95, oee: 0.684 },
  lines: {},
  throughputPerHour: 120,
  wip: 14,
  energyKwh: 530,
  powerKw: 440,
  bottleneck: 'MC2',
};

const sample = (atMs: number, oee: number): KpiSample => ({
  atMs,
  oee,
  throughputPerHour: atMs / 10,
  wip: 3,
  powerKw: 10,
  energyKwh: atMs / 100,
});

describe('kpiFigures', () => {
  it('gives the live figures with OEE and its three factors', () => {
    const f = kpiFigures(kpis, { mode: 'live' });
    expect(f.oee).toEqual({ value: 0.684, source: 'live' });
    expect([f.availability.value, f.performance.value, f.quality.value]).toEqual([0.9, 0.8, 0.95]);
    expect(f.throughputPerHour.value).toBe(120);
    expect(f.wip.value).toBe(14);
    expect(f.energyKwh.value).toBe(530);
    expect(f.powerKw.value).toBe(440);
    expect(f.bottleneck).toBe('MC2');
  });

  it('has no values before the first KPIs arrive', () => {
    const f = kpiFigures(undefined, { mode: 'live' });
    expect(f.oee.value).toBeUndefined();
    expect(f.bottleneck).toBeUndefined();
  });

  it('takes the figures the time view gives, marked with its mode, and keeps live ones for the rest', () => {
    const view: TimeView = { mode: 'future', atMs: 5, machines: {}, kpis: { oee: 0.5, wip: 7 } };
    const f = kpiFigures(kpis, view);
    expect(f.oee).toEqual({ value: 0.5, source: 'future' });
    expect(f.wip).toEqual({ value: 7, source: 'future' });
    // Live factors would not belong to the simulated OEE.
    expect(f.availability).toEqual({ value: undefined, source: 'future' });
    expect(f.throughputPerHour).toEqual({ value: 120, source: 'live' });
    expect(f.powerKw.source).toBe('live');
  });

  it('keeps everything live when the replay has no KPIs', () => {
    const f = kpiFigures(kpis, { mode: 'replay', atMs: 5, machines: {} });
    expect(f.oee.source).toBe('live');
    expect(f.availability.value).toBe(0.9);
  });
});

describe('trendSeries', () => {
  const trend = [sample(1000, 0.1), sample(2000, 0.2), sample(3000, 0.3)];

  it('gives one series per figure, oldest first', () => {
    expect(trendSeries(trend, 'oee', { mode: 'live' })).toEqual([0.1, 0.2, 0.3]);
    expect(trendSeries(trend, 'throughputPerHour', { mode: 'live' })).toEqual([100, 200, 300]);
  });

  it('stops at the replayed moment, and runs whole for the simulated future', () => {
    expect(trendSeries(trend, 'oee', { mode: 'replay', atMs: 2500, machines: {} })).toEqual([0.1, 0.2]);
    expect(trendSeries(trend, 'oee', { mode: 'future', atMs: 2500, machines: {} })).toHaveLength(3);
  });
});
