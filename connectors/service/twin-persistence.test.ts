import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Observation } from '../../twin/schema/observation.js';
import { TwinStore } from '../../twin/store/twin-store.js';
import { MemoryHistory } from '../history/memory-history.js';
import { ServiceMetrics } from './metrics.js';
import { StreamHub } from './stream-hub.js';
import { TwinPersistence } from './twin-persistence.js';
import { TwinService } from './twin-service.js';

const T0 = Date.UTC(2026, 10, 23, 6);
const MACHINES = [
  { id: 'L1', line: 'turning', kind: 'cnc-lathe', powerKw: { running: 20, idle: 4 } },
  { id: 'L2', line: 'turning', kind: 'cnc-lathe', powerKw: { running: 20, idle: 4 } },
];
const obs = (asset: string, signal: string, value: Observation['value'], ts: number): Observation => ({
  source: 'test',
  asset,
  signal,
  value,
  quality: 'good',
  sourceTs: ts,
});
const silent = { info() {}, warn() {} };

function twinService(): TwinService {
  return new TwinService(
    new TwinStore(MACHINES, { startMs: T0 }),
    new StreamHub(100, () => T0),
    new ServiceMetrics(),
  );
}

describe('twin persistence', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'twin-state-'));
    file = path.join(dir, 'sub', 'twin-state.json');
  });
  const persistence = (twin: TwinService, history: MemoryHistory, replayLimit?: number) =>
    new TwinPersistence({
      file,
      saveEveryMs: 1000,
      twin,
      history,
      logger: silent,
      ...(replayLimit !== undefined && { replayLimit }),
    });

  it('carries states, counters, durations, energy, alarms and the event log across a restart', async () => {
    const before = twinService();
    before.accept([
      obs('L1', 'state', 'running', T0),
      obs('L1', 'order', 'SO-1', T0),
      obs('L1', 'partCount', 12, T0 + 60_000),
      obs('L2', 'state', 'down', T0 + 30_000),
      obs('L1', 'spindleLoad', 0.7, T0 + 60_000),
    ]);
    const history = new MemoryHistory();
    await persistence(before, history).save();
    expect(await readdir(path.dirname(file))).toEqual(['twin-state.json']); // no temporary file left

    const after = twinService();
    const outcome = await persistence(after, history).restore(T0 + 120_000);
    expect(outcome).toEqual({ restored: true, replayed: 0 });
    const at = T0 + 90_000;
    expect(after.store.machineView('L1', at)).toEqual(before.store.machineView('L1', at));
    expect(after.store.machineView('L2', at)).toEqual(before.store.machineView('L2', at));
    expect(after.store.alarmList(true).map((a) => a.kind)).toEqual(['machineDown']);
    expect(after.store.events.toArray()).toEqual(before.store.events.toArray());
    expect(after.store.throughputPerHour(at)).toBe(before.store.throughputPerHour(at));
    expect(after.store.seq).toBe(before.store.seq);
  });

  it('replays, in time order, what the history received after the snapshot', async () => {
    const history = new MemoryHistory();
    const before = twinService();
    before.accept([obs('L1', 'state', 'running', T0)]);
    await persistence(before, history).save();
    // While the service was down, the history store kept receiving telemetry (another writer, the broker…).
    history.accept([
      obs('L1', 'state', 'down', T0 + 10_000),
      obs('L1', 'state', 'setup', T0 + 20_000),
      obs('L2', 'partCount', 3, T0 + 15_000),
      obs('L1', 'state', 'idle', T0 - 10_000), // older than the snapshot: already in it
    ]);
    const after = twinService();
    const outcome = await persistence(after, history).restore(T0 + 30_000);
    expect(outcome).toEqual({ restored: true, replayed: 3 });
    const l1 = after.store.machineView('L1', T0 + 30_000)!;
    expect(l1.state).toBe('setup');
    expect(l1.stateMs.down).toBe(10_000);
    expect(after.store.machineView('L2')!.partCount).toBe(3);
  });

  it("ends a replay longer than its limit with each signal's newest point", async () => {
    const history = new MemoryHistory();
    await persistence(twinService(), history).save();
    const states = ['running', 'down', 'setup', 'running', 'idle'] as const;
    history.accept(states.map((s, k) => obs('L1', 'state', s, T0 + (k + 1) * 1000)));
    const after = twinService();
    expect(await persistence(after, history, 2).restore(T0 + 30_000)).toEqual({
      restored: true,
      replayed: 3,
    });
    const l1 = after.store.machineView('L1', T0 + 30_000)!;
    expect(l1.state).toBe('idle');
    expect(l1.sinceMs).toBe(T0 + 5000);
  });

  it('sets aside a file that does not validate, naming the field, and starts fresh', async () => {
    const history = new MemoryHistory();
    const warnings: string[] = [];
    const logger = {
      info() {},
      warn: (m: string, d?: Record<string, unknown>) => warnings.push(`${m} ${String(d?.reason)}`),
    };
    const twin = twinService();
    const saver = new TwinPersistence({ file, saveEveryMs: 1000, twin, history, logger });
    await saver.save();
    const saved = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...saved, version: 2 }));
    expect(await saver.restore(T0)).toEqual({ restored: false, replayed: 0 });
    expect(warnings.join('\n')).toMatch(/version/);
    expect(await readdir(path.dirname(file))).toEqual([`twin-state.json.bad-${T0}`]);
    expect(await saver.restore(T0)).toEqual({ restored: false, replayed: 0 }); // nothing there any more
  });

  it('saves on a timer and once more at close', async () => {
    const twin = twinService();
    const saver = new TwinPersistence({
      file,
      saveEveryMs: 20,
      twin,
      history: new MemoryHistory(),
      logger: silent,
    });
    saver.start();
    // The timer's first save, however loaded the machine (no close() has been called yet).
    let text: string | undefined;
    for (let k = 0; k < 500 && text === undefined; k++) {
      await new Promise((r) => setTimeout(r, 20));
      text = await readFile(file, 'utf8').catch(() => undefined);
    }
    const first = JSON.parse(text ?? 'null');
    expect(first.machines[0].state).toBe('off');
    twin.accept([obs('L1', 'state', 'running', T0 + 1)]);
    await saver.close();
    expect(JSON.parse(await readFile(file, 'utf8')).machines[0].state).toBe('running');
  });
});
