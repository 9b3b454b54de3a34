// Test doubles that record what connectors hand them: a sink with a wait-for helper, and a logger.
import type { Observation } from '../../../twin/schema/observation.js';
import type { ObservationSink } from '../../telemetry/observation-sink.js';
import type { ConnectorLogger } from '../logger.js';

export interface RecordingSink extends ObservationSink {
  batches: Observation[][];
  observations: Observation[];
  /** Resolves once an observation satisfying `predicate` has arrived (already or later). */
  waitFor(predicate: (o: Observation) => boolean, what: string, timeoutMs?: number): Promise<Observation>;
  /** Resolves once `count` observations have arrived in total. */
  waitForCount(count: number, timeoutMs?: number): Promise<void>;
}

export function recordingSink(): RecordingSink {
  const waiters: { check: () => boolean }[] = [];
  const sink: RecordingSink = {
    batches: [],
    observations: [],
    accept(batch) {
      sink.batches.push([...batch]);
      for (const o of batch) sink.observations.push(o);
      for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i]?.check()) waiters.splice(i, 1);
    },
    waitFor(predicate, what, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        let from = 0;
        const timer = setTimeout(
          () => reject(new Error(`timed out after ${timeoutMs} ms: ${what}`)),
          timeoutMs,
        );
        const check = (): boolean => {
          for (; from < sink.observations.length; from++) {
            const o = sink.observations[from];
            if (o && predicate(o)) {
              clearTimeout(timer);
              resolve(o);
              return true;
            }
          }
          return false;
        };
        if (!check()) waiters.push({ check });
      });
    },
    waitForCount(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out after ${timeoutMs} ms: ${sink.observations.length} of ${count}`)),
          timeoutMs,
        );
        const check = (): boolean => {
          if (sink.observations.length < count) return false;
          clearTimeout(timer);
          resolve();
          return true;
        };
        if (!check()) waiters.push({ check });
      });
    },
  };
  return sink;
}

export interface RecordingLogger extends ConnectorLogger {
  infos: { message: string; details?: Record<string, unknown> }[];
  warnings: { message: string; details?: Record<string, unknown> }[];
}

export function recordingLogger(): RecordingLogger {
  const logger: RecordingLogger = {
    infos: [],
    warnings: [],
    info(message, details) {
      logger.infos.push({ message, details });
    },
    warn(message, details) {
      logger.warnings.push({ message, details });
    },
  };
  return logger;
}
