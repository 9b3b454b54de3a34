import { SHOP_FLOOR_STATES, type ShopFloorState } from '../schema/machine-state.js';
import type { MachineRecordState } from '../schema/twin-store-state.js';
import type { PowerKw } from '../schema/machine.js';
import type { Quality } from '../schema/observation.js';
import type { SignalValue, StateDurations } from '../schema/twin-snapshot.js';
import { toMachinery } from '../machine-states.js';
import { powerDrawKw } from '../energy.js';

/** What the store needs to know of a machine from the model. */
export interface MachineInfo {
  id: string;
  line: string;
  kind: string;
  powerKw?: PowerKw;
  /** Ideal time per good part (s), for OEE performance; 0 or missing → performance counts as 1 when running. */
  idealCycleS?: number;
}

export function zeroDurations(): StateDurations {
  return Object.fromEntries(SHOP_FLOOR_STATES.map((s) => [s, 0])) as StateDurations;
}

/** The mutable live record of one machine inside the store. */
export class MachineRecord {
  state: ShopFloorState = 'off';
  sinceMs: number;
  order: string | undefined;
  operation: string | undefined;
  partCount = 0;
  scrapCount = 0;
  quality: Quality = 'good';
  /** No prototype: signal names come from the plant, and `__proto__` or `toString` must stay plain keys. */
  readonly signals: Record<string, SignalValue> = Object.create(null) as Record<string, SignalValue>;
  readonly stateMs: StateDurations = zeroDurations();
  energyKwh = 0;
  /** Last measured power (kW), to integrate energy from a power signal when there is one. */
  private measuredPowerKw: number | undefined;
  private accountedToMs: number;

  constructor(
    readonly info: MachineInfo,
    startMs: number,
  ) {
    this.sinceMs = startMs;
    this.accountedToMs = startMs;
  }

  get machinery(): ReturnType<typeof toMachinery> {
    return toMachinery(this.state);
  }

  /** Count time (and energy) in the current state up to `toMs`; time never runs backwards. */
  accountTo(toMs: number): void {
    const dt = toMs - this.accountedToMs;
    if (!(dt > 0)) return;
    this.stateMs[this.state] += dt;
    this.energyKwh += this.energyOver(dt);
    this.accountedToMs = toMs;
  }

  /** The record as saved across a restart. */
  save(): MachineRecordState {
    return {
      id: this.info.id,
      state: this.state,
      sinceMs: this.sinceMs,
      ...(this.order !== undefined && { order: this.order }),
      ...(this.operation !== undefined && { operation: this.operation }),
      partCount: this.partCount,
      scrapCount: this.scrapCount,
      quality: this.quality,
      signals: { ...this.signals },
      stateMs: { ...this.stateMs },
      energyKwh: this.energyKwh,
      accountedToMs: this.accountedToMs,
      ...(this.measuredPowerKw !== undefined && { measuredPowerKw: this.measuredPowerKw }),
    };
  }

  /** Take back a saved record (of this machine; the model's info stays as it is now). */
  restore(saved: MachineRecordState): void {
    this.state = saved.state;
    this.sinceMs = saved.sinceMs;
    this.order = saved.order;
    this.operation = saved.operation;
    this.partCount = saved.partCount;
    this.scrapCount = saved.scrapCount;
    this.quality = saved.quality;
    for (const key of Object.keys(this.signals)) delete this.signals[key];
    Object.assign(this.signals, saved.signals);
    Object.assign(this.stateMs, saved.stateMs);
    this.energyKwh = saved.energyKwh;
    this.accountedToMs = saved.accountedToMs;
    this.measuredPowerKw = saved.measuredPowerKw;
  }

  setPower(kw: number | undefined): void {
    this.measuredPowerKw = kw;
  }

  /** Durations and energy as they would be at `atMs`, without changing the record. */
  durationsAt(atMs: number): { stateMs: StateDurations; energyKwh: number } {
    const stateMs = { ...this.stateMs };
    const dt = atMs - this.accountedToMs;
    if (!(dt > 0)) return { stateMs, energyKwh: this.energyKwh };
    stateMs[this.state] += dt;
    return { stateMs, energyKwh: this.energyKwh + this.energyOver(dt) };
  }

  /** kWh drawn over `dtMs` in the current state: the measured power when there is one, else the model's. */
  private energyOver(dtMs: number): number {
    return (this.currentPowerKw() * dtMs) / 3_600_000;
  }

  currentPowerKw(): number {
    return this.measuredPowerKw ?? powerDrawKw(this.info.powerKw, this.state);
  }
}
