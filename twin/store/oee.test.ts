import { describe, expect, it } from 'vitest';
import { zeroDurations } from './machine-record.js';
import { combineOee, computeOee, type OeeInput } from './oee.js';

const HOUR = 3_600_000;

function machine(runningH: number, idleH: number, good: number, idealCycleS: number, offH = 0): OeeInput {
  return {
    stateMs: { ...zeroDurations(), running: runningH * HOUR, idle: idleH * HOUR, off: offH * HOUR },
    goodParts: good,
    scrapParts: 0,
    idealCycleS,
  };
}

describe('OEE', () => {
  it('follows ISO 22400: off-shift time is not planned, performance from the ideal cycle', () => {
    const oee = computeOee(machine(6, 2, 360, 45, 16)); // 360 parts × 45 s = 4.5 h of ideal time in 6 h
    expect(oee.availability).toBeCloseTo(0.75);
    expect(oee.performance).toBeCloseTo(0.75);
    expect(oee.quality).toBe(1);
    expect(oee.oee).toBeCloseTo(0.5625);
  });

  it('combines machines weighted by running time; one without an ideal cycle counts at performance 1', () => {
    const lathe = machine(6, 2, 360, 45); // performance 0.75
    const oven = machine(6, 2, 4, 0); // batch furnace: no ideal cycle per part
    const line = combineOee([lathe, oven]);
    expect(line.availability).toBeCloseTo(0.75);
    expect(line.performance).toBeCloseTo((4.5 + 6) / 12);
    expect(computeOee(oven).performance).toBe(1);
  });

  it('never rates a machine above 1 when it made more than its ideal time allows', () => {
    const fast = machine(1, 0, 200, 45); // 2.5 h of ideal time in 1 h: counters or the ideal are off
    const slow = machine(1, 0, 40, 45); // 0.5 h
    expect(combineOee([fast, slow]).performance).toBeCloseTo((1 + 0.5) / 2);
  });
});
