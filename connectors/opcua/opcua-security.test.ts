// OPC UA ingest with SignAndEncrypt (Basic256Sha256), certificates in a PKI folder, and a user name and password,
// against an in-process server (port 48424).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '../../test/servers.js';
import { ObservationGate } from '../ingest/observation-gate.js';
import { recordingLogger, recordingSink } from '../ingest/__fixtures__/recorders.js';
import { startTelemetryServer, type TelemetryServer } from './__fixtures__/telemetry-server.js';
import { parseOpcUaIngestConfig } from './config.js';
import { OpcUaIngest } from './opcua-ingest.js';
import { testPkiFolder } from './__fixtures__/pki.js';

describe('OPC UA ingest, secured', () => {
  let pki = '';
  let server: TelemetryServer;
  const ingests: OpcUaIngest[] = [];

  const ingest = (password: string) => {
    const sink = recordingSink();
    const client = new OpcUaIngest(
      parseOpcUaIngestConfig({
        connection: {
          endpointUrl: server.endpointUrl,
          securityMode: 'SignAndEncrypt',
          securityPolicy: 'Basic256Sha256',
          pkiFolder: pki,
          trustUnknownServers: true,
          username: 'operator',
          password,
          reconnect: { initialDelayMs: 100, maxDelayMs: 200 },
        },
        mapping: [{ nodeId: 'ns=1;s=Press01.Temperature', asset: 'Press01', signal: 'temperature' }],
      }),
      { gate: new ObservationGate({ sink, logger: recordingLogger() }), logger: recordingLogger() },
    );
    ingests.push(client);
    return { sink, client };
  };

  beforeAll(async () => {
    pki = await mkdtemp(path.join(tmpdir(), 'twin-opcua-secure-'));
    server = await startTelemetryServer({
      port: 48424,
      pkiFolder: testPkiFolder('secure-server'),
      machines: ['Press01'],
      secure: { user: 'operator', password: 'secret' },
    });
  }, 60_000);

  afterAll(async () => {
    for (const client of ingests) await client.stop();
    await server?.stop();
    if (pki) await rm(pki, { recursive: true, force: true });
  });

  it('connects with SignAndEncrypt and a user, keeping its certificate and the trusted server in the PKI folder', async () => {
    const { sink, client } = ingest('secret');
    await withTimeout(client.start(), 30_000, 'secure connect');
    const first = await sink.waitFor((o) => o.signal === 'temperature', 'temperature');
    expect(first).toMatchObject({ asset: 'Press01', value: 21.5, quality: 'good' });
    expect(await readdir(path.join(pki, 'own', 'certs'))).not.toHaveLength(0);
    expect(await readdir(path.join(pki, 'trusted', 'certs'))).toHaveLength(1);
  }, 60_000);

  it('refuses a wrong password', async () => {
    const { client } = ingest('wrong');
    await expect(withTimeout(client.start(), 30_000, 'secure connect')).rejects.toThrow(
      /BadUserAccessDenied|denied/i,
    );
  }, 60_000);
});
