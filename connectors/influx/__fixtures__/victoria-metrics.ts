// Test helpers around VictoriaMetrics: a private instance to start and stop (outage tests), and export reads.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ExportedSeries {
  metric: Record<string, string>;
  values: number[];
  timestamps: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Series matching `match`, after a force flush, polled until `ready` says yes (bounded by `timeoutMs`). */
export async function exportSeries(
  vmUrl: string,
  match: string,
  ready: (series: ExportedSeries[]) => boolean,
  timeoutMs = 20_000,
): Promise<ExportedSeries[]> {
  const deadline = Date.now() + timeoutMs;
  let series: ExportedSeries[] = [];
  for (;;) {
    await fetch(`${vmUrl}/internal/force_flush`, { signal: AbortSignal.timeout(5_000) });
    const response = await fetch(`${vmUrl}/api/v1/export?${new URLSearchParams({ 'match[]': match })}`, {
      signal: AbortSignal.timeout(5_000),
    });
    series = (await response.text())
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as ExportedSeries);
    if (ready(series) || Date.now() > deadline) return series;
    await sleep(300);
  }
}

/** A VictoriaMetrics of our own on `port` (18090–18099 are this connector's), with its own data folder. */
export class PrivateVictoriaMetrics {
  private process: ChildProcess | undefined;
  private dataDir: string | undefined;

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 15_000): Promise<void> {
    this.dataDir ??= await mkdtemp(path.join(tmpdir(), 'twin-influx-vm-'));
    const child = spawn(
      'victoria-metrics',
      [
        `-storageDataPath=${this.dataDir}`,
        `-httpListenAddr=127.0.0.1:${this.port}`,
        '-retentionPeriod=100y',
        '-loggerLevel=ERROR',
      ],
      { stdio: 'ignore' },
    );
    this.process = child;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`victoria-metrics exited with ${child.exitCode}`);
      const ok = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(1_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`victoria-metrics on ${this.port} did not come up within ${timeoutMs} ms`);
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }
}
