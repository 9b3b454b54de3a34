// InfluxDB 1.6 (no /api/v2): the writer's v1 mode stores observations, the InfluxQL reader answers history
// reads, and the in-memory history fed the same observations must give the very same answers.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Observation, Quality } from '../../twin/schema/observation.js';
import { describeWithServers, serverUrls } from '../../test/servers.js';
import type { SignalQuery } from '../history/history-reader.js';
import { MemoryHistory } from '../history/memory-history.js';
import { InfluxQlReader } from './influxql-reader.js';
import { InfluxWriter } from './influx-writer.js';

async function influxql(url: string, q: string): Promise<void> {
  const response = await fetch(`${url}/query`, {
    method: 'POST',
    body: new URLSearchParams({ q }),
    signal: AbortSignal.timeout(10_000),
  });
  expect(response.status, await response.text()).toBe(200);
}

describeWithServers('InfluxQL history reads on InfluxDB 1.6, written in v1 mode', () => {
  const db = `twin_history_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const t0 = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000; // a whole minute, an hour ago
  const memory = new MemoryHistory();
  const observations: Observation[] = [];
  const add = (
    asset: string,
    signal: string,
    dt: number,
    value: Observation['value'],
    quality: Quality = 'good',
  ) => observations.push({ source: 'test', asset, signal, sourceTs: t0 + dt, value, quality });
  // Odd names on purpose: quotes, backslashes, spaces and InfluxQL keywords must neither break nor inject.
  const oddAsset = `it's "M3" \\ OR 1=1 --`;
  let reader: InfluxQlReader;

  beforeAll(async () => {
    const url = serverUrls().influxdb1Url;
    await influxql(url, `CREATE DATABASE "${db}"`);
    for (let i = 0; i < 120; i++)
      add('M1', 'spindleLoad', i * 500, (i % 10) / 10, i === 7 ? 'uncertain' : 'good');
    add('M1', 'spindleLoad', 61_000, null, 'bad');
    const states = ['running', 'idle', 'down', 'running', 'setup'];
    states.forEach((state, i) => add('M1', 'state', i * 7_000, state));
    add('M1', 'order', 3_000, 'O-17');
    add('M1', 'order', 9_000, '');
    [true, false, true, true].forEach((open, i) => add('M1', 'doorOpen', i * 400, open));
    add('M2', 'spindleLoad', 1_000, 0.99);
    add(oddAsset, 'spindleLoad', 2_000, 5);
    memory.accept(observations);

    const writer = new InfluxWriter(
      { target: { kind: 'v1', url, db }, site: 'P1', batchSize: 40, flushIntervalMs: 20 },
      { lineOf: () => 'L1' },
    );
    writer.accept(observations);
    expect(await writer.flush(15_000)).toBe(true);
    expect(writer.counters()).toMatchObject({ written: observations.length, rejected: 0, dropped: 0 });
    await writer.close();
    reader = new InfluxQlReader({ url, db, site: 'P1' });
  });

  afterAll(async () => {
    await influxql(serverUrls().influxdb1Url, `DROP DATABASE "${db}"`);
  });

  const both = async (query: SignalQuery) => {
    const [fromDb, fromMemory] = await Promise.all([reader.readSignal(query), memory.readSignal(query)]);
    expect(fromDb).toEqual(fromMemory);
    return fromDb;
  };

  it('reads a range [from, to) with values, qualities and a limit', async () => {
    const range = await both({ asset: 'M1', signal: 'spindleLoad', fromMs: t0 + 1_000, toMs: t0 + 5_000 });
    expect(range.map((p) => p.ts - t0)).toEqual([1_000, 1_500, 2_000, 2_500, 3_000, 3_500, 4_000, 4_500]);
    expect(range.map((p) => p.value)).toEqual([0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(range[5]?.quality).toBe('uncertain');
    const limited = await both({
      asset: 'M1',
      signal: 'spindleLoad',
      fromMs: t0,
      toMs: t0 + 100_000,
      limit: 3,
    });
    expect(limited.map((p) => p.ts - t0)).toEqual([0, 500, 1_000]);
    const all = await both({ asset: 'M1', signal: 'spindleLoad', fromMs: t0, toMs: t0 + 100_000 });
    expect(all).toHaveLength(121);
    expect(all[120]).toEqual({ ts: t0 + 61_000, value: null, quality: 'bad' });
  });

  it('gives states, booleans and empty strings back as written', async () => {
    const states = await both({ asset: 'M1', signal: 'state', fromMs: t0, toMs: t0 + 100_000 });
    expect(states.map((p) => p.value)).toEqual(['running', 'idle', 'down', 'running', 'setup']);
    expect(
      (await both({ asset: 'M1', signal: 'order', fromMs: t0, toMs: t0 + 100_000 })).map((p) => p.value),
    ).toEqual(['O-17', '']);
    const door = await both({ asset: 'M1', signal: 'doorOpen', fromMs: t0, toMs: t0 + 100_000 });
    expect(door.map((p) => p.value)).toEqual([true, false, true, true]);
  });

  it('aggregates per bucket (mean and last) exactly as the in-memory history does', async () => {
    const q = { asset: 'M1', fromMs: t0, toMs: t0 + 100_000, everyMs: 10_000 };
    const mean = await both({ ...q, signal: 'spindleLoad' });
    expect(mean.map((p) => p.ts - t0)).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    expect(mean[0]?.value).toBeCloseTo(0.45, 12);
    expect(mean[0]?.quality).toBe('uncertain');
    expect(mean[6]).toEqual({ ts: t0 + 60_000, value: null, quality: 'bad' });
    const last = await both({ ...q, signal: 'spindleLoad', aggregate: 'last', limit: 2 });
    expect(last.map((p) => p.value)).toEqual([0.9, 0.9]);
    expect((await both({ ...q, signal: 'state', everyMs: 20_000 })).map((p) => p.value)).toEqual([
      'down',
      'setup',
    ]);
    const door = await both({ ...q, signal: 'doorOpen', everyMs: 1_000 });
    expect(door[0]?.value).toBeCloseTo(2 / 3, 12);
    expect((await both({ ...q, signal: 'doorOpen', everyMs: 1_000, aggregate: 'last' }))[0]?.value).toBe(
      true,
    );
  });

  it('quotes names and values: an asset full of quotes is found, and injects nothing', async () => {
    const odd = await both({ asset: oddAsset, signal: 'spindleLoad', fromMs: t0, toMs: t0 + 100_000 });
    expect(odd.map((p) => p.value)).toEqual([5]);
    expect(
      await both({ asset: `M1' OR '1'='1`, signal: 'spindleLoad', fromMs: t0, toMs: t0 + 100_000 }),
    ).toEqual([]);
    expect(await both({ asset: 'M1', signal: `x" FROM /.*/ --`, fromMs: t0, toMs: t0 + 100_000 })).toEqual(
      [],
    );
  });

  it('gives the newest value of every signal of an asset', async () => {
    const [fromDb, fromMemory] = await Promise.all([reader.latest('M1'), memory.latest('M1')]);
    expect(fromDb).toEqual(fromMemory);
    expect(fromDb.map((v) => [v.signal, v.value])).toEqual([
      ['doorOpen', true],
      ['order', ''],
      ['spindleLoad', null],
      ['state', 'setup'],
    ]);
    expect((await reader.latest('M1', t0 + 25_000)).map((v) => v.signal)).toEqual(['spindleLoad', 'state']);
  });

  it('reports an unreachable database as TWIN_E_HISTORY_UNAVAILABLE', async () => {
    const down = new InfluxQlReader({ url: 'http://127.0.0.1:18093', db, requestTimeoutMs: 1_000 });
    await expect(down.readSignal({ asset: 'M1', signal: 'power', fromMs: 0, toMs: 1 })).rejects.toMatchObject(
      {
        code: 'TWIN_E_HISTORY_UNAVAILABLE',
      },
    );
  });
});
