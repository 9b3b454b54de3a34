import {
  MACHINERY_ITEM_STATES,
  MACHINERY_OPERATION_MODES,
  SHOP_FLOOR_STATES,
  type MachineryItemState,
  type MachineryOperationMode,
  type ShopFloorState,
} from '../schema/machine-state.js';
import type { Observation } from '../schema/observation.js';
import type { TwinEvent, TwinStoreState } from '../schema/twin-store-state.js';
import type { Alarm, MachineView, TwinSnapshot } from '../schema/twin-snapshot.js';
import { MACHINE_SIGNALS } from '../signals.js';
import { fromMachinery } from '../machine-states.js';
import { BoundedLog } from './event-log.js';
import { MachineRecord, type MachineInfo } from './machine-record.js';
import { combineOee, computeOee } from './oee.js';

// The event log's entries are defined with the saved state's schema; importers keep finding them here.
export { TWIN_EVENT_KINDS, type TwinEvent } from '../schema/twin-store-state.js';

/** What changed in the twin by one observation; `seq` orders changes for the stream and for resuming. */
export interface TwinDelta {
  seq: number;
  atMs: number;
  machine: string;
  state?: ShopFloorState;
  order?: string | null;
  operation?: string | null;
  partCount?: number;
  scrapCount?: number;
  quality?: MachineView['quality'];
  signal?: { name: string; value: Observation['value'] };
}

export interface TwinStoreOptions {
  startMs: number;
  /** Events kept in the log (state changes, job changes, alarms). */
  eventLogSize?: number;
  /** Window of the throughput figure, ms (default one hour). */
  throughputWindowMs?: number;
}

const STATE_SET = new Set<string>(SHOP_FLOOR_STATES);
const ITEM_STATES = new Set<string>(MACHINERY_ITEM_STATES);
const OPERATION_MODES = new Set<string>(MACHINERY_OPERATION_MODES);
const THROUGHPUT_BUCKETS = 60;

/**
 * The live state of the plant, driven by observations only (no clock: times come from them or from the
 * caller). `apply` is O(1) per observation; snapshots and KPIs are computed on demand.
 */
export class TwinStore {
  private readonly machines = new Map<string, MachineRecord>();
  private readonly alarms = new Map<string, Alarm>();
  private nextAlarmId = 0;
  readonly events: BoundedLog<TwinEvent>;
  seq = 0;
  lastMs: number;
  /** Observations for assets the model does not know: counted, not applied. */
  unknownAssets = 0;
  /** Grows by one each time an alarm is raised or cleared: a cheap way to see that the alarm list changed. */
  alarmVersion = 0;
  private readonly bucketMs: number;
  private readonly buckets = new Float64Array(THROUGHPUT_BUCKETS);
  private readonly bucketIds = new Float64Array(THROUGHPUT_BUCKETS).fill(-1);

  constructor(machines: readonly MachineInfo[], options: TwinStoreOptions) {
    for (const m of machines) this.machines.set(m.id, new MachineRecord(m, options.startMs));
    this.events = new BoundedLog(options.eventLogSize ?? 10_000);
    this.lastMs = options.startMs;
    this.bucketMs = (options.throughputWindowMs ?? 3_600_000) / THROUGHPUT_BUCKETS;
  }

  machineIds(): string[] {
    return [...this.machines.keys()];
  }

  hasMachine(id: string): boolean {
    return this.machines.has(id);
  }

  /** Apply one validated observation; returns the change, or undefined when nothing the twin shows changed. */
  apply(obs: Observation): TwinDelta | undefined {
    const m = this.machines.get(obs.asset);
    if (!m) {
      this.unknownAssets++;
      return undefined;
    }
    const ts = obs.sourceTs;
    if (ts > this.lastMs) this.lastMs = ts;
    m.accountTo(ts);
    if (obs.quality !== m.quality) {
      m.quality = obs.quality;
      if (obs.quality === 'bad')
        this.raise(m.info.id, 'badQuality', `${m.info.id}: signals of bad quality`, ts);
      else this.clear(m.info.id, 'badQuality', ts);
    }
    m.signals[obs.signal] = { value: obs.value, quality: obs.quality, ts };
    if (obs.quality === 'bad') return this.delta(m, ts, { quality: 'bad' });
    switch (obs.signal) {
      case MACHINE_SIGNALS.state:
        return typeof obs.value === 'string' && STATE_SET.has(obs.value)
          ? this.setState(m, obs.value as ShopFloorState, ts)
          : undefined;
      case MACHINE_SIGNALS.itemState:
      case MACHINE_SIGNALS.operationMode:
        return this.fromMachinerySignals(m, ts);
      case MACHINE_SIGNALS.order:
      case MACHINE_SIGNALS.operation: {
        const value = typeof obs.value === 'string' && obs.value !== '' ? obs.value : undefined;
        const key = obs.signal === MACHINE_SIGNALS.order ? 'order' : 'operation';
        if (m[key] === value) return undefined;
        m[key] = value;
        this.log(m.info.id, 'job', `${key} ${value ?? '—'}`, ts);
        return this.delta(m, ts, { [key]: value ?? null });
      }
      case MACHINE_SIGNALS.partCount:
      case MACHINE_SIGNALS.scrapCount: {
        if (typeof obs.value !== 'number' || !Number.isFinite(obs.value)) return undefined;
        const key = obs.signal === MACHINE_SIGNALS.partCount ? 'partCount' : 'scrapCount';
        const previous = m[key];
        // A counter that goes down was reset: count from the new value on.
        const added = obs.value >= previous ? obs.value - previous : obs.value;
        m[key] = obs.value;
        if (key === 'partCount' && added > 0) this.countParts(added, ts);
        return added === 0 && obs.value === previous ? undefined : this.delta(m, ts, { [key]: obs.value });
      }
      case MACHINE_SIGNALS.power:
        m.setPower(typeof obs.value === 'number' && obs.value >= 0 ? obs.value : undefined);
        return this.delta(m, ts, { signal: { name: obs.signal, value: obs.value } });
      default:
        return this.delta(m, ts, { signal: { name: obs.signal, value: obs.value } });
    }
  }

  private fromMachinerySignals(m: MachineRecord, ts: number): TwinDelta | undefined {
    const item = m.signals[MACHINE_SIGNALS.itemState]?.value;
    const mode = m.signals[MACHINE_SIGNALS.operationMode]?.value ?? 'None';
    if (typeof item !== 'string' || typeof mode !== 'string') return undefined;
    if (!ITEM_STATES.has(item) || !OPERATION_MODES.has(mode)) return undefined;
    const state = fromMachinery(item as MachineryItemState, mode as MachineryOperationMode, {
      workWaiting: m.order !== undefined,
    });
    return this.setState(m, state, ts);
  }

  private setState(m: MachineRecord, state: ShopFloorState, ts: number): TwinDelta | undefined {
    if (m.state === state) return undefined;
    const before = m.state;
    m.state = state;
    m.sinceMs = ts;
    this.log(m.info.id, 'state', `${before} → ${state}`, ts);
    if (state === 'down') this.raise(m.info.id, 'machineDown', `${m.info.id} is down`, ts);
    else if (before === 'down') this.clear(m.info.id, 'machineDown', ts);
    return this.delta(m, ts, { state });
  }

  private delta(
    m: MachineRecord,
    ts: number,
    change: Omit<TwinDelta, 'seq' | 'atMs' | 'machine'>,
  ): TwinDelta {
    return { seq: ++this.seq, atMs: ts, machine: m.info.id, ...change };
  }

  private log(asset: string, kind: TwinEvent['kind'], detail: string, atMs: number): void {
    this.events.push({ seq: this.seq + 1, atMs, asset, kind, detail });
  }

  private raise(asset: string, kind: string, message: string, atMs: number): void {
    const key = `${asset}\u0000${kind}`;
    if (this.alarms.get(key)?.active) return;
    this.alarms.set(key, { id: this.nextAlarmId++, asset, kind, message, sinceMs: atMs, active: true });
    this.alarmVersion++;
    this.log(asset, 'alarm', message, atMs);
  }

  private clear(asset: string, kind: string, atMs: number): void {
    const key = `${asset}\u0000${kind}`;
    const alarm = this.alarms.get(key);
    if (!alarm?.active) return;
    alarm.active = false;
    this.alarmVersion++;
    this.log(asset, 'alarmCleared', alarm.message, atMs);
  }

  private countParts(n: number, ts: number): void {
    const id = Math.floor(ts / this.bucketMs);
    const k = id % THROUGHPUT_BUCKETS;
    if (this.bucketIds[k] !== id) {
      this.bucketIds[k] = id;
      this.buckets[k] = 0;
    }
    this.buckets[k]! += n;
  }

  /** Good parts per hour over the window that ends at `atMs`. */
  throughputPerHour(atMs: number): number {
    const last = Math.floor(atMs / this.bucketMs);
    let parts = 0;
    for (let k = 0; k < THROUGHPUT_BUCKETS; k++) {
      const id = this.bucketIds[k]!;
      if (id > last - THROUGHPUT_BUCKETS && id <= last) parts += this.buckets[k]!;
    }
    return (parts * 3_600_000) / (this.bucketMs * THROUGHPUT_BUCKETS);
  }

  machineView(id: string, atMs: number = this.lastMs): MachineView | undefined {
    const m = this.machines.get(id);
    if (!m) return undefined;
    const { stateMs, energyKwh } = m.durationsAt(atMs);
    const { itemState, operationMode } = m.machinery;
    return {
      id,
      line: m.info.line,
      kind: m.info.kind,
      state: m.state,
      itemState,
      operationMode,
      sinceMs: m.sinceMs,
      ...(m.order !== undefined && { order: m.order }),
      ...(m.operation !== undefined && { operation: m.operation }),
      partCount: m.partCount,
      scrapCount: m.scrapCount,
      quality: m.quality,
      signals: { ...m.signals },
      stateMs,
      energyKwh,
      oee: computeOee({
        stateMs,
        goodParts: m.partCount,
        scrapParts: m.scrapCount,
        idealCycleS: m.info.idealCycleS ?? 0,
      }),
    };
  }

  alarmList(activeOnly = false): Alarm[] {
    return [...this.alarms.values()].filter((a) => !activeOnly || a.active).map((a) => ({ ...a }));
  }

  /** Everything needed to carry the twin across a restart (the service saves it periodically). */
  save(): TwinStoreState {
    return {
      version: 1,
      savedAtMs: this.lastMs,
      seq: this.seq,
      nextAlarmId: this.nextAlarmId,
      alarmVersion: this.alarmVersion,
      machines: [...this.machines.values()].map((m) => m.save()),
      alarms: this.alarmList(),
      events: this.events.toArray(),
      throughput: { bucketMs: this.bucketMs, ids: [...this.bucketIds], parts: [...this.buckets] },
    };
  }

  /**
   * Take back a saved state (validated by the caller). Machines the model no longer has are left out, new ones
   * start fresh; a throughput window of another size starts empty. Returns the machines left out.
   */
  restore(saved: TwinStoreState): string[] {
    const dropped: string[] = [];
    for (const m of saved.machines) {
      const record = this.machines.get(m.id);
      if (record) record.restore(m);
      else dropped.push(m.id);
    }
    this.seq = Math.max(this.seq, saved.seq);
    this.lastMs = Math.max(this.lastMs, saved.savedAtMs);
    this.nextAlarmId = Math.max(this.nextAlarmId, saved.nextAlarmId);
    this.alarmVersion = Math.max(this.alarmVersion, saved.alarmVersion) + 1;
    this.alarms.clear();
    for (const a of saved.alarms) {
      if (this.machines.has(a.asset)) this.alarms.set(`${a.asset}\u0000${a.kind}`, { ...a });
    }
    for (const e of saved.events) this.events.push({ ...e });
    if (saved.throughput.bucketMs === this.bucketMs && saved.throughput.ids.length === THROUGHPUT_BUCKETS) {
      this.bucketIds.set(saved.throughput.ids);
      this.buckets.set(saved.throughput.parts);
    }
    return dropped;
  }

  snapshot(atMs: number = this.lastMs): TwinSnapshot {
    const machines = this.machineIds().map((id) => this.machineView(id, atMs)!);
    const inputs = machines.map((v) => ({
      stateMs: v.stateMs,
      goodParts: v.partCount,
      scrapParts: v.scrapCount,
      idealCycleS: this.machines.get(v.id)!.info.idealCycleS ?? 0,
    }));
    const lines: Record<string, ReturnType<typeof combineOee>> = {};
    for (const line of new Set(machines.map((v) => v.line))) {
      lines[line] = combineOee(inputs.filter((_, k) => machines[k]!.line === line));
    }
    let busiest: { id: string; share: number } | undefined;
    for (const v of machines) {
      const total = Object.values(v.stateMs).reduce((a, b) => a + b, 0);
      const share = total > 0 ? (v.stateMs.running + v.stateMs.setup) / total : 0;
      if (share > 0 && (!busiest || share > busiest.share)) busiest = { id: v.id, share };
    }
    const orders = new Set(machines.flatMap((v) => (v.order ? [v.order] : [])));
    return {
      seq: this.seq,
      atMs,
      machines,
      kpis: {
        oee: combineOee(inputs),
        lines,
        throughputPerHour: this.throughputPerHour(atMs),
        wip: orders.size,
        energyKwh: machines.reduce((a, v) => a + v.energyKwh, 0),
        powerKw: [...this.machines.values()].reduce((a, m) => a + m.currentPowerKw(), 0),
        ...(busiest && { bottleneck: busiest.id }),
      },
      alarms: this.alarmList(),
    };
  }
}
