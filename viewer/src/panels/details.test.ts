import { describe, expect, it } from 'vitest';
import type { Alarm, Assignment } from '../api/types.js';
import {
  meaningfulSteps,
  nextOperations,
  numericPoints,
  numericSignals,
  sortAlarms,
  timedOperations,
  traceSignalRows,
} from './details.js';

const a = (operation: string, startS: number, endS: number): Assignment =>
  ({ order: 'SO-1', operation, machine: 'M1', startS, endS }) as Assignment;

const alarm = (id: number, active: boolean, sinceMs: number): Alarm => ({
  id,
  asset: 'M1',
  kind: 'machineDown',
  message: 'M1 is down',
  sinceMs,
  active,
});

const sv = (value: number | string | null) => ({ value, quality: 'good' as const, ts: 0 });

describe('planned operations', () => {
  const planned = [a('c', 300, 400), a('a', 0, 100), a('b', 100, 250)];

  it('places assignments on the clock in time order', () => {
    const ops = timedOperations(planned, 10_000);
    expect(ops.map((o) => o.operation)).toEqual(['a', 'b', 'c']);
    expect(ops[1]).toMatchObject({ startMs: 110_000, endMs: 260_000 });
  });

  it('lists the next ones not yet ended, at most max', () => {
    expect(nextOperations(planned, 0, 150_000, 5).map((o) => o.operation)).toEqual(['b', 'c']);
    expect(nextOperations(planned, 0, 0, 1).map((o) => o.operation)).toEqual(['a']);
    expect(nextOperations(planned, 0, 400_000, 5)).toEqual([]);
  });
});

describe('sortAlarms', () => {
  it('puts active alarms first, newest first within each group', () => {
    const sorted = sortAlarms([
      alarm(1, false, 50),
      alarm(2, true, 10),
      alarm(3, false, 90),
      alarm(4, true, 20),
    ]);
    expect(sorted.map((x) => x.id)).toEqual([4, 2, 3, 1]);
  });
});

describe('signals', () => {
  it('keeps the numeric signals worth a chart, sorted', () => {
    const names = numericSignals({
      temperature: sv(25),
      order: sv('SO-1'),
      spindleLoad: sv(4),
      broken: sv(null),
      nan: sv(NaN),
    });
    expect(names).toEqual(['spindleLoad', 'temperature']);
  });

  it('pairs the numeric signals of a trace step at its start and end', () => {
    const rows = traceSignalRows({
      order: 'SO-1',
      machine: 'M1',
      startMs: 0,
      signalsAtStart: { temperature: sv(20), order: sv('SO-1') },
      signalsAtEnd: { temperature: sv(31), power: sv(3) },
    });
    expect(rows).toEqual([
      { signal: 'power', start: undefined, end: 3 },
      { signal: 'temperature', start: 20, end: 31 },
    ]);
  });

  it('takes the numeric points of a history answer', () => {
    const pts = numericPoints({
      asset: 'M1',
      signal: 's',
      fromMs: 0,
      toMs: 10,
      points: [
        { ts: 1, value: 2, quality: 'good' },
        { ts: 2, value: null, quality: 'bad' },
        { ts: 3, value: 4, quality: 'good' },
      ],
    });
    expect(pts).toEqual({ ts: [1, 3], values: [2, 4] });
  });
});

describe('meaningfulSteps', () => {
  it('drops the empty steps of an order reported before its operation', () => {
    const base = { order: 'SO-1', machine: 'M1', signalsAtStart: {} };
    const steps = [
      { ...base, startMs: 5, endMs: 5 },
      { ...base, operation: 'turn', startMs: 5, endMs: 90 },
      { ...base, startMs: 100 },
      { ...base, startMs: 200, endMs: 260 },
    ];
    expect(meaningfulSteps(steps)).toEqual([steps[1], steps[2], steps[3]]);
  });
});
