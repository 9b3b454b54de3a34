import type { Observation } from '../../twin/schema/observation.js';
import { silentLogger, type ConnectorLogger } from '../ingest/logger.js';
import type { ObservationSink } from '../telemetry/observation-sink.js';
import { parseInfluxWriterConfig, type InfluxWriterConfig } from './config.js';
import { LineEncoder, type LineContext } from './line-protocol.js';
import {
  createLineSender,
  describeWriteError,
  isRetriable,
  retryAfterMs,
  type LineSender,
} from './line-sender.js';
import { RetryRounds } from './retry-rounds.js';
import { SpillStore, type SpillFile } from './spill-store.js';

/** Counts since the writer started (a point counts once in written, rejected, dropped or still pending). */
export interface InfluxWriterCounters {
  /** Points the database accepted. */
  written: number;
  /** Points sent again after a failed attempt (once per attempt). */
  retried: number;
  /** Points moved to the spill folder (they count as written once the database takes them from there). */
  spilled: number;
  /** Points lost because memory and the spill folder were both full, or the writer was closed undrained. */
  dropped: number;
  /** Points that cannot be stored: refused by the server (HTTP 400/422) or not expressible (NaN, bad time). */
  rejected: number;
  /** Points waiting in memory. */
  buffered: number;
  /** Points waiting in the spill folder (including those a previous writer left there). */
  spillPending: number;
  /** Failed attempts since the last success (0 when the database answers). */
  consecutiveFailures: number;
}

export interface InfluxWriterOptions {
  /** The line of an asset, from the plant model (the `line` tag); undefined leaves the tag out. */
  lineOf: LineContext['lineOf'];
  logger?: ConnectorLogger;
  /** Called when the memory buffer crosses its high-water mark (true) and when it is back below half (false). */
  onPressure?(saturated: boolean): void;
}

/**
 * A sealed batch: its lines joined once (sent, retried and spilled as is), from memory or a spill file. `seq` keeps
 * memory batches in order when a failed one goes back to the queue; `round` is the retry round it was sent in.
 */
type Batch = { body: string; points: number; seq: number; round: number; spill?: SpillFile };

/**
 * The history writer: an ObservationSink that turns observations into line protocol and writes them in
 * batches to InfluxDB (v2 API, or v1 /write for 1.x before 1.8) or VictoriaMetrics. Up to maxInFlight requests
 * at once while the database answers; a failed batch goes back to its place in the queue and the writer backs
 * off (exponentially, one backoff per round however many requests failed in it), then probes with one request
 * at a time until a write succeeds. While the database is down or slow, memory holds up to maxBufferPoints
 * (back-pressure reported from the high-water mark on), then the oldest batches go to the spill folder, and
 * only when that is full too are points dropped: counted and logged.
 */
export class InfluxWriter implements ObservationSink {
  readonly config: InfluxWriterConfig;
  private readonly send: LineSender;
  private readonly spillStore: SpillStore | undefined;
  private readonly logger: ConnectorLogger;
  private readonly encoder: LineEncoder;
  private readonly onPressure: ((saturated: boolean) => void) | undefined;
  /**
   * Lines of the batch being filled (the array is reused from batch to batch). Joined once when sealed: a flat
   * string held while the database is down takes less than half the memory of the same lines concatenated as
   * they come (V8 keeps those as a tree of pieces until it is sent).
   */
  private readonly current: string[] = [];
  private nextSeq = 0;
  /** Sealed batches in memory, oldest first. */
  private readonly queue: Batch[] = [];
  private memoryPoints = 0;
  /** Requests under way, each settled (counted, requeued) when its promise resolves. */
  private readonly inFlight = new Map<Batch, Promise<void>>();
  private readonly rounds: RetryRounds;
  private flushTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private saturated = false;
  private closed = false;
  private dropping = false;
  private readonly loggedReasons = new Set<string>();
  private idleWaiters: (() => void)[] = [];
  private readonly counts = { written: 0, retried: 0, spilled: 0, dropped: 0, rejected: 0, failures: 0 };

  constructor(config: unknown, options: InfluxWriterOptions) {
    this.config = Object.freeze(parseInfluxWriterConfig(config));
    this.send = createLineSender(this.config.target, this.config.requestTimeoutMs);
    this.logger = options.logger ?? silentLogger;
    this.encoder = new LineEncoder({ site: this.config.site, lineOf: options.lineOf });
    this.onPressure = options.onPressure;
    this.rounds = new RetryRounds(this.config.retry);
    const spill = this.config.spill;
    this.spillStore = spill ? new SpillStore(spill.dir, spill.maxBytes, this.logger) : undefined;
    if (this.spillStore && this.spillStore.points > 0) {
      this.logger.info('history writer: found spilled points of an earlier run; sending them', {
        points: this.spillStore.points,
        files: this.spillStore.fileCount,
      });
      queueMicrotask(() => this.pump());
    }
  }

  accept(observations: readonly Observation[]): void {
    if (this.closed) {
      if (observations.length > 0) this.drop(observations.length, 'the writer is closed');
      return;
    }
    const batchSize = this.config.batchSize;
    for (const observation of observations) {
      const result = this.encoder.encode(observation);
      if (!result.ok) {
        this.counts.rejected++;
        this.logOnce(result.reason, `history writer: observation not writable: ${result.reason}`, {
          asset: observation.asset,
          signal: observation.signal,
        });
        continue;
      }
      this.memoryPoints++;
      if (this.current.push(result.line) >= batchSize) this.sealCurrent();
    }
    if (this.current.length > 0 && !this.flushTimer)
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        this.sealCurrent();
        this.pump();
      }, this.config.flushIntervalMs);
    this.enforceBound();
    this.pump();
  }

  counters(): InfluxWriterCounters {
    const { written, retried, spilled, dropped, rejected, failures } = this.counts;
    return {
      written,
      retried,
      spilled,
      dropped,
      rejected,
      buffered: this.memoryPoints,
      spillPending: this.spillStore?.points ?? 0,
      consecutiveFailures: failures,
    };
  }

  /** True while the memory buffer is above its high-water mark: sources should slow down. */
  get backPressure(): boolean {
    return this.saturated;
  }

  /**
   * Sends everything held in memory and in the spill folder. Resolves true once all of it is written (or
   * refused by the server) and no request is under way, false if `timeoutMs` passes first (the points stay
   * buffered and keep being retried).
   */
  async flush(timeoutMs = 30_000): Promise<boolean> {
    this.sealCurrent();
    if (this.retryTimer) {
      // A flush is an explicit request: try now rather than at the end of the backoff.
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    this.pump();
    if (this.idle()) return true;
    let timer: NodeJS.Timeout | undefined;
    let waiter: (() => void) | undefined;
    const drained = await new Promise<boolean>((resolve) => {
      waiter = () => resolve(true);
      this.idleWaiters.push(waiter);
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    clearTimeout(timer);
    this.idleWaiters = this.idleWaiters.filter((w) => w !== waiter);
    return drained;
  }

  /**
   * Drains what it can within `timeoutMs`, then stops. What is still in memory goes to the spill folder (when
   * configured, for the next writer) or is counted as dropped and logged. Later observations are dropped.
   */
  async close(timeoutMs = 10_000): Promise<InfluxWriterCounters> {
    const drained = await this.flush(timeoutMs);
    this.closed = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.retryTimer);
    this.flushTimer = this.retryTimer = undefined;
    // Requests still under way settle within requestTimeoutMs; failed batches then return to the queue.
    await Promise.all(this.inFlight.values());
    if (!drained) {
      this.sealCurrent();
      for (let batch = this.queue.shift(); batch; batch = this.queue.shift())
        this.spillOrDrop(batch, 'closed before the database took them');
    }
    return this.counters();
  }

  private sealCurrent(): void {
    const points = this.current.length;
    if (points === 0) return;
    this.queue.push({ body: this.current.join('\n'), points, seq: this.nextSeq++, round: 0 });
    this.current.length = 0;
  }

  private idle(): boolean {
    return this.memoryPoints === 0 && this.inFlight.size === 0 && (this.spillStore?.points ?? 0) === 0;
  }

  /** Keeps memory within maxBufferPoints by moving the oldest waiting batches out; reports back-pressure. */
  private enforceBound(): void {
    const max = this.config.maxBufferPoints;
    while (this.memoryPoints > max) {
      if (this.queue.length === 0) this.sealCurrent();
      const oldest = this.queue.shift();
      if (!oldest) break; // only batches in flight are left
      this.spillOrDrop(oldest, 'memory buffer full');
    }
    const high = max * this.config.highWaterRatio;
    if (!this.saturated && this.memoryPoints >= high) this.setPressure(true);
    else if (this.saturated && this.memoryPoints < high / 2) this.setPressure(false);
  }

  private spillOrDrop(batch: Batch, why: string): void {
    this.memoryPoints -= batch.points;
    if (this.spillStore?.write(batch.body, batch.points, Date.now())) {
      this.counts.spilled += batch.points;
      return;
    }
    this.drop(batch.points, this.spillStore ? `${why} and the spill folder full or unwritable` : why);
  }

  private drop(points: number, why: string): void {
    this.counts.dropped += points;
    if (!this.dropping) {
      this.dropping = true; // one warning per episode; the counter says how many
      this.logger.warn(`history writer: dropping points: ${why}`, { dropped: this.counts.dropped });
    }
  }

  private setPressure(saturated: boolean): void {
    this.saturated = saturated;
    if (saturated)
      this.logger.warn('history writer: buffer above its high-water mark', { buffered: this.memoryPoints });
    this.onPressure?.(saturated);
  }

  /**
   * Sends waiting batches (memory first, then the spill folder) up to maxInFlight requests; one at a time while
   * the database fails, none while a backoff runs.
   */
  private pump(): void {
    const limit = this.counts.failures > 0 ? 1 : this.config.maxInFlight;
    while (!this.closed && !this.retryTimer && this.inFlight.size < limit) {
      const batch = this.queue.shift() ?? (this.spillStore && this.takeSpilled(this.spillStore));
      if (!batch) break;
      batch.round = this.rounds.current;
      this.inFlight.set(
        batch,
        this.send(batch.body).then(
          () => this.settle(batch, undefined),
          (error: unknown) => this.settle(batch, error),
        ),
      );
    }
    this.checkIdle();
  }

  /** The oldest spilled batch not in flight that reads back intact; the store sets aside the others (dropped). */
  private takeSpilled(store: SpillStore): Batch | undefined {
    for (let file = store.take(); file; file = store.take()) {
      const body = store.read(file);
      if (body !== undefined) return { body, points: file.points, seq: -1, round: 0, spill: file };
      this.drop(file.points, `spill file ${file.name} could not be used`);
    }
    return undefined;
  }

  private settle(batch: Batch, error: unknown): void {
    this.inFlight.delete(batch);
    const points = batch.points;
    if (error === undefined || !isRetriable(error)) {
      if (error === undefined) this.counts.written += points;
      else {
        this.counts.rejected += points;
        this.logOnce(describeWriteError(error).slice(0, 80), 'history writer: the server refused a batch', {
          error: describeWriteError(error),
          points,
        });
      }
      if (batch.spill) this.spillStore?.remove(batch.spill);
      else this.memoryPoints -= points;
      if (this.counts.failures > 0)
        this.logger.info('history writer: the database answers again', {
          failedAttempts: this.counts.failures,
        });
      this.counts.failures = 0;
      this.rounds.reset();
      this.dropping = false;
      this.enforceBound();
      this.pump();
      return;
    }
    this.counts.failures++;
    this.counts.retried += points;
    if (this.counts.failures === 1)
      this.logger.warn('history writer: write failed; buffering and retrying with backoff', {
        error: describeWriteError(error),
      });
    if (batch.spill) this.spillStore?.release(batch.spill);
    else this.requeue(batch);
    if (this.closed) return;
    // The others under way with it fail in the same round: one backoff for all of them.
    const delay = this.retryTimer
      ? undefined
      : this.rounds.delayAfter(batch.round, retryAfterMs(error), Math.random());
    if (delay !== undefined)
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.pump();
      }, delay);
    this.enforceBound();
    this.pump();
  }

  /** Puts a failed memory batch back in its place: batches leave the queue oldest first, whatever fails. */
  private requeue(batch: Batch): void {
    let index = 0;
    while (index < this.queue.length && (this.queue[index]?.seq ?? 0) < batch.seq) index++;
    this.queue.splice(index, 0, batch);
  }

  private checkIdle(): void {
    if (this.idleWaiters.length === 0 || !this.idle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private logOnce(key: string, message: string, details: Record<string, unknown>): void {
    if (this.loggedReasons.has(key) || this.loggedReasons.size >= 100) return;
    this.loggedReasons.add(key);
    this.logger.warn(message, details);
  }
}
