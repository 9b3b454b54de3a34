// The writer against a fake /api/v2/write: what a restart finds in the spill folder, good or not.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingLogger } from '../ingest/__fixtures__/recorders.js';
import { startFakeServer, type FakeServer } from './__fixtures__/fake-server.js';
import { InfluxWriter } from './influx-writer.js';

const line = (ts: number) => `machine_energy,machine=M1,quality=good,signal=power value=${ts / 4} ${ts}`;

describe('InfluxWriter with a spill folder left by an earlier run', () => {
  let server: FakeServer;
  let dir: string;
  beforeAll(async () => {
    server = await startFakeServer((_, response) => response.writeHead(204).end());
    dir = await mkdtemp(path.join(tmpdir(), 'twin-spill-writer-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends the good batches, sets aside and counts a corrupt one, leaves foreign files alone', async () => {
    await writeFile(path.join(dir, '0000000000001-000000000-2.lp'), [line(1), line(2)].join('\n'));
    await writeFile(path.join(dir, '0000000000002-000000001-5.lp'), '\u0000\u0001garbage');
    await writeFile(path.join(dir, '0000000000003-000000002-1.lp'), line(3));
    await writeFile(path.join(dir, 'README'), 'not a batch');
    const logger = recordingLogger();
    const writer = new InfluxWriter(
      { target: { kind: 'v2', url: server.url, org: 'o', bucket: 'b' }, spill: { dir } },
      { lineOf: () => undefined, logger },
    );
    expect(writer.counters().spillPending).toBe(8);
    expect(await writer.flush(10_000)).toBe(true);
    expect(writer.counters()).toMatchObject({ written: 3, dropped: 5, spillPending: 0 });
    await writer.close();

    expect(server.requests.map((r) => r.body)).toEqual([[line(1), line(2)].join('\n'), line(3)]);
    expect(logger.warnings.map((w) => w.message)).toEqual([
      'history writer: the spill folder holds files that are not spilled batches; left alone',
      'history writer: spill file 0000000000002-000000001-5.lp set aside: 1 lines where its name says 5',
      'history writer: dropping points: spill file 0000000000002-000000001-5.lp could not be used',
    ]);
    expect((await readdir(dir)).sort()).toEqual(['0000000000002-000000001-5.lp.bad', 'README']);
  });

  it('counts observations that arrive after close as dropped', async () => {
    const writer = new InfluxWriter(
      { target: { kind: 'v2', url: server.url, org: 'o', bucket: 'b' } },
      { lineOf: () => undefined },
    );
    await writer.close();
    writer.accept([
      { source: 't', asset: 'M1', signal: 'power', value: 1, quality: 'good', sourceTs: 1 },
      { source: 't', asset: 'M1', signal: 'power', value: 2, quality: 'good', sourceTs: 2 },
    ]);
    expect(writer.counters()).toMatchObject({ dropped: 2, buffered: 0, written: 0 });
  });
});
