// The service over HTTPS, as `npm start` runs it (dist/connectors/start.js in a child process): a certificate
// made for the test with openssl, clients that trust it and only it, tokens that never reach the output, and
// SIGTERM that ends the process cleanly. No plant: this is about the HTTP server.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ServiceProcess } from '../test/e2e/service-process.js';
import { StreamClient } from '../test/e2e/stream-client.js';

const PORT = 8204;
const TOKEN = 'tls-viewer-token-9b2d4e7f1a';
const BASE = `https://127.0.0.1:${PORT}`;

interface Answer {
  status: number;
  body: string;
}

/** GET over HTTPS trusting `ca` only (no rejectUnauthorized: false anywhere). */
function get(url: string, ca: string | undefined, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = https.get(url, { ca, headers, timeout: 10_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url}: no answer within 10 s`)));
    request.on('error', reject);
  });
}

describe('the service over HTTPS (child process)', () => {
  let dir = '';
  let ca = '';
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'shopfloor-twin-tls-'));
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    // A self-signed certificate for 127.0.0.1: the clients trust it as their only CA.
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=shopfloor-twin test',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]);
    ca = await readFile(certFile, 'utf8');
    const configFile = path.join(dir, 'service.yaml');
    await writeFile(
      configFile,
      YAML.stringify({
        http: { port: PORT, tls: { certFile, keyFile } },
        auth: { tokens: [{ role: 'viewer', token: TOKEN }] },
        plant: { embedded: false },
        state: { file: null },
        // info: fastify logs every request with its URL, where a `?token=` would show if not redacted.
        log: { level: 'info' },
      }),
    );
    service = ServiceProcess.start({ TWIN_CONFIG: configFile });
    await service.waitForOutput(/is running at https:\/\/127\.0\.0\.1:8204/, 30_000);
  }, 40_000);

  afterAll(async () => {
    await service?.kill();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers /health over HTTPS to a client that trusts the certificate', async () => {
    const health = await get(`${BASE}/health`, ca);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
  });

  it('is refused by a client that does not trust the certificate', async () => {
    await expect(get(`${BASE}/health`, undefined)).rejects.toThrow(/self.signed|certificate/i);
  });

  it('serves /api/twin with the token in the header or in the query, and refuses it without', async () => {
    const byHeader = await get(`${BASE}/api/twin`, ca, { authorization: `Bearer ${TOKEN}` });
    expect(byHeader.status, byHeader.body).toBe(200);
    const twin = JSON.parse(byHeader.body) as { machines: { id: string }[] };
    expect(twin.machines.length).toBeGreaterThan(0);
    const byQuery = await get(`${BASE}/api/twin?token=${TOKEN}`, ca);
    expect(byQuery.status, byQuery.body).toBe(200);
    expect((await get(`${BASE}/api/twin`, ca)).status).toBe(401);
  });

  it('streams over wss:// with the token in the query', async () => {
    const client = await StreamClient.open(`wss://127.0.0.1:${PORT}/api/stream?token=${TOKEN}`, 5000, { ca });
    try {
      const hello = await client.waitFor('hello', (ms) => ms.find((m) => m.type === 'hello'), 5000);
      expect(hello.data).toHaveProperty('machines');
    } finally {
      await client.close();
    }
  });

  it('stops on SIGTERM with exit code 0 within 10 s, and says so', async () => {
    // The requests above are logged (level info): let them reach the output before stopping.
    await service!.waitForOutput(/"url":"\/api\/stream\?token=/, 5000);
    const exit = await service!.stop('SIGTERM', 10_000);
    expect(exit, service!.tail()).toMatchObject({ code: 0, signal: null });
    expect(service!.output).toMatch(/"signal":"SIGTERM".*"msg":"shutting down"/);
  });

  it('never printed the token: not from the header, the query or the WebSocket URL', () => {
    expect(service!.output).toContain('"url":"/api/twin?token=');
    const leaks = service!.output.split('\n').filter((line) => line.includes(TOKEN));
    expect(leaks).toEqual([]);
  });
});
