import type { CompiledModel } from '../../solver/des/factory/compiled.js';
import type { FactoryListener } from '../../solver/des/factory/listener.js';
import { stateName } from '../../solver/des/factory/states.js';
import { toMachinery } from '../../twin/machine-states.js';
import type { ShopFloorState } from '../../twin/schema/machine-state.js';
import { SHOP_FLOOR_STATES } from '../../twin/schema/machine-state.js';
import type { Observation } from '../../twin/schema/observation.js';
import { MACHINE_SIGNALS as S } from '../../twin/signals.js';
import type { ObservationSink } from '../telemetry/observation-sink.js';
import { ProcessSignals } from './process-signals.js';
import type { OrderProgressBook } from './progress.js';

/** What the plant last published for one machine (the OPC UA server and the snapshot read the same). */
export interface MachineTelemetry {
  id: string;
  line: string;
  state: ShopFloorState;
  order: string;
  operation: string;
  partCount: number;
  scrapCount: number;
}

/** Told when an operation of the live run ends (job orders track their completion with it). */
export type OperationEndHook = (order: string, operation: string, machine: string) => void;

/**
 * Turns a live run's events into Observations. States are coalesced per advance (an operation ending and the
 * next starting at one instant publish no zero-length idle): `flush()` after each advance publishes what
 * changed. Counters and the current order survive a rebuild of the run (the plant keeps one of these).
 */
export class PlantTelemetry implements FactoryListener {
  machines: MachineTelemetry[] = [];
  private model: CompiledModel | undefined;
  private pendingState = new Int8Array(0);
  private pendingT = new Float64Array(0);
  /** 1 once a machine's state has been published (the first one always is, even 'off'). */
  private reported = new Uint8Array(0);
  private signals: ProcessSignals[] = [];
  private out: Observation[] = [];
  /** Wall-clock ms (plant clock) of simulated second 0 of the current run. */
  private startMs = 0;
  /** Observations handed to the sink so far. */
  published = 0;

  constructor(
    private readonly sink: ObservationSink,
    private readonly progress: OrderProgressBook,
    private readonly source: string,
    private readonly seed: number,
    private readonly onOperationEnd?: OperationEndHook,
  ) {}

  /** The first run sets up the machines; later runs (rebuilds) have the same ones. */
  private setUp(first: CompiledModel): void {
    const n = first.machines.length;
    this.machines = first.machines.map((m) => ({
      id: m.id,
      line: first.locations[m.location]!.line ?? '',
      state: 'off',
      order: '',
      operation: '',
      partCount: 0,
      scrapCount: 0,
    }));
    this.pendingState = new Int8Array(n).fill(-1);
    this.pendingT = new Float64Array(n);
    this.signals = first.machines.map(
      (m) => new ProcessSignals(m.id, this.seed, (state) => m.powerKw[SHOP_FLOOR_STATES.indexOf(state)] ?? 0),
    );
    this.reported = new Uint8Array(n);
    this.progress.bind(first);
  }

  init(model: CompiledModel): void {
    if (!this.model) this.setUp(model);
    this.model = model;
    this.startMs = model.startMs;
  }

  private push(t: number, machine: number, signal: string, value: string | number): void {
    this.out.push({
      source: this.source,
      asset: this.machines[machine]!.id,
      signal,
      value,
      quality: 'good',
      sourceTs: Math.round(this.startMs + t * 1000),
    });
  }

  machineState(t: number, machine: number, state: number): void {
    this.pendingState[machine] = state;
    this.pendingT[machine] = t;
  }

  operationStart(t: number, order: number, op: number, machine: number): void {
    const o = this.model!.orders[order]!;
    const m = this.machines[machine]!;
    this.progress.started(order, op, m.id);
    m.order = o.id;
    m.operation = o.product.routing[op]!.id;
    this.push(t, machine, S.order, m.order);
    this.push(t, machine, S.operation, m.operation);
  }

  processingStart(t: number, order: number, op: number): void {
    this.progress.processing(order, op, this.startMs + t * 1000);
  }

  operationEnd(
    t: number,
    order: number,
    op: number,
    machine: number,
    unitsIn: number,
    scrapped: number,
  ): void {
    const o = this.model!.orders[order]!;
    const m = this.machines[machine]!;
    const operation = o.product.routing[op]!.id;
    this.progress.ended(order, op, unitsIn - scrapped);
    m.partCount += unitsIn - scrapped;
    m.scrapCount += scrapped;
    this.push(t, machine, S.partCount, m.partCount);
    if (scrapped > 0) this.push(t, machine, S.scrapCount, m.scrapCount);
    if (m.order === o.id && m.operation === operation) {
      m.order = m.operation = '';
      this.push(t, machine, S.order, '');
      this.push(t, machine, S.operation, '');
    }
    this.onOperationEnd?.(o.id, operation, m.id);
  }

  /** Publish the states that changed since the last flush, then everything gathered. */
  flush(): void {
    for (let i = 0; i < this.machines.length; i++) {
      const s = this.pendingState[i]!;
      if (s < 0) continue;
      this.pendingState[i] = -1;
      const m = this.machines[i]!;
      const state = stateName(s);
      if (state === m.state && this.reported[i]) continue;
      this.reported[i] = 1;
      m.state = state;
      const t = this.pendingT[i]!;
      const { itemState, operationMode } = toMachinery(state);
      this.push(t, i, S.state, state);
      this.push(t, i, S.itemState, itemState);
      this.push(t, i, S.operationMode, operationMode);
    }
    this.emit();
  }

  /** Process signals of every machine at simulated second t. */
  sample(t: number): void {
    this.flush();
    for (let i = 0; i < this.machines.length; i++) {
      const v = this.signals[i]!.sample(t, this.machines[i]!.state);
      this.push(t, i, S.spindleLoad, v.spindleLoad);
      this.push(t, i, S.temperature, v.temperature);
      this.push(t, i, S.power, v.power);
    }
    this.emit();
  }

  /** Everything as it stands now, e.g. for a subscriber that just joined. */
  current(t: number): Observation[] {
    for (let i = 0; i < this.machines.length; i++) {
      const m = this.machines[i]!;
      const { itemState, operationMode } = toMachinery(m.state);
      this.push(t, i, S.state, m.state);
      this.push(t, i, S.itemState, itemState);
      this.push(t, i, S.operationMode, operationMode);
      this.push(t, i, S.order, m.order);
      this.push(t, i, S.operation, m.operation);
      this.push(t, i, S.partCount, m.partCount);
      this.push(t, i, S.scrapCount, m.scrapCount);
    }
    const out = this.out;
    this.out = [];
    return out;
  }

  private emit(): void {
    if (this.out.length === 0) return;
    const batch = this.out;
    this.out = [];
    this.published += batch.length;
    this.sink.accept(batch);
  }
}
