import { describe, expect, it } from 'vitest';
import {
  Counter,
  Tally,
  TimeWeighted,
  batchMeans,
  compareReplications,
  summarizeReplications,
  tQuantile,
} from './index.js';

describe('stats index', () => {
  it('re-exports the toolkit', () => {
    for (const f of [batchMeans, compareReplications, summarizeReplications, tQuantile]) {
      expect(typeof f).toBe('function');
    }
  });

  it("agrees with Little's law on a queue trace that starts and ends empty", () => {
    // One FIFO server; arrivals and service times chosen by hand. For a path empty at 0 and at T,
    // ∫ L dt over [0, T] = Σ (departure − arrival) exactly, so mean L = throughput × mean flow time.
    const arrivals = [0, 1, 2, 6, 6.5];
    const service = [2, 2, 1, 0.5, 1];
    const departures: number[] = [];
    let free = 0;
    for (let i = 0; i < arrivals.length; i++) {
      free = Math.max(free, arrivals[i]!) + service[i]!;
      departures.push(free); // 2, 4, 5, 6.5, 7.5
    }
    const events = [
      ...arrivals.map((t) => ({ t, delta: 1, flow: NaN })),
      ...departures.map((t, i) => ({ t, delta: -1, flow: t - arrivals[i]! })),
    ].sort((x, y) => x.t - y.t || x.delta - y.delta); // departures first at equal times
    const inSystem = new TimeWeighted();
    const flow = new Tally();
    const done = new Counter();
    let level = 0;
    for (const e of events) {
      level += e.delta;
      inSystem.update(e.t, level);
      if (e.delta < 0) {
        flow.observe(e.flow);
        done.record(e.t);
      }
    }
    const end = departures.at(-1)!;
    expect(inSystem.integral(end)).toBe(flow.sum);
    expect(inSystem.mean(end)).toBeCloseTo((done.count / end) * flow.mean, 14);
    expect(inSystem.max(end)).toBe(2);
  });
});
