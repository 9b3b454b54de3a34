import type { Observation } from '../../twin/schema/observation.js';

/**
 * Where validated observations go: the twin store, the history writer, the stream. Sources (OPC UA, MQTT, the
 * embedded plant) call `accept` with batches; a sink never throws for one bad item and never blocks the caller.
 */
export interface ObservationSink {
  accept(observations: readonly Observation[]): void;
}

/** One sink that forwards to many, so a source is wired once. */
export function fanOut(sinks: readonly ObservationSink[]): ObservationSink {
  return {
    accept(observations) {
      for (const sink of sinks) sink.accept(observations);
    },
  };
}
