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
    const alarmVersion = this.store.alarmVersion;
    // Count per run of one source (a batch usually comes from one), not per observation.
    let runSource = '';
    let runLength = 0;
    for (const obs of observations) {
      if (obs.source !== runSource) {
        if (runLength > 0) this.metrics.observationsIn.inc({ source: sourceKind(runSource) }, runLength);
        runSource = obs.source;
        runLength = 0;
      }
      runLength++;
      const delta = this.store.apply(obs);
      if (!delta) continue;
      deltas.push(delta);
      if (delta.order !== undefined || delta.operation !== undefined) {
        const view = this.store.machineView(delta.machine);
        if (view) this.traces.onJob(view.id, view.order, view.operation, delta.atMs, view.signals);
      }
    }
    if (runLength > 0) this.metrics.observationsIn.inc({ source: sourceKind(runSource) }, runLength);
    if (deltas.length > 0) this.stream.publish('twin', deltas);
    if (this.store.alarmVersion !== alarmVersion) this.stream.publish('alarm', this.store.alarmList(true));
  }

  /** KPIs move with time as well as with telemetry, so the service publishes them on a clock of its own. */
  publishKpis(nowMs: number): void {
    this.stream.publish('kpis', {
      atMs: nowMs,
      kpis: this.store.snapshot(Math.max(this.store.lastMs, nowMs)).kpis,
    });
  }
}

/** `opcua:plant-1` → `opcua`: a label with few values (one per kind of source). */
function sourceKind(source: string): string {
  const colon = source.indexOf(':');
  return colon < 0 ? source : source.slice(0, colon);
}
