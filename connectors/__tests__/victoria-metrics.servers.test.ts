// Smoke test against a real VictoriaMetrics (scripts/test-servers.sh): the InfluxDB 2 client writes line
// protocol to /api/v2/write, and /api/v1/export returns it. VictoriaMetrics names each series
// `<measurement>_<field>` and turns tags into labels.
import { randomUUID } from 'node:crypto';
import { InfluxDB, Point } from '@influxdata/influxdb-client';
import { expect, it } from 'vitest';
import { describeWithServers, serverUrls } from '../../test/servers.js';

interface ExportedSeries {
  metric: Record<string, string>;
  values: number[];
  timestamps: number[];
}

async function exportSeries(vmUrl: string, match: string): Promise<ExportedSeries[]> {
  const response = await fetch(`${vmUrl}/api/v1/export?${new URLSearchParams({ 'match[]': match })}`, {
    signal: AbortSignal.timeout(5_000),
  });
  expect(response.status).toBe(200);
  return (await response.text())
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ExportedSeries);
}

describeWithServers('VictoriaMetrics', () => {
  it('stores points written with the InfluxDB client and exports them with their tags', async () => {
    const { vmUrl } = serverUrls();
    const measurement = `twin_smoke_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const t0 = Date.now() - 10_000;

    const writeApi = new InfluxDB({ url: vmUrl, token: 'unused', timeout: 10_000 }).getWriteApi(
      'shopfloor',
      'twin',
      'ms',
      { maxRetries: 0 },
    );
    try {
      writeApi.writePoints([
        new Point(measurement)
          .tag('machine', 'Lathe01')
          .tag('line', 'L1')
          .floatField('load', 0.25)
          .timestamp(t0),
        new Point(measurement)
          .tag('machine', 'Lathe01')
          .tag('line', 'L1')
          .floatField('load', 0.5)
          .timestamp(t0 + 1_000),
        new Point(measurement).tag('machine', 'Mill02').tag('line', 'L1').intField('parts', 42).timestamp(t0),
      ]);
      await writeApi.flush();
    } finally {
      await writeApi.close();
    }

    // New points become visible after a flush of VictoriaMetrics' in-memory buffers.
    const deadline = Date.now() + 30_000;
    let series: ExportedSeries[] = [];
    while (Date.now() < deadline) {
      await fetch(`${vmUrl}/internal/force_flush`, { signal: AbortSignal.timeout(5_000) });
      series = await exportSeries(vmUrl, `{__name__=~"${measurement}.*"}`);
      if (
        series.length === 2 &&
        series.every((s) => s.values.length === (s.metric.machine === 'Lathe01' ? 2 : 1))
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const byName = new Map(series.map((s) => [s.metric.__name__, s]));
    expect([...byName.keys()].sort()).toEqual([`${measurement}_load`, `${measurement}_parts`]);

    const load = byName.get(`${measurement}_load`);
    expect(load?.metric).toMatchObject({ machine: 'Lathe01', line: 'L1' });
    expect(load?.timestamps).toEqual([t0, t0 + 1_000]);
    expect(load?.values).toEqual([0.25, 0.5]);

    const parts = byName.get(`${measurement}_parts`);
    expect(parts?.metric).toMatchObject({ machine: 'Mill02', line: 'L1' });
    expect(parts?.timestamps).toEqual([t0]);
    expect(parts?.values).toEqual([42]);
  });
});
