// The service as a user starts it: `node dist/connectors/start.js` in a child process, configured by TWIN_*
// variables, its whole output (stdout and stderr: pino's logs, fastify's, node-opcua's) captured for the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const START_SCRIPT = path.join(root, 'dist', 'connectors', 'start.js');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ServiceProcess {
  private text = '';
  private readonly listeners = new Set<() => void>();
  private exit: Exit | undefined;
  readonly exited: Promise<Exit>;

  private constructor(readonly child: ChildProcess) {
    const collect = (chunk: Buffer): void => {
      this.text += chunk.toString('utf8');
      for (const l of this.listeners) l();
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        for (const l of this.listeners) l();
        resolve(this.exit);
      }),
    );
  }

  /** Starts `node dist/connectors/start.js` in the repository with `env` as its only TWIN_* variables. */
  static start(env: Record<string, string>): ServiceProcess {
    if (!existsSync(START_SCRIPT)) throw new Error(`${START_SCRIPT} is missing: run \`npm run build\` first`);
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TWIN_')));
    const child = spawn(process.execPath, [START_SCRIPT], {
      cwd: root,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(child);
  }

  /** Everything the process wrote so far. */
  get output(): string {
    return this.text;
  }

  /** Resolves with the first match of `pattern` in the output; rejects on timeout or if the process exits. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const match = this.text.match(pattern);
        if (match) return finish(() => resolve(match));
        if (this.exit) {
          finish(() =>
            reject(
              new Error(
                `the service exited (${JSON.stringify(this.exit)}) before printing ${pattern}:\n${this.tail()}`,
              ),
            ),
          );
        }
      };
      const timer = setTimeout(
        () =>
          finish(() => reject(new Error(`${pattern} not printed within ${timeoutMs} ms:\n${this.tail()}`))),
        timeoutMs,
      );
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        settle();
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Sends `signal` and resolves with how the process ended and how long it took; rejects after `timeoutMs`. */
  async stop(signal: NodeJS.Signals, timeoutMs: number): Promise<Exit & { ms: number }> {
    const started = performance.now();
    this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no exit within ${timeoutMs} ms after ${signal}:\n${this.tail()}`)),
        timeoutMs,
      );
    });
    try {
      const exit = await Promise.race([this.exited, timeout]);
      return { ...exit, ms: performance.now() - started };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kills the process if it still runs (a test's clean-up after a failure). */
  async kill(): Promise<void> {
    if (this.exit || this.child.exitCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** The last lines of the output, for failure messages. */
  tail(lines = 15): string {
    return this.text.split('\n').slice(-lines).join('\n');
  }
}
