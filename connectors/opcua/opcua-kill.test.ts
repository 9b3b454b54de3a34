// OPC UA ingest against a node-opcua server in another process (port 48425) that is killed with SIGKILL and
// started again: the client notices, reports the gap as bad quality, re-subscribes by itself, and values flow.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '../../test/servers.js';
import { ObservationGate } from '../ingest/observation-gate.js';
import { recordingLogger, recordingSink } from '../ingest/__fixtures__/recorders.js';
import { parseOpcUaIngestConfig } from './config.js';
import { OpcUaIngest } from './opcua-ingest.js';
import { testPkiFolder } from './__fixtures__/pki.js';

const PORT = 48425;
const script = fileURLToPath(new URL('./__fixtures__/telemetry-server-process.mjs', import.meta.url));

function startServer(pki: string, base: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script, String(PORT), pki, String(base)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return withTimeout(
    new Promise<ChildProcess>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(child));
      child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
    }),
    30_000,
    'server process ready',
  );
}

describe('OPC UA ingest, server process killed and restarted', () => {
  let server: ChildProcess | undefined;
  let ingest: OpcUaIngest;
  const sink = recordingSink();

  beforeAll(async () => {
    server = await startServer(testPkiFolder('kill-server'), 1);
    ingest = new OpcUaIngest(
      parseOpcUaIngestConfig({
        connection: {
          endpointUrl: `opc.tcp://localhost:${PORT}`,
          pkiFolder: testPkiFolder('kill-client'),
          reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
        },
        publishingIntervalMs: 50,
        mapping: [
          { nodeId: 'ns=1;s=Lathe01.SpindleLoad', asset: 'Lathe01', signal: 'spindleLoad', expect: 'number' },
        ],
      }),
      { gate: new ObservationGate({ sink, logger: recordingLogger() }), logger: recordingLogger() },
    );
    await withTimeout(ingest.start(), 30_000, 'ingest start');
  }, 60_000);

  afterAll(async () => {
    await ingest?.stop();
    server?.kill('SIGKILL');
  });

  it('reports the gap as bad quality, then good values from the restarted server', async () => {
    await withTimeout(
      sink.waitFor((o) => Number(o.value) > 1_002, 'live values'),
      10_000,
      'live values',
    );
    const killed = new Promise((resolve) => server?.once('exit', resolve));
    server?.kill('SIGKILL');
    await killed;
    const gap = await withTimeout(
      sink.waitFor((o) => o.quality === 'bad', 'the gap'),
      15_000,
      'the gap',
    );
    expect(gap).toMatchObject({ asset: 'Lathe01', signal: 'spindleLoad', value: null });

    // The second life counts from 2000, so its values cannot be confused with the first one's.
    server = await startServer(testPkiFolder('kill-server'), 2);
    const back = await withTimeout(
      sink.waitFor((o) => o.quality === 'good' && Number(o.value) >= 2_000, 'values after the restart'),
      30_000,
      're-subscription',
    );
    expect(back.sourceTs).toBeGreaterThan(gap.sourceTs);
    const afterGap = sink.observations.slice(sink.observations.indexOf(gap) + 1);
    expect(afterGap.every((o) => o.quality === 'good' && Number(o.value) >= 2_000)).toBe(true);
    expect(ingest.status().connectionLosses).toBe(1);
  }, 60_000);
});
