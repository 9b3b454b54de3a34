// Smoke test against a real InfluxDB 1.x (scripts/test-servers.sh): InfluxQL over /query, line protocol to /write.
import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { describeWithServers, serverUrls } from '../../test/servers.js';

interface QueryResponse {
  results: {
    statement_id: number;
    error?: string;
    series?: { name: string; columns: string[]; values: unknown[][] }[];
  }[];
  error?: string;
}

async function influxql(url: string, q: string, db?: string): Promise<QueryResponse> {
  const params = new URLSearchParams({ q, epoch: 'ms', ...(db ? { db } : {}) });
  const response = await fetch(`${url}/query`, {
    method: 'POST',
    body: params,
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as QueryResponse;
  expect(response.status, JSON.stringify(body)).toBe(200);
  expect(body.results.map((result) => result.error)).toEqual(body.results.map(() => undefined));
  return body;
}

describeWithServers('InfluxDB 1.x', () => {
  const db = `twin_smoke_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

  afterAll(async () => {
    await influxql(serverUrls().influxdb1Url, `DROP DATABASE "${db}"`);
  });

  it('creates a database, accepts line protocol and answers SELECT', async () => {
    const url = serverUrls().influxdb1Url;
    await influxql(url, `CREATE DATABASE "${db}"`);
    const databases = await influxql(url, 'SHOW DATABASES');
    expect(databases.results[0]?.series?.[0]?.values.flat()).toContain(db);

    const t0 = Date.now() - 60_000;
    const lines = [
      `spindle,machine=Lathe01,line=L1 load=0.25,rpm=1200i ${t0}`,
      `spindle,machine=Lathe01,line=L1 load=0.5,rpm=1500i ${t0 + 1_000}`,
      `spindle,machine=Mill02,line=L1 load=0.75,rpm=900i ${t0 + 2_000}`,
    ];
    const write = await fetch(`${url}/write?${new URLSearchParams({ db, precision: 'ms' })}`, {
      method: 'POST',
      body: lines.join('\n'),
      signal: AbortSignal.timeout(10_000),
    });
    expect(write.status, await write.text()).toBe(204);

    const selected = await influxql(url, 'SELECT * FROM "spindle" ORDER BY time ASC', db);
    const series = selected.results[0]?.series?.[0];
    expect(series?.name).toBe('spindle');
    const rows = series?.values.map((values) =>
      Object.fromEntries(series.columns.map((column, i) => [column, values[i]])),
    );
    expect(rows).toEqual([
      { time: t0, machine: 'Lathe01', line: 'L1', load: 0.25, rpm: 1200 },
      { time: t0 + 1_000, machine: 'Lathe01', line: 'L1', load: 0.5, rpm: 1500 },
      { time: t0 + 2_000, machine: 'Mill02', line: 'L1', load: 0.75, rpm: 900 },
    ]);

    const mean = await influxql(url, `SELECT MEAN("load") FROM "spindle" WHERE "machine" = 'Lathe01'`, db);
    expect(mean.results[0]?.series?.[0]?.values[0]?.[1]).toBeCloseTo(0.375, 10);
  });
});
