// MQTT ingest against an in-process aedes broker (ports 18845–18849): JSON routes and payload forms, and a
// persistent session across a broker restart.
import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { withTimeout } from '../../test/servers.js';
import { ObservationGate } from '../ingest/observation-gate.js';
import { recordingLogger, recordingSink } from '../ingest/__fixtures__/recorders.js';
import { startAedes, type TestBroker } from './__fixtures__/aedes-broker.js';
import { parseMqttIngestConfig } from './config.js';
import { MqttIngest } from './mqtt-ingest.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function broker(port: number, persistence?: unknown): Promise<TestBroker> {
  const started = await startAedes(port, persistence);
  cleanups.push(() => started.stop());
  return started;
}

async function publisher(url: string): Promise<MqttClient> {
  const client = await connectAsync(url, { reconnectPeriod: 0, protocolVersion: 4 });
  cleanups.push(() => client.endAsync(true));
  return client;
}

function ingest(url: string, extra: Record<string, unknown> = {}) {
  const sink = recordingSink();
  const logger = recordingLogger();
  const gate = new ObservationGate({ sink, logger });
  const config = parseMqttIngestConfig({
    url,
    source: 'mqtt:test',
    clientId: `twin-ingest-${Math.floor(performance.now())}`,
    json: [{ pattern: 'plant/+line/+asset/+signal' }, { pattern: 'energy/+asset', signal: 'power' }],
    ...extra,
  });
  const client = new MqttIngest(config, { gate, logger });
  cleanups.push(() => client.stop());
  return { sink, logger, gate, client, config };
}

describe('MQTT ingest (aedes in process)', () => {
  it('fills configuration defaults and names a bad field', () => {
    const config = parseMqttIngestConfig({ url: 'mqtt://h:1', clientId: 'c' });
    expect(config).toMatchObject({
      clean: false,
      qos: 1,
      reconnect: { initialDelayMs: 500, maxDelayMs: 30_000 },
    });
    expect(() => parseMqttIngestConfig({ url: 'mqtt://h:1', clientId: 'c', qos: 2 })).toThrow(/qos: must be/);
    expect(() => parseMqttIngestConfig({ url: 'http://h', clientId: 'c' })).toThrow(/url: must be/);
    expect(() => parseMqttIngestConfig({ url: 'mqtt://h:1', clientId: 'c', clientid: 'x' })).toThrow(
      /clientid: unknown key/,
    );
  });

  it('maps topics to asset and signal and accepts every documented payload form', async () => {
    const { url } = await broker(18845);
    const { sink, gate, client } = ingest(url);
    await withTimeout(client.start(), 5_000, 'ingest connect');
    const pub = await publisher(url);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the SUBACK
    await pub.publishAsync('plant/L1/Lathe01/spindleLoad', '0.73', { qos: 1 });
    await pub.publishAsync('plant/L1/Lathe01/state', '"running"', { qos: 1 });
    await pub.publishAsync(
      'plant/L1/Lathe01/temperature',
      JSON.stringify({ value: 41.5, ts: '2026-01-01T00:00:00Z', quality: 'uncertain' }),
      { qos: 1 },
    );
    await pub.publishAsync('energy/Mill02', JSON.stringify({ value: 7.5, ts: 1_767_225_600_123 }), {
      qos: 1,
    });
    await pub.publishAsync('plant/L1/Lathe01/partCount', JSON.stringify({ value: 3, valeu: 4 }), { qos: 1 });
    await pub.publishAsync('plant/L1/Lathe01/partCount', '{not json', { qos: 1 });
    await pub.publishAsync('plant/L1/Lathe01/order', JSON.stringify({ value: null }), { qos: 1 });

    await withTimeout(sink.waitForCount(5), 5_000, 'five good observations');
    const seen = sink.observations.map(({ asset, signal, value, quality, sourceTs }) => ({
      asset,
      signal,
      value,
      quality,
      sourceTs,
    }));
    expect(seen).toEqual([
      { asset: 'Lathe01', signal: 'spindleLoad', value: 0.73, quality: 'good', sourceTs: expect.any(Number) },
      { asset: 'Lathe01', signal: 'state', value: 'running', quality: 'good', sourceTs: expect.any(Number) },
      {
        asset: 'Lathe01',
        signal: 'temperature',
        value: 41.5,
        quality: 'uncertain',
        sourceTs: 1_767_225_600_000,
      },
      { asset: 'Mill02', signal: 'power', value: 7.5, quality: 'good', sourceTs: 1_767_225_600_123 },
      { asset: 'Lathe01', signal: 'order', value: null, quality: 'good', sourceTs: expect.any(Number) },
    ]);
    const kinds = gate.counters().kinds.map((k) => [k.reason, k.count, k.example]);
    expect(kinds).toEqual([
      ['invalid payload', 1, expect.stringMatching(/valeu: unknown key/)],
      ['malformed JSON', 1, expect.any(String)],
    ]);
  });

  it('keeps a persistent session across a broker restart: nothing sent with QoS 1 is lost', async () => {
    const first = await broker(18846);
    const { sink, client } = ingest(first.url, {
      clientId: 'twin-ingest-persistent',
      reconnect: { initialDelayMs: 1_000, maxDelayMs: 2_000 },
    });
    await withTimeout(client.start(), 5_000, 'ingest connect');
    await new Promise((resolve) => setTimeout(resolve, 100));
    let pub = await publisher(first.url);
    for (let i = 0; i < 100; i++)
      await pub.publishAsync(`plant/L1/M${i % 5}/partCount`, String(i), { qos: 1 });
    await withTimeout(sink.waitForCount(100), 5_000, 'first 100');

    await first.stop();
    const second = await broker(18846, first.persistence);
    pub = await publisher(second.url);
    // Published while the ingest is still waiting to reconnect: the broker queues them for its session.
    await Promise.all(
      Array.from({ length: 100 }, (_, k) =>
        pub.publishAsync(`plant/L1/M${k % 5}/partCount`, String(100 + k), { qos: 1 }),
      ),
    );
    expect(client.status().connected).toBe(false);

    await withTimeout(
      sink.waitFor((o) => o.value === 199, 'the last one'),
      10_000,
      'after the restart',
    );
    await withTimeout(sink.waitForCount(200), 5_000, 'all 200 after the restart');
    // QoS 1 is at least once: a message whose PUBACK was cut off by the restart may come twice, none may be missing.
    const distinct = [...new Set(sink.observations.map((o) => o.value))].sort(
      (a, b) => Number(a) - Number(b),
    );
    expect(distinct).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(client.status().connects).toBe(2);
  });

  it('backs off between reconnect attempts while the broker is away', async () => {
    const gone = await broker(18847);
    const { client } = ingest(gone.url, { reconnect: { initialDelayMs: 50, maxDelayMs: 400 } });
    await withTimeout(client.start(), 5_000, 'ingest connect');
    await gone.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    // 50 → 100 → 200 → 400 (capped), not 50 forever.
    expect(client.status().nextReconnectDelayMs).toBe(400);
    const back = await broker(18847);
    await withTimeout(
      new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (client.status().connected) resolve(clearInterval(poll));
        }, 20);
      }),
      5_000,
      'reconnect after the broker returned',
    );
    expect(client.status().nextReconnectDelayMs).toBe(50);
    expect(back.url).toBe(gone.url);
  });
});
