// The history writer against a real VictoriaMetrics (InfluxDB v2 write API): what it wrote is read back through
// /api/v1/export; outages use a private instance on this connector's ports (18090–18099) or a closed port.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Observation } from '../../twin/schema/observation.js';
import { SHOP_FLOOR_STATES } from '../../twin/schema/machine-state.js';
import { describeWithServers, serverUrls } from '../../test/servers.js';
import { recordingLogger } from '../ingest/__fixtures__/recorders.js';
import {
  exportSeries,
  PrivateVictoriaMetrics,
  type ExportedSeries,
} from './__fixtures__/victoria-metrics.js';
import { InfluxWriter } from './influx-writer.js';

const CLOSED_PORT_URL = 'http://127.0.0.1:18093'; // nothing listens there
const lineOf = (asset: string) => (asset === 'Lathe01' ? 'L1' : undefined);

function power(asset: string, n: number, t0: number): Observation[] {
  return Array.from({ length: n }, (_, i) => ({
    source: 'test',
    asset,
    signal: 'power',
    value: i / 4,
    quality: 'good' as const,
    sourceTs: t0 + i,
  }));
}

const pointCount = (series: ExportedSeries[]) => series.reduce((sum, s) => sum + s.values.length, 0);

describeWithServers('InfluxWriter → VictoriaMetrics', () => {
  const privateVm = new PrivateVictoriaMetrics(18092);
  const folders: string[] = [];
  afterAll(async () => {
    await privateVm.dispose();
    await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('writes each kind of value with its tags and source timestamps', async () => {
    const { vmUrl } = serverUrls();
    const site = `site_${randomUUID().slice(0, 8)}`;
    const t0 = Date.now() - 60_000;
    const writer = new InfluxWriter(
      { target: { kind: 'v2', url: vmUrl, org: 'shopfloor', bucket: 'twin' }, site, flushIntervalMs: 50 },
      { lineOf },
    );
    const base = { source: 'test', asset: 'Lathe01', quality: 'good' as const };
    writer.accept([
      { ...base, signal: 'spindleLoad', value: 0.25, sourceTs: t0 },
      { ...base, signal: 'spindleLoad', value: 0.75, sourceTs: t0 + 1_000, quality: 'uncertain' },
      { ...base, signal: 'state', value: 'down', sourceTs: t0 + 500 },
      { ...base, signal: 'doorOpen', value: true, sourceTs: t0 + 700 },
      { ...base, signal: 'temperature', value: null, sourceTs: t0 + 900, quality: 'bad' },
      { ...base, asset: 'Mill 02', signal: 'partCount', value: 42, sourceTs: t0 + 2_000 },
    ]);
    expect(await writer.flush(10_000)).toBe(true);
    expect(writer.counters()).toMatchObject({ written: 6, dropped: 0, rejected: 0, buffered: 0 });
    await writer.close();

    const series = await exportSeries(vmUrl, `{site="${site}"}`, (s) => pointCount(s) === 6);
    const byKey = new Map(series.map((s) => [`${s.metric.__name__}|${s.metric.quality}`, s]));
    expect([...byKey.keys()].sort()).toEqual([
      'machine_counter_value|good',
      'machine_process_missing|bad',
      'machine_process_value|good',
      'machine_process_value|uncertain',
      'machine_state_code|good',
      'signal_doorOpen_bool|good',
    ]);
    expect(byKey.get('machine_process_value|good')).toMatchObject({
      metric: { machine: 'Lathe01', line: 'L1', signal: 'spindleLoad', site },
      values: [0.25],
      timestamps: [t0],
    });
    expect(byKey.get('machine_process_value|uncertain')).toMatchObject({
      values: [0.75],
      timestamps: [t0 + 1_000],
    });
    expect(byKey.get('machine_state_code|good')).toMatchObject({
      metric: { state: 'down', signal: 'state' },
      values: [SHOP_FLOOR_STATES.indexOf('down')],
      timestamps: [t0 + 500],
    });
    expect(byKey.get('signal_doorOpen_bool|good')?.values).toEqual([1]);
    expect(byKey.get('machine_process_missing|bad')?.metric.signal).toBe('temperature');
    const counter = byKey.get('machine_counter_value|good');
    expect(counter?.metric.machine).toBe('Mill 02');
    expect(counter?.metric.line).toBeUndefined();
    expect(counter?.values).toEqual([42]);
  });

  it('buffers while the database is down and delivers everything once it is back', async () => {
    const logger = recordingLogger();
    const writer = new InfluxWriter(
      {
        target: { kind: 'v2', url: privateVm.url, org: 'o', bucket: 'b' },
        site: 'outage',
        batchSize: 100,
        flushIntervalMs: 20,
        retry: { minDelayMs: 50, maxDelayMs: 300 },
        requestTimeoutMs: 2_000,
      },
      { lineOf, logger },
    );
    const t0 = Date.now() - 30_000;
    writer.accept(power('M1', 250, t0));
    // Down: attempts fail and are retried, nothing is lost.
    const deadline = Date.now() + 10_000;
    while (writer.counters().consecutiveFailures < 3 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    writer.accept(power('M1', 250, t0 + 250));
    const down = writer.counters();
    expect(down.consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect(down).toMatchObject({ written: 0, dropped: 0, buffered: 500 });
    expect(down.retried).toBeGreaterThanOrEqual(300);
    expect(logger.warnings.some((w) => w.message.includes('write failed'))).toBe(true);

    await privateVm.start();
    expect(await writer.flush(20_000)).toBe(true);
    expect(writer.counters()).toMatchObject({
      written: 500,
      dropped: 0,
      buffered: 0,
      consecutiveFailures: 0,
    });
    await writer.close();
    const series = await exportSeries(privateVm.url, '{site="outage"}', (s) => pointCount(s) === 500);
    expect(series).toHaveLength(1);
    expect(series[0]?.timestamps).toEqual(Array.from({ length: 500 }, (_, i) => t0 + i));
    expect(series[0]?.values.slice(0, 3)).toEqual([0, 0.25, 0.5]);
    await privateVm.stop();
  });

  it('spills to disk beyond the memory bound, and a new writer sends the spill folder after a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'twin-spill-'));
    folders.push(dir);
    const site = `spill_${randomUUID().slice(0, 8)}`;
    const config = {
      site,
      batchSize: 50,
      flushIntervalMs: 20,
      maxBufferPoints: 100,
      retry: { minDelayMs: 50, maxDelayMs: 200 },
      spill: { dir, maxBytes: 10_000_000 },
    };
    const pressure: boolean[] = [];
    const first = new InfluxWriter(
      { ...config, target: { kind: 'v2', url: CLOSED_PORT_URL, org: 'o', bucket: 'b' } },
      { lineOf, onPressure: (saturated) => pressure.push(saturated) },
    );
    const t0 = Date.now() - 20_000;
    for (let i = 0; i < 10; i++) first.accept(power('M1', 60, t0 + i * 60));
    const during = first.counters();
    expect(during.dropped).toBe(0);
    expect(during.spilled).toBeGreaterThanOrEqual(500);
    expect(during.buffered).toBeLessThanOrEqual(100);
    expect(during.spilled + during.buffered).toBe(600);
    expect(pressure[0]).toBe(true);
    const closed = await first.close(300);
    expect(closed).toMatchObject({ written: 0, dropped: 0, spilled: 600, spillPending: 600, buffered: 0 });
    expect((await readdir(dir)).length).toBeGreaterThan(1);

    const { vmUrl } = serverUrls();
    const second = new InfluxWriter(
      { ...config, target: { kind: 'v2', url: vmUrl, org: 'o', bucket: 'b' } },
      { lineOf },
    );
    expect(second.counters().spillPending).toBe(600);
    expect(await second.flush(20_000)).toBe(true);
    expect(second.counters()).toMatchObject({ written: 600, spillPending: 0, dropped: 0 });
    await second.close();
    expect(await readdir(dir)).toEqual([]);
    const series = await exportSeries(vmUrl, `{site="${site}"}`, (s) => pointCount(s) === 600);
    expect(series).toHaveLength(1);
    expect(series[0]?.timestamps).toEqual(Array.from({ length: 600 }, (_, i) => t0 + i));
    expect(series[0]?.values).toEqual(Array.from({ length: 600 }, (_, i) => (i % 60) / 4));
  });

  it('past every bound, counts and logs the points it drops (never a silent loss)', async () => {
    const logger = recordingLogger();
    const dir = await mkdtemp(path.join(tmpdir(), 'twin-spill-'));
    folders.push(dir);
    const pressure: boolean[] = [];
    const writer = new InfluxWriter(
      {
        target: { kind: 'v1', url: CLOSED_PORT_URL, db: 'none' },
        batchSize: 50,
        maxBufferPoints: 100,
        spill: { dir, maxBytes: 12_000 }, // room for a few batches only
      },
      { lineOf, logger, onPressure: (saturated) => pressure.push(saturated) },
    );
    const t0 = Date.now();
    for (let i = 0; i < 20; i++) writer.accept(power('M1', 50, t0 + i * 50));
    const c = writer.counters();
    expect(c.dropped).toBeGreaterThan(0);
    expect(c.spilled).toBeGreaterThan(0);
    expect(c.buffered + c.spilled + c.dropped).toBe(1_000);
    expect(writer.backPressure).toBe(true);
    expect(pressure).toEqual([true]);
    expect(logger.warnings.some((w) => w.message.includes('dropping points'))).toBe(true);
    const closed = await writer.close(100);
    expect(closed.spillPending + closed.dropped).toBe(1_000);
  });
});
