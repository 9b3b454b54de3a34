import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Observation } from '../../twin/schema/observation.js';
import { TwinStoreState } from '../../twin/schema/twin-store-state.js';
import type { HistoryReader } from '../history/history-reader.js';
import type { ConnectorLogger } from '../ingest/logger.js';
import { parseConfig } from '../ingest/parse-config.js';
import type { TwinService } from './twin-service.js';

export interface TwinPersistenceOptions {
  file: string;
  saveEveryMs: number;
  twin: TwinService;
  history: HistoryReader;
  logger: ConnectorLogger;
  /** Points read per signal when replaying; default REPLAY_LIMIT. */
  replayLimit?: number;
}

export interface RestoreOutcome {
  restored: boolean;
  /** Observations replayed from the history store, newer than the saved state. */
  replayed: number;
}

/**
 * Points read per signal when replaying. A read gives the oldest points first, so when a long outage holds more,
 * the signal's newest point is applied last: the twin ends in the newest state, not every step on the way.
 */
const REPLAY_LIMIT = 100_000;

/**
 * The twin across restarts: a periodic snapshot of the store to a file (written to a temporary file, then
 * renamed, so a crash never leaves half a file), and at start the snapshot plus a replay of what the history
 * store received after it. A file that does not validate is set aside (renamed `.bad-<ms>`), never lost.
 */
export class TwinPersistence {
  private timer: ReturnType<typeof setInterval> | undefined;
  private saving: Promise<void> | undefined;

  constructor(private readonly options: TwinPersistenceOptions) {}

  /** Load the saved state, if any, then replay the history after it; `nowMs` names a bad file set aside. */
  async restore(nowMs: number): Promise<RestoreOutcome> {
    const { file, twin, logger } = this.options;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { restored: false, replayed: 0 };
      throw err;
    }
    let saved: TwinStoreState;
    try {
      saved = parseConfig(TwinStoreState, JSON.parse(text), `twin state ${file}`);
    } catch (err) {
      const aside = `${file}.bad-${nowMs}`;
      await rename(file, aside);
      logger.warn('the saved twin state does not validate: set aside, starting fresh', {
        file: aside,
        reason: (err as Error).message,
      });
      return { restored: false, replayed: 0 };
    }
    const dropped = twin.store.restore(saved);
    if (dropped.length > 0) logger.warn('saved machines the model no longer has', { machines: dropped });
    const replayed = await this.replay(saved.savedAtMs);
    logger.info('twin state restored', { file, savedAtMs: saved.savedAtMs, replayed });
    return { restored: true, replayed };
  }

  /** Apply, in time order, the points the history holds after the snapshot (up to the limit, then the newest). */
  private async replay(afterMs: number): Promise<number> {
    const { twin, history, replayLimit = REPLAY_LIMIT } = this.options;
    const observations: Observation[] = [];
    for (const asset of twin.store.machineIds()) {
      // The newest point of each signal bounds its read (plant time may run ahead of the wall clock).
      const signals = await history.latest(asset, afterMs + 1);
      for (const newest of signals) {
        const { signal, ts } = newest;
        const points = await history.readSignal({
          asset,
          signal,
          fromMs: afterMs + 1,
          toMs: ts + 1,
          limit: replayLimit,
        });
        const truncated = (points.at(-1)?.ts ?? -Infinity) < ts;
        for (const p of truncated ? [...points, newest] : points) {
          observations.push({
            source: 'history',
            asset,
            signal,
            value: p.value,
            quality: p.quality,
            sourceTs: p.ts,
          });
        }
      }
    }
    observations.sort((a, b) => a.sourceTs - b.sourceTs);
    if (observations.length > 0) twin.accept(observations);
    return observations.length;
  }

  start(): void {
    this.timer = setInterval(() => void this.save(), this.options.saveEveryMs);
    this.timer.unref();
  }

  /** Save now (one save at a time; a second call waits for the one under way, then saves again). */
  async save(): Promise<void> {
    while (this.saving) await this.saving;
    this.saving = this.write().finally(() => (this.saving = undefined));
    return this.saving;
  }

  private async write(): Promise<void> {
    const { file, twin, logger } = this.options;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.tmp`;
      await writeFile(temporary, JSON.stringify(twin.store.save()));
      await rename(temporary, file);
    } catch (err) {
      logger.warn('cannot save the twin state', { file, reason: (err as Error).message });
    }
  }

  /** Stop the timer and save one last time. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.save();
  }
}
