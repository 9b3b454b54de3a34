// OPC UA ingest through a TCP proxy whose connections are cut (ports 48426 → 48427): the server keeps the session
// and subscription, so unchanged values are not notified again; the ingest reads them after reconnecting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '../../test/servers.js';
import type { Observation } from '../../twin/schema/observation.js';
import { ObservationGate } from '../ingest/observation-gate.js';
import { recordingLogger, recordingSink } from '../ingest/__fixtures__/recorders.js';
import { testPkiFolder } from './__fixtures__/pki.js';
import { startTcpProxy, type TcpProxy } from './__fixtures__/tcp-proxy.js';
import { startTelemetryServer, type TelemetryServer } from './__fixtures__/telemetry-server.js';
import { parseOpcUaIngestConfig } from './config.js';
import { OpcUaIngest } from './opcua-ingest.js';

describe('OPC UA ingest across a network break', () => {
  let server: TelemetryServer;
  let proxy: TcpProxy;
  let ingest: OpcUaIngest;
  const sink = recordingSink();

  beforeAll(async () => {
    server = await startTelemetryServer({
      port: 48427,
      pkiFolder: testPkiFolder('break-server'),
      machines: ['Lathe01'],
    });
    proxy = await startTcpProxy(48426, 48427);
    ingest = new OpcUaIngest(
      parseOpcUaIngestConfig({
        connection: {
          endpointUrl: 'opc.tcp://localhost:48426',
          pkiFolder: testPkiFolder('break-client'),
          reconnect: { initialDelayMs: 100, maxDelayMs: 300 },
        },
        publishingIntervalMs: 50,
        mapping: [
          { nodeId: 'ns=1;s=Lathe01.SpindleLoad', asset: 'Lathe01', signal: 'spindleLoad' },
          { nodeId: 'ns=1;s=Lathe01.State', asset: 'Lathe01', signal: 'state' },
        ],
      }),
      { gate: new ObservationGate({ sink, logger: recordingLogger() }), logger: recordingLogger() },
    );
    await withTimeout(ingest.start(), 30_000, 'ingest start');
  }, 60_000);

  afterAll(async () => {
    await ingest?.stop();
    await proxy?.close();
    await server?.stop();
  });

  it('marks the signals bad during the break and good again after it, though their values never changed', async () => {
    await withTimeout(sink.waitForCount(2), 10_000, 'initial values');
    const from = sink.observations.length;
    proxy.cut(500);
    const after = (o: Observation) => sink.observations.indexOf(o) >= from;
    await withTimeout(
      sink.waitFor((o) => after(o) && o.quality === 'bad', 'gap'),
      10_000,
      'the gap',
    );
    const gapEnd = sink.observations.length;
    const back = (signal: string, value: unknown) => (o: Observation) =>
      sink.observations.indexOf(o) >= gapEnd &&
      o.signal === signal &&
      o.value === value &&
      o.quality === 'good';
    await withTimeout(
      sink.waitFor(back('spindleLoad', 0.25), 'spindleLoad'),
      20_000,
      'spindleLoad good again',
    );
    await withTimeout(sink.waitFor(back('state', 'idle'), 'state'), 5_000, 'state good again');
    expect(ingest.status()).toMatchObject({ connectionLosses: 1, reconnections: 1, refreshes: 1 });
  }, 60_000);
});
