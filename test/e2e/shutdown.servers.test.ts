// `npm start` as an operator runs it: dist/connectors/start.js configured by TWIN_* variables, with the
// embedded plant (OPC UA server) running; SIGTERM must end it cleanly, quickly, and free its ports.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceProcess } from './service-process.js';

const HTTP_PORT = 8206;
const OPCUA_PORT = 4826;
const TOKEN = 'shutdown-viewer-token-3c8a1f';

/** True when something accepts TCP connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe('SIGTERM stops a running service', () => {
  let dir = '';
  let service: ServiceProcess | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'shopfloor-twin-shutdown-'));
    service = ServiceProcess.start({
      TWIN_HTTP_PORT: String(HTTP_PORT),
      TWIN_PLANT_OPCUA_PORT: String(OPCUA_PORT),
      TWIN_PLANT_SPEED: '600',
      TWIN_TOKENS: `viewer:${TOKEN}`,
      TWIN_STATE_FILE: path.join(dir, 'twin-state.json'),
      TWIN_LOG_LEVEL: 'info',
    });
    await service.waitForOutput(/is running at http:\/\/127\.0\.0\.1:8206/, 60_000);
  });

  afterAll(async () => {
    await service?.kill();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('exits with 0 within 10 s, logs the shutdown, and frees the HTTP and OPC UA ports', async () => {
    const ready = await fetch(`http://127.0.0.1:${HTTP_PORT}/ready`, { signal: AbortSignal.timeout(10_000) });
    expect(ready.status, await ready.text()).toBe(200);
    expect(await listening(OPCUA_PORT)).toBe(true);

    const exit = await service!.stop('SIGTERM', 10_000);
    expect(exit, service!.tail()).toMatchObject({ code: 0, signal: null });
    expect(service!.output).toMatch(/"signal":"SIGTERM".*"msg":"shutting down"/);
    expect(await listening(HTTP_PORT)).toBe(false);
    expect(await listening(OPCUA_PORT)).toBe(false);
    expect(service!.output).not.toContain(TOKEN);
  });
});
