import { describe, expect, it } from 'vitest';
import type { TwinEvent } from '../api/types.js';
import { buildReplayIndex, machinesAt, replayKpis, upperBound } from './replay.js';

let seq = 0;
const ev = (atMs: number, asset: string, kind: TwinEvent['kind'], detail: string): TwinEvent => ({
  seq: ++seq,
  atMs,
  asset,
  kind,
  detail,
});

describe('upperBound', () => {
  it('finds the first element greater than t', () => {
    const a = Float64Array.from([10, 20, 20, 30]);
    expect(upperBound(a, 5)).toBe(0);
    expect(upperBound(a, 10)).toBe(1);
    expect(upperBound(a, 20)).toBe(3);
    expect(upperBound(a, 31)).toBe(4);
    expect(upperBound(new Float64Array(0), 1)).toBe(0);
  });
});

describe('replay from the event log', () => {
  const live = {
    M1: { state: 'running' as const, order: 'O2' },
    M2: { state: 'down' as const },
    M3: { state: 'idle' as const, order: 'O9' },
  };
  // Given out of order on purpose: the index sorts by time.
  const events = [
    ev(3000, 'M1', 'state', 'setup → running'),
    ev(1000, 'M1', 'state', 'idle → setup'),
    ev(1000, 'M1', 'job', 'order O1'),
    ev(2500, 'M1', 'job', 'order O2'),
    ev(2000, 'M2', 'state', 'running → down'),
    ev(2000, 'M2', 'alarm', 'M2 is down'),
    ev(1500, 'M2', 'job', 'order O7'),
    ev(2200, 'M2', 'job', 'order —'),
    ev(2100, 'M2', 'job', 'operation op3'),
    ev(9000, 'M1', 'state', 'running → idle'), // after now: not in the live state yet
    ev(1200, 'GHOST', 'state', 'idle → running'),
    ev(1300, 'M3', 'state', 'flying → idle'),
  ];
  const index = buildReplayIndex(live, events, 5000);

  it('walks state back from the live state', () => {
    expect(machinesAt(index, 500).M1).toEqual({ state: 'idle' });
    expect(machinesAt(index, 1000).M1).toEqual({ state: 'setup', order: 'O1' });
    expect(machinesAt(index, 2999).M1).toEqual({ state: 'setup', order: 'O2' });
    expect(machinesAt(index, 3000).M1).toEqual({ state: 'running', order: 'O2' });
    expect(machinesAt(index, 1999).M2).toEqual({ state: 'running', order: 'O7' });
    expect(machinesAt(index, 2100).M2).toEqual({ state: 'down', order: 'O7' });
    expect(machinesAt(index, 2300).M2).toEqual({ state: 'down' });
  });

  it('keeps the live order of a machine with no logged order change, and skips bad events', () => {
    expect(machinesAt(index, 0).M3).toEqual({ state: 'idle', order: 'O9' });
    expect(index.skipped).toBe(1);
    expect(index.coverageStartMs).toBe(1000);
    expect(machinesAt(index, 0).GHOST).toBeUndefined();
  });

  it('is the live state at or after now', () => {
    expect(machinesAt(index, 5000)).toEqual({
      M1: { state: 'running', order: 'O2' },
      M2: { state: 'down' },
      M3: { state: 'idle', order: 'O9' },
    });
  });

  it('derives running share, WIP and machines down', () => {
    expect(replayKpis(machinesAt(index, 1999))).toEqual({ runningShare: 1 / 3, wip: 3, down: 0 });
    expect(replayKpis(machinesAt(index, 2300))).toEqual({ runningShare: 0, wip: 2, down: 1 });
    expect(replayKpis({})).toEqual({ runningShare: 0, wip: 0, down: 0 });
  });

  it('answers for 2,000 machines with 100,000 events (timings belong to benchmarks, not tests)', () => {
    const big: Record<string, { state: 'idle' }> = {};
    const log: TwinEvent[] = [];
    for (let m = 0; m < 2000; m++) big[`M${m}`] = { state: 'idle' };
    for (let i = 0; i < 100_000; i++) {
      const m = i % 2000;
      const running = Math.floor(i / 2000) % 2 === 0;
      log.push(ev(i, `M${m}`, 'state', running ? 'idle → running' : 'running → idle'));
    }
    const big1 = buildReplayIndex(big, log, 100_000);
    let wip = 0;
    for (let k = 0; k < 100; k++) wip += replayKpis(machinesAt(big1, k * 1000)).runningShare;
    expect(wip).toBeGreaterThan(0);
    expect(machinesAt(big1, 1999).M0).toEqual({ state: 'running' });
    expect(machinesAt(big1, 2000).M0).toEqual({ state: 'idle' });
  });
});
