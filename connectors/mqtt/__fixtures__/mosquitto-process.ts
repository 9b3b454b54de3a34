// A private mosquitto for one test file: its own port, config and persistence file in a fresh temporary folder,
// so stopping or restarting it disturbs no other test (the shared broker of scripts/test-servers.sh stays up).
// Stopped with SIGTERM, mosquitto writes its persistence file (sessions, subscriptions, queued QoS 1 messages),
// and the next start on the same folder brings them back, as a broker restart in a plant does.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { userInfo, tmpdir } from 'node:os';
import path from 'node:path';

export interface MosquittoProcess {
  url: string;
  /** Start it (again) on the same port and persistence folder; resolves once the port accepts connections. */
  start(): Promise<void>;
  /** SIGTERM (mosquitto saves its persistence file first); resolves when the process has exited. */
  stop(): Promise<void>;
  /** stop() and remove the folder. */
  dispose(): Promise<void>;
  /** What the broker wrote to stdout/stderr (for a failing test's message). */
  log(): string;
}

/** mosquitto lives in /usr/sbin, which is not on a normal user's PATH. */
const BINARY_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

export function mosquittoProcess(port: number): MosquittoProcess {
  const dir = mkdtempSync(path.join(tmpdir(), `shopfloor-twin-mosquitto-${port}-`));
  const config = path.join(dir, 'mosquitto.conf');
  // Run as root, mosquitto drops to user `mosquitto` unless told otherwise, and then cannot write its file here.
  writeFileSync(
    config,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence true',
      `persistence_location ${dir}/`,
      'max_queued_messages 100000',
      'max_inflight_messages 100',
      'log_dest stdout',
      'log_type error',
      'log_type warning',
      `user ${userInfo().username}`,
      '',
    ].join('\n'),
  );
  let child: ChildProcess | undefined;
  let output = '';
  const env = { ...process.env, PATH: [process.env.PATH ?? '', ...BINARY_DIRS].join(':') };

  const broker: MosquittoProcess = {
    url: `mqtt://127.0.0.1:${port}`,
    async start() {
      if (child) throw new Error('mosquitto already running');
      const started = spawn('mosquitto', ['-c', config], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<never>((_, reject) => {
        started.once('error', reject);
        started.once('exit', (code) => reject(new Error(`mosquitto exited (${code}) at start: ${output}`)));
      });
      const deadline = Date.now() + 10_000;
      while (!(await Promise.race([portOpen(port), exited]))) {
        if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // The start-up failure handler must not outlive the start.
      exited.catch(() => undefined);
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      await exited;
    },
    async dispose() {
      await broker.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => output,
  };
  return broker;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
