// Sparkplug B through the MQTT ingest, against an in-process aedes broker (port 18848): an edge node written with
// sparkplug-payload publishes births, data by alias and deaths; a sequence gap makes the host ask for a rebirth.
import { connectAsync, type MqttClient } from 'mqtt';
import { get as sparkplugNamespace } from 'sparkplug-payload';
import type { UMetric } from 'sparkplug-payload/lib/sparkplugbpayload.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '../../test/servers.js';
import type { Observation } from '../../twin/schema/observation.js';
import { ObservationGate } from '../ingest/observation-gate.js';
import { recordingLogger, recordingSink } from '../ingest/__fixtures__/recorders.js';
import { startAedes, type TestBroker } from './__fixtures__/aedes-broker.js';
import { parseMqttIngestConfig } from './config.js';
import { MqttIngest } from './mqtt-ingest.js';

const codec = sparkplugNamespace('spBv1.0');
if (!codec) throw new Error('no spBv1.0 codec');
const T0 = 1_767_225_600_000;

describe('Sparkplug B ingest', () => {
  let broker: TestBroker;
  let edge: MqttClient;
  let ingest: MqttIngest;
  const sink = recordingSink();
  const gate = new ObservationGate({ sink, logger: recordingLogger() });
  const commands: { topic: string; metrics: UMetric[] }[] = [];

  const publish = (type: string, seq: number | undefined, metrics: UMetric[], device?: string) =>
    edge.publishAsync(
      `spBv1.0/Plant1/${type}/Edge1${device ? `/${device}` : ''}`,
      Buffer.from(codec.encodePayload({ timestamp: T0, ...(seq !== undefined && { seq }), metrics })),
      { qos: 0 },
    );
  const fresh = () => {
    const from = sink.observations.length;
    return () => sink.observations.slice(from);
  };
  const summary = (list: Observation[]) =>
    list.map((o) => `${o.asset}/${o.signal}=${String(o.value)}:${o.quality}`);
  const settle = async (count: number, what: string, since: () => Observation[]) =>
    withTimeout(
      new Promise<void>((resolve) => {
        const poll = setInterval(() => since().length >= count && resolve(clearInterval(poll)), 10);
      }),
      5_000,
      what,
    );

  beforeAll(async () => {
    broker = await startAedes(18848);
    const config = parseMqttIngestConfig({
      url: broker.url,
      source: 'sparkplug:test',
      clientId: 'twin-sparkplug-host',
      sparkplug: { groups: ['Plant1'], rebirthIntervalMs: 0 },
    });
    ingest = new MqttIngest(config, { gate, logger: recordingLogger() });
    await withTimeout(ingest.start(), 5_000, 'ingest connect');
    edge = await connectAsync(broker.url, { reconnectPeriod: 0, protocolVersion: 4 });
    await edge.subscribeAsync('spBv1.0/Plant1/NCMD/Edge1', { qos: 0 });
    edge.on('message', (topic, payload) =>
      commands.push({ topic, metrics: codec.decodePayload(payload).metrics ?? [] }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
  });

  afterAll(async () => {
    await ingest?.stop();
    await edge?.endAsync(true);
    await broker?.stop();
  });

  it('turns births and data by alias into observations', async () => {
    const since = fresh();
    await publish('NBIRTH', 0, [
      { name: 'bdSeq', type: 'Int64', value: 3 },
      { name: 'Node Control/Rebirth', type: 'Boolean', value: false },
      { name: 'power', alias: 1, type: 'Double', value: 1.5 },
    ]);
    await publish(
      'DBIRTH',
      1,
      [
        { name: 'spindleLoad', alias: 10, type: 'Double', value: 0.5 },
        { name: 'state', alias: 11, type: 'String', value: 'running' },
        { name: 'partCount', alias: 12, type: 'Int64', value: 7 },
      ],
      'Lathe01',
    );
    await publish(
      'DDATA',
      2,
      [
        { alias: 10, type: 'Double', value: 0.9, timestamp: T0 + 500 },
        { alias: 12, type: 'Int64', value: 8, properties: { Quality: { type: 'Int32', value: 64 } } },
      ],
      'Lathe01',
    );
    await settle(6, 'birth and data', since);
    expect(summary(since())).toEqual([
      'Edge1/power=1.5:good',
      'Lathe01/spindleLoad=0.5:good',
      'Lathe01/state=running:good',
      'Lathe01/partCount=7:good',
      'Lathe01/spindleLoad=0.9:good',
      'Lathe01/partCount=8:uncertain',
    ]);
    expect(since()[4]?.sourceTs).toBe(T0 + 500);
    expect(since()[5]?.sourceTs).toBe(T0);
    expect(commands).toEqual([]);
  });

  it('asks for a rebirth when a sequence number is skipped, and still takes the data', async () => {
    const since = fresh();
    await publish('NDATA', 5, [{ alias: 1, type: 'Double', value: 2.5 }]);
    await settle(1, 'data after the gap', since);
    await withTimeout(
      new Promise<void>((resolve) => {
        const poll = setInterval(() => commands.length > 0 && resolve(clearInterval(poll)), 10);
      }),
      5_000,
      'the rebirth request',
    );
    expect(summary(since())).toEqual(['Edge1/power=2.5:good']);
    expect(commands[0]?.topic).toBe('spBv1.0/Plant1/NCMD/Edge1');
    expect(commands[0]?.metrics).toEqual([
      expect.objectContaining({ name: 'Node Control/Rebirth', value: true }),
    ]);
    expect(ingest.status().sparkplug).toMatchObject({ sequenceGaps: 1, rebirthRequests: 1 });
  });

  it('marks a dead device, then the dead node, as bad quality; a stale death changes nothing', async () => {
    const since = fresh();
    await publish('DDEATH', 6, [], 'Lathe01');
    await settle(3, 'device death', since);
    expect(summary(since())).toEqual([
      'Lathe01/spindleLoad=null:bad',
      'Lathe01/state=null:bad',
      'Lathe01/partCount=null:bad',
    ]);
    await publish('NDEATH', undefined, [{ name: 'bdSeq', type: 'Int64', value: 2 }]);
    await publish('NDEATH', undefined, [{ name: 'bdSeq', type: 'Int64', value: 3 }]);
    await settle(7, 'node death', since);
    expect(summary(since()).slice(3)).toEqual([
      'Edge1/power=null:bad',
      'Lathe01/spindleLoad=null:bad',
      'Lathe01/state=null:bad',
      'Lathe01/partCount=null:bad',
    ]);
    expect(ingest.status().sparkplug?.staleDeaths).toBe(1);
  });

  it('rejects data from a dead node, asks it to be born again, and drops garbage without stopping', async () => {
    const before = gate.counters().rejected;
    const requests = commands.length;
    await edge.publishAsync('spBv1.0/Plant1/DDATA/Edge1/Lathe01', Buffer.from('not protobuf at all'), {
      qos: 0,
    });
    await publish('NDATA', 7, [{ alias: 1, type: 'Double', value: 3 }]);
    const since = fresh();
    await publish('NBIRTH', 0, [{ name: 'power', alias: 1, type: 'Double', value: 4 }]);
    await settle(1, 'the rebirth', since);
    expect(summary(since())).toEqual(['Edge1/power=4:good']);
    expect(commands.length).toBe(requests + 1);
    const reasons = gate.counters().kinds.map((k) => k.reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['malformed Sparkplug payload', 'Sparkplug message before birth']),
    );
    // Both rejections are counted, though under load the count may trail the rebirth by a moment.
    await withTimeout(
      new Promise<void>((resolve) => {
        const poll = setInterval(
          () => gate.counters().rejected >= before + 2 && resolve(clearInterval(poll)),
          10,
        );
      }),
      5_000,
      'two rejections counted',
    );
    expect(gate.counters().rejected).toBe(before + 2);
  });
});
