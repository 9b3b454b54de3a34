// The multi-signal JSON form: decoded alone, and through the ingest on a real broker (aedes in process, port
// 18962), where a bad value is dropped alone and the good values of the same message arrive.
import { connectAsync } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { withTimeout } from '../../test/servers.js';
import type { Observation } from '../../twin/schema/observation.js';
import { ObservationGate } from '../ingest/observation-gate.js';
import { recordingLogger, recordingSink } from '../ingest/__fixtures__/recorders.js';
import { startAedes } from './__fixtures__/aedes-broker.js';
import { startTestIngest } from './__fixtures__/test-ingest.js';
import { parseMqttIngestConfig } from './config.js';
import { decodeJsonValues, MAX_VALUES_PER_MESSAGE } from './json-values-payload.js';
import { MqttIngest } from './mqtt-ingest.js';

function decode(body: unknown, receivedTs = 5_000) {
  const offered: Observation[] = [];
  const rejected: string[] = [];
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const n = decodeJsonValues(Buffer.from(text), 'mqtt:test', 'M1', receivedTs, {
    offer: (o) => offered.push(o),
    reject: (reason, message) => rejected.push(`${reason}: ${message}`),
  });
  expect(n).toBe(offered.length);
  return { offered, rejected };
}

describe('JSON telemetry, several signals per message', () => {
  it('reads every value, the message time and quality applying where a value gives none', () => {
    const { offered, rejected } = decode({
      ts: '2026-01-01T08:00:00+08:00',
      quality: 'uncertain',
      values: {
        spindleLoad: 0.73,
        running: true,
        state: 'running',
        gap: null,
        temperature: { value: 41.5, ts: 1_767_225_600_500, quality: 'good' },
      },
    });
    expect(rejected).toEqual([]);
    expect(offered.map((o) => [o.signal, o.value, o.quality, o.sourceTs])).toEqual([
      ['spindleLoad', 0.73, 'uncertain', 1_767_225_600_000],
      ['running', true, 'uncertain', 1_767_225_600_000],
      ['state', 'running', 'uncertain', 1_767_225_600_000],
      ['gap', null, 'uncertain', 1_767_225_600_000],
      ['temperature', 41.5, 'good', 1_767_225_600_500],
    ]);
    expect(offered[0]).toMatchObject({ source: 'mqtt:test', asset: 'M1', receivedTs: 5_000 });
    // No time given: when it was received.
    expect(decode({ values: { a: 1 } }, 7_000).offered[0]?.sourceTs).toBe(7_000);
  });

  it('drops a bad value alone and names it; a message not of the form is one rejection', () => {
    const { offered, rejected } = decode({
      values: { good: 1, nested: { value: 2, valeu: 3 }, list: [1], '': 4, also: 5 },
    });
    expect(offered.map((o) => o.signal)).toEqual(['good', 'also']);
    expect(rejected).toEqual([
      expect.stringMatching(/^invalid payload: values\.nested.*valeu/),
      expect.stringMatching(/^invalid payload: values\.list: /),
      'invalid payload: values: a signal name must have 1 to 128 characters',
    ]);
    expect(decode('{"values": {').rejected).toEqual([expect.stringMatching(/^malformed JSON: /)]);
    expect(decode({ value: 1 }).rejected).toEqual([expect.stringMatching(/^invalid payload: /)]);
    expect(decode({ values: { a: 1 }, ts: -1 }).rejected).toEqual([expect.stringMatching(/ts/)]);
    expect(decode([1, 2]).rejected).toHaveLength(1);
    const tooMany = Object.fromEntries(
      Array.from({ length: MAX_VALUES_PER_MESSAGE + 1 }, (_, i) => [`s${i}`, i]),
    );
    const big = decode({ values: tooMany });
    expect(big.offered).toEqual([]);
    expect(big.rejected).toEqual([expect.stringMatching(/values: must NOT have more than 10000/)]);
  });

  it('flows through the ingest from a route of the values form', async () => {
    expect(
      () =>
        new MqttIngest(
          parseMqttIngestConfig({
            url: 'mqtt://127.0.0.1:1',
            clientId: 'c',
            json: [{ pattern: 'p/+asset/+signal', form: 'values' }],
          }),
          {
            gate: new ObservationGate({ sink: recordingSink(), logger: recordingLogger() }),
            logger: recordingLogger(),
          },
        ),
    ).toThrow(/form values names its signals in the payload/);

    const broker = await startAedes(18962);
    const client = await connectAsync(broker.url, { reconnectPeriod: 0 });
    let ingest: MqttIngest | undefined;
    try {
      const started = await startTestIngest({
        url: broker.url,
        clientId: 'twin-values-test',
        source: 'mqtt:values',
        json: [{ pattern: 'plant/+line/+asset/telemetry', form: 'values' }],
      });
      ingest = started.ingest;
      const { gate, sink } = started;
      await client.publishAsync(
        'plant/L1/M7/telemetry',
        JSON.stringify({ ts: 1_000, values: { a: 1, b: 'x'.repeat(5000), c: 3 } }),
        { qos: 1 },
      );
      await client.publishAsync('plant/L1/M8/telemetry', 'not json', { qos: 1 });
      await client.publishAsync('plant/L1/M9/telemetry', JSON.stringify({ values: { d: 4 } }), { qos: 1 });
      await withTimeout(sink.waitForCount(3), 5_000, 'three observations');
      expect(sink.observations.map((o) => [o.asset, o.signal, o.value])).toEqual([
        ['M7', 'a', 1],
        ['M7', 'c', 3],
        ['M9', 'd', 4],
      ]);
      expect(gate.counters().rejected).toBe(2);
      expect(
        gate
          .counters()
          .kinds.map((k) => k.reason)
          .sort(),
      ).toEqual(['invalid payload', 'malformed JSON']);
    } finally {
      await client.endAsync();
      await ingest?.stop();
      await broker.stop();
    }
  });
});
