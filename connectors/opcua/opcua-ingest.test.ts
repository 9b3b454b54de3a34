// OPC UA ingest against an in-process node-opcua server (port 48420) that is stopped and started again.
import { DataType, StatusCodes, Variant } from 'node-opcua';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '../../test/servers.js';
import type { Observation } from '../../twin/schema/observation.js';
import { ObservationGate } from '../ingest/observation-gate.js';
import { recordingLogger, recordingSink } from '../ingest/__fixtures__/recorders.js';
import { startTelemetryServer, type TelemetryServer } from './__fixtures__/telemetry-server.js';
import { parseOpcUaIngestConfig } from './config.js';
import { OpcUaIngest } from './opcua-ingest.js';
import { testPkiFolder } from './__fixtures__/pki.js';

const PORT = 48420;
const MACHINES = ['Lathe01', 'Mill02'];

describe('OPC UA ingest', () => {
  let server: TelemetryServer | undefined;
  let ingest: OpcUaIngest;
  const sink = recordingSink();
  const logger = recordingLogger();
  const gate = new ObservationGate({ sink, logger });
  const is =
    (asset: string, signal: string, value: unknown, quality = 'good') =>
    (o: Observation) =>
      o.asset === asset && o.signal === signal && o.value === value && o.quality === quality;

  beforeAll(async () => {
    server = await startTelemetryServer({
      port: PORT,
      pkiFolder: testPkiFolder('ingest-server'),
      machines: MACHINES,
    });
    const config = parseOpcUaIngestConfig({
      source: 'opcua:fixture',
      connection: {
        endpointUrl: server.endpointUrl,
        pkiFolder: testPkiFolder('ingest-client'),
        reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
      },
      publishingIntervalMs: 50,
      chunkSize: 2,
      mapping: [
        { nodeId: 'ns=1;s=Lathe01.SpindleLoad', asset: 'Lathe01', signal: 'spindleLoad', expect: 'number' },
        { nodeId: 'ns=1;s=Lathe01.State', asset: 'Lathe01', signal: 'state', expect: 'string' },
        { browsePath: '/Objects/1:Machines/1:Mill02/1:Temperature', asset: 'Mill02', signal: 'temperature' },
        { browsePath: '/Objects/1:Machines/1:Mill02/1:PartCount', asset: 'Mill02', signal: 'partCount' },
        { nodeId: 'ns=1;s=Mill02.Raw', asset: 'Mill02', signal: 'power', expect: 'number' },
        { browsePath: '/Objects/1:Machines/1:Mill02/1:NoSuchThing', asset: 'Mill02', signal: 'ghost' },
      ],
    });
    ingest = new OpcUaIngest(config, { gate, logger });
    await withTimeout(ingest.start(), 20_000, 'ingest start');
  }, 60_000);

  afterAll(async () => {
    await ingest?.stop();
    await server?.stop().catch(() => undefined);
  });

  it('rejects a mapping item with both or neither of nodeId and browsePath', () => {
    const base = { connection: { endpointUrl: 'opc.tcp://x:4840' } };
    expect(() => parseOpcUaIngestConfig({ ...base, mapping: [{ asset: 'a', signal: 's' }] })).toThrow(
      /mapping\[0\]: give exactly one of nodeId and browsePath/,
    );
    expect(() =>
      parseOpcUaIngestConfig({
        ...base,
        mapping: [{ nodeId: 'i=1', asset: 'a', signal: 's', expect: 'int' }],
      }),
    ).toThrow(/mapping\[0\]\.expect: must be one of/);
  });

  it('monitors every resolved node, created in chunks, with the initial values', async () => {
    await withTimeout(sink.waitFor(is('Lathe01', 'spindleLoad', 0.25), 'spindleLoad'), 10_000, 'initial');
    await withTimeout(sink.waitFor(is('Mill02', 'partCount', 0), 'partCount'), 10_000, 'initial');
    await withTimeout(sink.waitFor(is('Mill02', 'power', 1), 'power'), 10_000, 'initial');
    expect(ingest.status()).toMatchObject({ monitored: 5, unresolved: 1, createCalls: 3, connected: true });
    expect(sink.observations.find(is('Mill02', 'temperature', 21.5))?.source).toBe('opcua:fixture');
    expect(gate.counters().kinds.map((k) => k.reason)).toContain('unresolved browse path');
  });

  it('reports value changes with their source timestamp and quality from the status code', async () => {
    server?.set('Lathe01', 'SpindleLoad', new Variant({ dataType: DataType.Double, value: 0.8 }));
    const changed = await withTimeout(
      sink.waitFor(is('Lathe01', 'spindleLoad', 0.8), 'change'),
      10_000,
      'change',
    );
    expect(Math.abs(changed.sourceTs - Date.now())).toBeLessThan(5_000);
    server?.set(
      'Lathe01',
      'SpindleLoad',
      new Variant({ dataType: DataType.Double, value: 0.9 }),
      StatusCodes.UncertainLastUsableValue,
    );
    await withTimeout(
      sink.waitFor(is('Lathe01', 'spindleLoad', 0.9, 'uncertain'), 'uncertain'),
      10_000,
      'uncertain',
    );
    server?.set(
      'Lathe01',
      'SpindleLoad',
      new Variant({ dataType: DataType.Double, value: 0 }),
      StatusCodes.BadSensorFailure,
    );
    await withTimeout(sink.waitFor(is('Lathe01', 'spindleLoad', null, 'bad'), 'bad'), 10_000, 'bad');
  });

  it('counts a value of the wrong type and carries on', async () => {
    const before = gate.counters().rejected;
    server?.set('Mill02', 'Raw', new Variant({ dataType: DataType.String, value: 'not a number' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    server?.set('Mill02', 'Raw', new Variant({ dataType: DataType.Double, value: 7.5 }));
    await withTimeout(sink.waitFor(is('Mill02', 'power', 7.5), 'power after the bad one'), 10_000, 'power');
    expect(gate.counters().rejected).toBe(before + 1);
    const kind = gate.counters().kinds.find((k) => k.reason === 'wrong value type');
    expect(kind?.example).toBe('Mill02/power: expected number, found a string');
    expect(sink.observations.some((o) => o.value === 'not a number')).toBe(false);
  });

  it('reports the gap as bad quality when the server goes away, and re-subscribes by itself when it returns', async () => {
    const from = sink.observations.length;
    await server?.stop();
    server = undefined;
    await withTimeout(sink.waitForCount(from + 5), 10_000, 'the gap');
    const gap = sink.observations.slice(from, from + 5);
    expect(gap.every((o) => o.quality === 'bad' && o.value === null)).toBe(true);
    expect(gap.map((o) => `${o.asset}/${o.signal}`).sort()).toEqual([
      'Lathe01/spindleLoad',
      'Lathe01/state',
      'Mill02/partCount',
      'Mill02/power',
      'Mill02/temperature',
    ]);

    server = await startTelemetryServer({
      port: PORT,
      pkiFolder: testPkiFolder('ingest-server'),
      machines: MACHINES,
    });
    const back = sink.observations.length;
    const after = (o: Observation, i: number) => i >= back && o.quality === 'good';
    await withTimeout(
      sink.waitFor(
        (o) => after(o, sink.observations.indexOf(o)) && o.signal === 'temperature',
        'temperature back',
      ),
      20_000,
      're-subscription',
    );
    server.set('Lathe01', 'SpindleLoad', new Variant({ dataType: DataType.Double, value: 0.55 }));
    await withTimeout(sink.waitFor(is('Lathe01', 'spindleLoad', 0.55), 'new value'), 10_000, 'live again');
    expect(ingest.status().connectionLosses).toBe(1);
  });
});
