// The InfluxQL reader against a fake /query: a response that is not what InfluxDB answers gives a clear error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from './__fixtures__/fake-server.js';
import { InfluxQlReader } from './influxql-reader.js';

describe('InfluxQlReader response checks', () => {
  let body = '';
  let server: FakeServer;
  let reader: InfluxQlReader;
  beforeAll(async () => {
    server = await startFakeServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    reader = new InfluxQlReader({ url: server.url, db: 'twin' });
  });
  afterAll(() => server.close());

  const read = (everyMs?: number) =>
    reader.readSignal({ asset: 'M1', signal: 'power', fromMs: 0, toMs: 60_000, everyMs });
  const series = (values: unknown[][]) =>
    JSON.stringify({
      results: [
        {
          statement_id: 0,
          series: [{ name: 'machine_energy', columns: ['time', 'value', 'quality'], values }],
        },
      ],
    });

  it('reads a well-formed answer', async () => {
    body = series([[1_000, 2.5, 'good']]);
    await expect(read()).resolves.toEqual([{ ts: 1_000, value: 2.5, quality: 'good' }]);
    expect(server.requests.at(-1)?.body).toContain('epoch=ms');
  });

  it.each([
    ['not JSON of /query', '[1, 2]', /unexpected response: \(body\): must be of type object/],
    [
      'series without columns',
      JSON.stringify({ results: [{ series: [{ name: 'x', values: [] }] }] }),
      /unexpected response: results\[0\]\.series\[0\]\.columns: is required/,
    ],
    [
      'a time that is not ms',
      series([['1970-01-01T00:00:01Z', 2.5, 'good']]),
      /row 0: time is "1970-01-01T00:00:01Z"/,
    ],
    ['no results', JSON.stringify({ results: [] }), /0 results for 1 statements/],
    [
      'an error',
      JSON.stringify({ error: 'database not found: twin' }),
      /history query failed: database not found/,
    ],
  ])('rejects %s with TWIN_E_HISTORY_UNAVAILABLE', async (_, answer, message) => {
    body = answer;
    const error = await read().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'TWIN_E_HISTORY_UNAVAILABLE',
      message: expect.stringMatching(message),
    });
  });

  it('wants one result per statement of an aggregated read', async () => {
    body = series([[0, 2.5, null]]); // one result where three statements were sent
    await expect(read(10_000)).rejects.toThrow(/1 results for 3 statements/);
  });
});
