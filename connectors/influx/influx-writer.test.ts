// The writer against a loopback HTTP server standing in for /api/v2/write: several requests in flight, retries,
// spill on overflow, and what a restart finds in the spill folder, good or not.
import type { ServerResponse } from 'node:http';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../twin/schema/observation.js';
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

    // Both batches are sent at once (maxInFlight): which reaches the server first is the network's choice.
    expect(server.requests.map((r) => r.body).sort()).toEqual([[line(1), line(2)].join('\n'), line(3)]);
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

const points = (n: number, t0 = 0): Observation[] =>
  Array.from({ length: n }, (_, i) => ({
    source: 't',
    asset: 'M1',
    signal: 'power',
    value: i,
    quality: 'good' as const,
    sourceTs: t0 + i,
  }));

/** The timestamps of a request body (one per line). */
const timestampsOf = (body: string) => body.split('\n').map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)));

/**
 * A slow database: each request is held until the test answers it, so the test sees how many are in flight.
 * `status(n)` gives the status of the n-th request (0-based); 204 unless told otherwise.
 */
async function slowServer(status: (n: number) => number = () => 204) {
  const held: { response: ServerResponse; status: number }[] = [];
  let maxHeld = 0;
  let n = 0;
  const server = await startFakeServer((_, response) => {
    held.push({ response, status: status(n++) });
    maxHeld = Math.max(maxHeld, held.length);
  });
  return {
    server,
    held,
    get maxHeld() {
      return maxHeld;
    },
    /** Answers the oldest held request. */
    answerOne() {
      const next = held.shift();
      next?.response.writeHead(next.status).end(next.status === 204 ? undefined : 'unavailable');
    },
  };
}

const v2 = (url: string) => ({ kind: 'v2' as const, url, org: 'o', bucket: 'b' });

describe('InfluxWriter with several requests in flight', () => {
  let slow: Awaited<ReturnType<typeof slowServer>> | undefined;
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'twin-writer-unit-'));
  });
  afterEach(async () => {
    while (slow && slow.held.length > 0) slow.answerOne();
    await slow?.server.close();
    slow = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps maxInFlight requests under way, counts exactly, and flush waits for the last answer', async () => {
    slow = await slowServer();
    const s = slow;
    const writer = new InfluxWriter(
      { target: v2(s.server.url), batchSize: 10, maxInFlight: 3, flushIntervalMs: 10 },
      { lineOf: () => undefined },
    );
    writer.accept(points(100));
    await vi.waitFor(() => expect(s.held).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 100)); // no fourth request while three are held
    expect(s.server.requests).toHaveLength(3);
    expect(writer.counters()).toMatchObject({ written: 0, buffered: 100 });

    let flushed = false;
    const flushing = writer.flush(10_000).then((drained) => (flushed = drained));
    // Each answer lets the next batch go, always three under way, until the last ones.
    for (let answered = 1; answered < 10; answered++) {
      s.answerOne();
      await vi.waitFor(() => expect(writer.counters().written).toBe(answered * 10));
      await vi.waitFor(() => expect(s.held).toHaveLength(Math.min(3, 10 - answered)));
      expect(flushed).toBe(false);
    }
    expect(s.server.requests).toHaveLength(10);
    s.answerOne();
    expect(await flushing).toBe(true);
    expect(s.maxHeld).toBe(3);
    expect(writer.counters()).toMatchObject({ written: 100, retried: 0, dropped: 0, buffered: 0 });
    const sent = s.server.requests.flatMap((r) => timestampsOf(r.body)).sort((a, b) => a - b);
    expect(sent).toEqual(Array.from({ length: 100 }, (_, i) => i));
    await writer.close();
  });

  it('after failures backs off once per round, probes with one request, then resends in order', async () => {
    // The first three requests (all in flight together) fail, and so does the first probe; then all succeed.
    slow = await slowServer((n) => (n < 4 ? 503 : 204));
    const s = slow;
    const writer = new InfluxWriter(
      {
        target: v2(s.server.url),
        batchSize: 10,
        maxInFlight: 3,
        // Two rounds: 20 ms, then 200 ms. Were each failed request a step, the fifth try would wait 20 s.
        retry: { minDelayMs: 20, maxDelayMs: 600_000, factor: 10 },
      },
      { lineOf: () => undefined },
    );
    writer.accept(points(50));
    await vi.waitFor(() => expect(s.held).toHaveLength(3));
    for (let i = 0; i < 3; i++) s.answerOne();
    await vi.waitFor(() => expect(writer.counters().consecutiveFailures).toBe(3));
    expect(writer.counters()).toMatchObject({ retried: 30, written: 0, buffered: 50 });
    // Probes: one request alone, the oldest batch again.
    for (const request of [3, 4]) {
      await vi.waitFor(() => expect(s.server.requests).toHaveLength(request + 1), { timeout: 2_000 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(s.held).toHaveLength(1);
      expect(timestampsOf(s.server.requests[request]?.body ?? '')[0]).toBe(0);
      s.answerOne();
    }
    // The second probe succeeded: back to three at once, the next batches in order.
    await vi.waitFor(() => expect(s.held).toHaveLength(3));
    const starts = s.server.requests.slice(5).map((r) => timestampsOf(r.body)[0] ?? -1);
    expect(starts.sort((a, b) => a - b)).toEqual([10, 20, 30]);
    while (s.held.length > 0 || writer.counters().buffered > 0) {
      s.answerOne();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await writer.flush(5_000)).toBe(true);
    expect(writer.counters()).toMatchObject({
      written: 50,
      retried: 40,
      dropped: 0,
      buffered: 0,
      consecutiveFailures: 0,
    });
    await writer.close();
  });

  it('spills the oldest batches to disk while the database is slow, then sends them: nothing dropped', async () => {
    slow = await slowServer();
    const s = slow;
    const logger = recordingLogger();
    const writer = new InfluxWriter(
      { target: v2(s.server.url), batchSize: 10, maxInFlight: 2, maxBufferPoints: 30, spill: { dir } },
      { lineOf: () => undefined, logger },
    );
    for (let i = 0; i < 10; i++) writer.accept(points(10, i * 10));
    const during = writer.counters();
    // Two batches in flight and one waiting stay in memory; the other seven went to disk.
    expect(during).toMatchObject({ buffered: 30, spilled: 70, spillPending: 70, dropped: 0 });
    expect(await readdir(dir)).toHaveLength(7);
    const flushing = writer.flush(10_000);
    while (s.held.length > 0 || writer.counters().spillPending + writer.counters().buffered > 0) {
      s.answerOne();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await flushing).toBe(true);
    expect(writer.counters()).toMatchObject({ written: 100, spilled: 70, spillPending: 0, dropped: 0 });
    expect(s.maxHeld).toBe(2);
    const sent = s.server.requests.flatMap((r) => timestampsOf(r.body)).sort((a, b) => a - b);
    expect(sent).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(await readdir(dir)).toEqual([]);
    expect(logger.warnings.some((w) => w.message.includes('dropping'))).toBe(false);
    await writer.close();
  });

  it('rejects a maxInFlight outside 1–16, naming the field', () => {
    for (const maxInFlight of [0, 17, 1.5])
      expect(
        () =>
          new InfluxWriter({ target: v2('http://127.0.0.1:1'), maxInFlight }, { lineOf: () => undefined }),
      ).toThrow(/maxInFlight/);
  });
});
