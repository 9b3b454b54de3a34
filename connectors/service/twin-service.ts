import type { Observation } from '../../twin/schema/observation.js';
import { OrderTraceIndex } from '../../twin/store/order-trace.js';
import type { TwinDelta, TwinStore } from '../../twin/store/twin-store.js';
import type { ObservationSink } from '../telemetry/observation-sink.js';
import type { ServiceMetrics } from './metrics.js';
import type { StreamHub } from './stream-hub.js';

/**
 * The twin store as an observation sink: applies each batch, indexes order traces, and publishes the batch's
 * changes as one stream message (so a burst of telemetry is one WebSocket frame, not thousands).
 */
export class TwinService implements ObservationSink {
  readonly traces = new OrderTraceIndex();

  constructor(
    readonly store: TwinStore,
    private readonly stream: StreamHub,
    private readonly metrics: ServiceMetrics,
  ) {}

  accept(observations: readonly Observation[]): void {
    const deltas: TwinDelta[] = [];
    const alarmsBefore = this.store.alarmList(true).length;
    for (const obs of observations) {
      this.metrics.observationsIn.inc({ source: obs.source.split(':')[0] ?? obs.source });
      const delta = this.store.apply(obs);
      if (!delta) continue;
      deltas.push(delta);
      if (delta.order !== undefined || delta.operation !== undefined) {
        const view = this.store.machineView(delta.machine);
        if (view) this.traces.onJob(view.id, view.order, view.operation, delta.atMs, view.signals);
      }
    }
    if (deltas.length > 0) this.stream.publish('twin', deltas);
    const alarms = this.store.alarmList(true);
    if (alarms.length !== alarmsBefore) this.stream.publish('alarm', alarms);
  }
}
