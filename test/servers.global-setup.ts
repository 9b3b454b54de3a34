// Global set-up of the vitest project `servers`: starts the real servers (scripts/test-servers.sh up), hands
// their URLs to the tests (`inject('serverUrls')`, or test/servers.ts) and stops them afterwards.
// If they cannot start, CI=true fails the run; anywhere else the tests that need them are skipped.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

export interface ServerUrls {
  /** mosquitto, e.g. mqtt://127.0.0.1:18831 */
  mqttUrl: string;
  /** VictoriaMetrics (InfluxDB line protocol at /write and /api/v2/write), e.g. http://127.0.0.1:18428 */
  vmUrl: string;
  /** InfluxDB 1.x, e.g. http://127.0.0.1:18086 */
  influxdb1Url: string;
  /** Chromium executable for playwright-core */
  chromiumPath: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    serversAvailable: boolean;
    /** null when the servers are unavailable. */
    serverUrls: ServerUrls | null;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = path.join(root, 'scripts', 'test-servers.sh');
const envFile = path.join(root, '.test-servers', 'env');

interface RunResult {
  code: number;
  output: string;
}

/** Runs `bash scripts/test-servers.sh <command>`; never rejects. */
function run(command: string, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      [script, command],
      { cwd: root, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        const output = `${stdout}${stderr}${error && !stderr ? `${error.message}\n` : ''}`;
        resolve({ code, output });
      },
    );
  });
}

async function readEnv(): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const line of (await readFile(envFile, 'utf8')).split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

function required(env: Record<string, string>, key: string): string {
  const value = env[key];
  if (!value) throw new Error(`${envFile} has no ${key}`);
  return value;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ci = process.env.CI === 'true';
  // Servers someone started by hand (`bash scripts/test-servers.sh up`) are used and left running.
  const alreadyUp = (await run('status', 30_000)).code === 0;
  // `up` may apt-get install the servers first (as root), hence the long limit.
  const up = alreadyUp ? { code: 0, output: '' } : await run('up', 15 * 60_000);

  let urls: ServerUrls | null = null;
  let failure = up.code === 0 ? '' : up.output.trim();
  if (up.code === 0) {
    try {
      const env = await readEnv();
      urls = {
        mqttUrl: required(env, 'MQTT_URL'),
        vmUrl: required(env, 'VM_URL'),
        influxdb1Url: required(env, 'INFLUXDB1_URL'),
        chromiumPath: required(env, 'CHROMIUM_PATH'),
      };
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
  }

  if (!urls) {
    const message = `scripts/test-servers.sh up failed (exit ${up.code}):\n${failure}`;
    if (ci) throw new Error(`${message}\nCI=true: the servers must be available.`);
    process.stderr.write(
      `\n[servers] NOTICE: real test servers unavailable; the tests that need them are SKIPPED.\n` +
        `[servers] ${message.replaceAll('\n', '\n[servers] ')}\n` +
        `[servers] Try \`bash scripts/test-servers.sh up\`; missing servers: \`sudo bash scripts/test-servers.sh install\`.\n\n`,
    );
  }

  project.provide('serversAvailable', urls !== null);
  project.provide('serverUrls', urls);

  return async () => {
    if (alreadyUp || up.code !== 0) return;
    const down = await run('down', 60_000);
    if (down.code !== 0)
      process.stderr.write(`[servers] scripts/test-servers.sh down failed:\n${down.output}\n`);
  };
}
