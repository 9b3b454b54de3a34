import type { Observation } from '../../twin/schema/observation.js';
import { Observation as ObservationSchema } from '../../twin/schema/observation.js';
import type { EpochMs } from '../../twin/schema/time.js';
import { compiledValidator } from '../../twin/validate/ajv.js';
import { ajvErrorsToIssues } from '../../twin/validate/ajv-messages.js';
import type { ObservationSink } from '../telemetry/observation-sink.js';
import type { ConnectorLogger } from './logger.js';

/** One kind of rejected input: where it came from and why, with how often it happened. */
export interface RejectionKind {
  source: string;
  reason: string;
  count: number;
  /** The first occurrence's full message (the only one that was logged). */
  example: string;
}

export interface IngestCounters {
  accepted: number;
  rejected: number;
  batches: number;
  /** Observations the sink threw on (a sink should never throw; counted so it is seen). */
  sinkFailures: number;
  kinds: RejectionKind[];
}

export interface ObservationGateOptions {
  sink: ObservationSink;
  logger: ConnectorLogger;
  /** Forward as soon as this many are waiting (default 1,000); otherwise at the end of the current I/O turn. */
  maxBatch?: number;
  /** Distinct rejection kinds kept (default 256); more fold into one `(other)` kind so memory stays bounded. */
  maxKinds?: number;
  clock?: () => EpochMs;
}

const OTHER_KINDS = '(other)';

/**
 * The validation stage between every telemetry source and the twin. Sources hand it candidate observations
 * (`offer`) or report input they could not even turn into one (`reject`). Valid observations are stamped with
 * `receivedTs` and forwarded in batches; invalid ones are counted per kind (source + reason), logged once per
 * kind and dropped. Nothing here throws at the caller, so one bad message never stops the good ones around it.
 */
export class ObservationGate {
  private readonly sink: ObservationSink;
  private readonly logger: ConnectorLogger;
  private readonly maxBatch: number;
  private readonly maxKinds: number;
  private readonly clock: () => EpochMs;
  private readonly validate = compiledValidator(ObservationSchema);
  private readonly kinds = new Map<string, RejectionKind>();
  private pending: Observation[] = [];
  private flushScheduled: NodeJS.Immediate | undefined;
  private accepted = 0;
  private rejected = 0;
  private batches = 0;
  private sinkFailures = 0;

  constructor(options: ObservationGateOptions) {
    this.sink = options.sink;
    this.logger = options.logger;
    this.maxBatch = options.maxBatch ?? 1000;
    this.maxKinds = options.maxKinds ?? 256;
    this.clock = options.clock ?? Date.now;
  }

  /** Validate one candidate; true when it was accepted. The object is kept (not copied): build a fresh one. */
  offer(candidate: Partial<Observation>): boolean {
    if (!this.validate(candidate)) {
      const issue = ajvErrorsToIssues(this.validate.errors ?? [])[0];
      const at = issue?.path || 'observation';
      this.reject(
        typeof candidate.source === 'string' && candidate.source !== '' ? candidate.source : '(unknown)',
        `invalid ${at}`,
        issue ? `${at}: ${issue.message}` : 'not an observation',
        { asset: candidate.asset, signal: candidate.signal },
      );
      return false;
    }
    const observation = candidate as Observation;
    observation.receivedTs ??= this.clock();
    this.accepted++;
    this.pending.push(observation);
    if (this.pending.length >= this.maxBatch) this.flush();
    else this.flushScheduled ??= setImmediate(this.flushLater);
    return true;
  }

  /** Count input that never became an observation (malformed payload, wrong-typed value, unknown alias). */
  reject(source: string, reason: string, message: string, details?: Record<string, unknown>): void {
    this.rejected++;
    let key = `${source}\u0000${reason}`;
    let kind = this.kinds.get(key);
    if (!kind && this.kinds.size >= this.maxKinds) {
      key = OTHER_KINDS;
      kind = this.kinds.get(key);
      if (!kind) {
        kind = { source: OTHER_KINDS, reason: OTHER_KINDS, count: 0, example: message };
        this.kinds.set(key, kind);
      }
    }
    if (kind) {
      kind.count++;
      return;
    }
    this.kinds.set(key, { source, reason, count: 1, example: message });
    this.logger.warn(
      `telemetry dropped: ${reason} (from ${source}); further ones of this kind are only counted`,
      {
        source,
        reason,
        message,
        ...details,
      },
    );
  }

  /** Forward what is waiting now. */
  flush(): void {
    if (this.flushScheduled) {
      clearImmediate(this.flushScheduled);
      this.flushScheduled = undefined;
    }
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.batches++;
    try {
      this.sink.accept(batch);
    } catch (error) {
      this.sinkFailures += batch.length;
      this.reject('(sink)', 'sink threw', error instanceof Error ? error.message : String(error));
    }
  }

  counters(): IngestCounters {
    return {
      accepted: this.accepted,
      rejected: this.rejected,
      batches: this.batches,
      sinkFailures: this.sinkFailures,
      kinds: [...this.kinds.values()].map((kind) => ({ ...kind })),
    };
  }

  /** Forward the rest and stop the timer; later offers still work (they schedule a new flush). */
  close(): void {
    this.flush();
  }

  private readonly flushLater = (): void => {
    this.flushScheduled = undefined;
    this.flush();
  };
}
