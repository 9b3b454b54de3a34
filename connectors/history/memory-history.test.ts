import { describe, expect, it } from 'vitest';
import type { Observation, Quality } from '../../twin/schema/observation.js';
import { MemoryHistory } from './memory-history.js';

function obs(
  asset: string,
  signal: string,
  sourceTs: number,
  value: Observation['value'],
  quality: Quality = 'good',
): Observation {
  return { source: 'test', asset, signal, sourceTs, value, quality };
}

const ALL = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };

describe('MemoryHistory', () => {
  it('answers range queries as half-open [from, to), in time order, with a limit', async () => {
    const history = new MemoryHistory();
    history.accept([
      obs('M1', 'temperature', 1_000, 20),
      obs('M1', 'temperature', 3_000, 22),
      obs('M1', 'temperature', 2_000, 21), // arrives late
      obs('M1', 'temperature', 4_000, 23),
      obs('M2', 'temperature', 2_500, 99),
    ]);
    const read = (fromMs: number, toMs: number, limit?: number) =>
      history.readSignal({ asset: 'M1', signal: 'temperature', fromMs, toMs, limit });
    expect((await read(1_000, 4_000)).map((p) => [p.ts, p.value])).toEqual([
      [1_000, 20],
      [2_000, 21],
      [3_000, 22],
    ]);
    expect((await read(1_001, 10_000, 2)).map((p) => p.ts)).toEqual([2_000, 3_000]);
    expect(await history.readSignal({ asset: 'M9', signal: 'temperature', fromMs: 0, toMs: 1 })).toEqual([]);
  });

  it('aggregates into epoch-aligned buckets: mean, last, worst quality, strings and nulls', async () => {
    const history = new MemoryHistory();
    history.accept([
      obs('M1', 'power', 10_000, 1),
      obs('M1', 'power', 10_500, 3, 'uncertain'),
      obs('M1', 'power', 11_200, 5),
      obs('M1', 'power', 13_000, null, 'bad'),
      obs('M1', 'state', 10_100, 'running'),
      obs('M1', 'state', 10_900, 'down'),
      obs('M1', 'door', 10_000, true),
      obs('M1', 'door', 10_400, false),
      obs('M1', 'door', 10_600, true),
    ]);
    const q = { asset: 'M1', fromMs: 0, toMs: 100_000, everyMs: 1_000 };
    expect(await history.readSignal({ ...q, signal: 'power' })).toEqual([
      { ts: 10_000, value: 2, quality: 'uncertain' },
      { ts: 11_000, value: 5, quality: 'good' },
      { ts: 13_000, value: null, quality: 'bad' },
    ]);
    expect((await history.readSignal({ ...q, signal: 'power', aggregate: 'last' }))[0]?.value).toBe(3);
    expect(await history.readSignal({ ...q, signal: 'state' })).toEqual([
      { ts: 10_000, value: 'down', quality: 'good' },
    ]);
    expect((await history.readSignal({ ...q, signal: 'door' }))[0]?.value).toBeCloseTo(2 / 3, 12);
    expect((await history.readSignal({ ...q, signal: 'door', aggregate: 'last' }))[0]?.value).toBe(true);
    expect(await history.readSignal({ ...q, signal: 'power', limit: 1 })).toHaveLength(1);
  });

  it('keeps at most maxPointsPerSeries per series, dropping that series’ oldest, and counts it', async () => {
    const history = new MemoryHistory({ maxPoints: 1_000, maxPointsPerSeries: 50 });
    for (let i = 0; i < 120; i++) history.accept([obs('M1', 'power', i, i)]);
    const points = await history.readSignal({ asset: 'M1', signal: 'power', ...ALL });
    expect(points.map((p) => p.ts)).toEqual(Array.from({ length: 50 }, (_, i) => 70 + i));
    expect(history.stats()).toEqual({ points: 50, series: 1, evicted: 70, rejected: 0 });
  });

  it('keeps at most maxPoints in all, evicting the oldest arrival of any series first', async () => {
    const history = new MemoryHistory({ maxPoints: 100, maxPointsPerSeries: 80 });
    // A quiet series first, then a chatty one that also overflows its own ring many times over.
    for (let i = 0; i < 10; i++) history.accept([obs('quiet', 'state', i, 'idle')]);
    for (let i = 0; i < 1_000; i++) history.accept([obs('chatty', 'power', 100 + i, i)]);
    const quiet = await history.readSignal({ asset: 'quiet', signal: 'state', ...ALL });
    const chatty = await history.readSignal({ asset: 'chatty', signal: 'power', ...ALL });
    // The chatty ring holds its newest 80; the quiet one keeps its 10 because, of 90 points held, none had to go.
    expect(chatty.map((p) => p.value)).toEqual(Array.from({ length: 80 }, (_, i) => 920 + i));
    expect(quiet).toHaveLength(10);
    const { points, evicted } = history.stats();
    expect(points).toBe(90);
    expect(evicted).toBe(1_010 - 90);

    // Now a third series pushes the total over 100: the oldest arrivals (the quiet ones) go first.
    for (let i = 0; i < 15; i++) history.accept([obs('third', 'power', 5_000 + i, i)]);
    const quietAfter = await history.readSignal({ asset: 'quiet', signal: 'state', ...ALL });
    expect(quietAfter.map((p) => p.ts)).toEqual([5, 6, 7, 8, 9]);
    expect(history.stats().points).toBe(100);
    expect(history.stats().evicted).toBe(1_025 - 100);
  });

  it('refuses and counts points that would open a series beyond maxSeries', async () => {
    const history = new MemoryHistory({ maxSeries: 2 });
    history.accept([obs('A', 's', 1, 1), obs('B', 's', 1, 1), obs('C', 's', 1, 1), obs('A', 's', 2, 2)]);
    expect(history.stats()).toEqual({ points: 3, series: 2, evicted: 0, rejected: 1 });
  });

  it('gives the newest value of each signal of an asset', async () => {
    const history = new MemoryHistory();
    history.accept([
      obs('M1', 'state', 5_000, 'running'),
      obs('M1', 'state', 4_000, 'idle'), // older, arrives later
      obs('M1', 'partCount', 3_000, 7),
      obs('M1', 'power', 1_000, 2.5, 'uncertain'),
      obs('M2', 'state', 9_000, 'down'),
    ]);
    expect(await history.latest('M1')).toEqual([
      { signal: 'partCount', ts: 3_000, value: 7, quality: 'good' },
      { signal: 'power', ts: 1_000, value: 2.5, quality: 'uncertain' },
      { signal: 'state', ts: 5_000, value: 'running', quality: 'good' },
    ]);
    expect((await history.latest('M1', 2_000)).map((v) => v.signal)).toEqual(['partCount', 'state']);
  });

  it('rejects bad queries and bad configuration, naming the field', async () => {
    const history = new MemoryHistory();
    await expect(history.readSignal({ asset: 'M1', signal: 's', fromMs: 10, toMs: 5 })).rejects.toThrow(
      /toMs must be after fromMs/,
    );
    await expect(
      history.readSignal({ asset: 'M1', signal: 's', fromMs: 0, toMs: 10, limit: 0 }),
    ).rejects.toThrow(/limit: must be ≥ 1/);
    await expect(
      history.readSignal({ asset: 'M1', signal: 's', fromMs: 0, toMs: 1e12, everyMs: 1 }),
    ).rejects.toThrow(/everyMs/);
    expect(() => new MemoryHistory({ maxPoints: 0 })).toThrow(/maxPoints: must be ≥ 1/);
    expect(() => new MemoryHistory({ maxPoint: 5 } as never)).toThrow(/maxPoint: unknown key/);
  });
});
