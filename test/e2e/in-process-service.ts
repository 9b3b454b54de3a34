// The real service in the test's own process (connectors/main.ts startService): the embedded plant behind its
// own OPC UA server (certificates in a temporary folder, removed at close), its log captured for the test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino, type Level } from 'pino';
import { resolveConfig } from '../../connectors/config.js';
import { startService, type RunningService } from '../../connectors/main.js';
import type { TokenEntry } from '../../connectors/http/auth.js';

export interface InProcessServiceOptions {
  httpPort: number;
  opcuaPort: number;
  /** Simulated seconds per wall second. */
  speed: number;
  tokens: TokenEntry[];
  /** What the captured log keeps. */
  logLevel: Level;
  /** More configuration sections (limits, viewer, log…), as in the configuration file. */
  config?: Record<string, unknown>;
}

export interface InProcessService {
  url: string;
  /** What the service logged, chunk by chunk. */
  logs: string[];
  close(): Promise<void>;
}

export async function startInProcessService(options: InProcessServiceOptions): Promise<InProcessService> {
  const pkiDir = await mkdtemp(path.join(tmpdir(), 'shopfloor-twin-e2e-'));
  const config = resolveConfig(
    {
      log: { level: 'warn' },
      ...options.config,
      http: { port: options.httpPort },
      auth: { tokens: options.tokens },
      plant: { options: { speed: options.speed, opcua: { port: options.opcuaPort, pkiDir } } },
      // Start from the plant, not from a twin saved by an earlier run.
      state: { file: null },
    },
    {},
  );
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  let service: RunningService;
  try {
    service = await startService(config, pino({ level: options.logLevel }, sink));
  } catch (err) {
    await rm(pkiDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: service.url,
    logs,
    async close() {
      try {
        await service.close();
      } finally {
        await rm(pkiDir, { recursive: true, force: true });
      }
    },
  };
}
