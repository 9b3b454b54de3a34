// MQTT ingest against the real mosquitto of the test set-up: malformed payloads among good ones, and a persistent
// session that keeps what was published while the ingest was away.
import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, expect, it } from 'vitest';
import { describeWithServers, serverUrls, withTimeout } from '../../test/servers.js';
import { ObservationGate } from '../ingest/observation-gate.js';
import { recordingLogger, recordingSink, type RecordingSink } from '../ingest/__fixtures__/recorders.js';
import { parseMqttIngestConfig } from './config.js';
import { MqttIngest } from './mqtt-ingest.js';

/** 1,000 payloads that must each be counted and dropped, of every kind a publisher gets wrong. */
function malformedPayloads(): (string | Buffer)[] {
  const kinds: ((i: number) => string | Buffer)[] = [
    (i) => `{"value": ${i}`, // truncated JSON
    () => '', // empty
    (i) => Buffer.from([0xff, 0xfe, 0x00, i % 256]), // binary
    (i) => JSON.stringify({ value: i, quality: 'excellent' }), // unknown quality
    (i) => JSON.stringify({ valeu: i }), // misspelt key
    (i) => JSON.stringify({ value: i, ts: 'yesterday' }), // bad time
    (i) => JSON.stringify({ value: [i, i] }), // array value
    (i) => JSON.stringify([i]), // array payload
    (i) => `${i + 1}e999`, // parses to Infinity: passes the payload check, fails the observation's
    (i) => JSON.stringify({ value: 'x'.repeat(5_000 + i) }), // too long a string
  ];
  return Array.from({ length: 1_000 }, (_, i) =>
    (kinds[i % kinds.length] as (i: number) => string | Buffer)(i),
  );
}

describeWithServers('MQTT ingest (mosquitto)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  const start = async (prefix: string, clientId: string, sink: RecordingSink = recordingSink()) => {
    const gate = new ObservationGate({ sink, logger: recordingLogger() });
    const ingest = new MqttIngest(
      parseMqttIngestConfig({
        url: serverUrls().mqttUrl,
        clientId,
        source: 'mqtt:mosquitto',
        json: [{ pattern: `${prefix}/+line/+asset/+signal` }],
      }),
      { gate, logger: recordingLogger() },
    );
    cleanups.push(() => ingest.stop());
    await withTimeout(ingest.start(), 10_000, 'ingest connect');
    await new Promise((resolve) => setTimeout(resolve, 200)); // the SUBACK
    return { ingest, gate, sink };
  };
  const publisher = async (): Promise<MqttClient> => {
    const client = await connectAsync(serverUrls().mqttUrl, { reconnectPeriod: 0, protocolVersion: 4 });
    cleanups.push(() => client.endAsync());
    return client;
  };

  it('drops 1,000 malformed payloads mixed with 2,000 good ones: no crash, every good observation arrives', async () => {
    const prefix = `twin-test/${randomUUID()}`;
    const { gate, sink } = await start(prefix, `twin-${randomUUID().slice(0, 8)}`);
    const pub = await publisher();
    const bad = malformedPayloads();
    // mosquitto drops QoS 1 messages for a subscriber more than max_queued_messages (default 1,000) behind, so
    // publish in windows and let the ingest catch up: the test is about the ingest, not about the broker's limit.
    let published = 0;
    for (let from = 0; from < 2_000; from += 200) {
      const sends: Promise<unknown>[] = [];
      for (let i = from; i < from + 200; i++) {
        const topic = `${prefix}/L1/M${i % 20}/spindleLoad`;
        const good =
          i % 2 === 0 ? String(i) : JSON.stringify({ value: i, ts: 1_767_225_600_000 + i, quality: 'good' });
        sends.push(pub.publishAsync(topic, good, { qos: 1 }));
        if (i % 2 === 1) sends.push(pub.publishAsync(topic, bad[(i - 1) / 2] as string | Buffer, { qos: 1 }));
      }
      await Promise.all(sends);
      published += sends.length;
      await withTimeout(
        new Promise<void>((resolve) => {
          const poll = setInterval(() => {
            const { accepted, rejected } = gate.counters();
            if (accepted + rejected >= published) resolve(clearInterval(poll));
          }, 10);
        }),
        10_000,
        `ingest caught up with ${published} messages`,
      );
    }
    await withTimeout(sink.waitForCount(2_000), 20_000, '2,000 good observations');
    await new Promise((resolve) => setTimeout(resolve, 200)); // anything that should not be there would be by now

    const values = sink.observations.map((o) => o.value as number).sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: 2_000 }, (_, i) => i));
    const counters = gate.counters();
    expect(counters.accepted).toBe(2_000);
    expect(counters.rejected).toBe(1_000);
    expect(counters.kinds.map((k) => [k.reason, k.count]).sort()).toEqual([
      ['invalid payload', 600],
      ['invalid value', 100],
      ['malformed JSON', 300],
    ]);
  });

  it('keeps a persistent session: QoS 1 messages sent while the ingest was away arrive when it returns', async () => {
    const prefix = `twin-test/${randomUUID()}`;
    const clientId = `twin-${randomUUID().slice(0, 8)}`;
    const sink = recordingSink();
    const first = await start(prefix, clientId, sink);
    const pub = await publisher();
    for (let i = 0; i < 50; i++)
      await pub.publishAsync(`${prefix}/L1/Lathe01/partCount`, String(i), { qos: 1 });
    await withTimeout(sink.waitForCount(50), 10_000, 'first 50');
    await first.ingest.stop();

    for (let i = 50; i < 150; i++)
      await pub.publishAsync(`${prefix}/L1/Lathe01/partCount`, String(i), { qos: 1 });
    const again = await start(prefix, clientId, sink);
    await withTimeout(sink.waitForCount(150), 10_000, 'the 100 queued while away');
    const distinct = new Set(sink.observations.map((o) => o.value));
    expect([...distinct].sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 150 }, (_, i) => i),
    );
    expect(again.ingest.status().connects).toBe(1);
  });
});
