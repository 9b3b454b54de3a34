import type { OpenIntervals } from '../../../twin/calendar-intervals.js';
import type { Position } from '../../../twin/schema/layout.js';
import type { Sampler } from '../random/variates.js';
import type { SetupTable } from './setup-table.js';

// The factory model compiled for the simulation: ids become indices, distributions become samplers, calendars
// become interval sets, the layout becomes travel-time matrices. Built once per run by build.ts.

export type FailureClockKind = 'operating' | 'calendar';

/** One machine that can run an operation. */
export interface CAlternative {
  machine: number;
  sampler: Sampler;
  perUnit: boolean;
  /** Mean of the time distribution (per unit or per lot): the ideal time for OEE and load estimates. */
  meanS: number;
}

export interface COperation {
  id: string;
  index: number;
  alternatives: CAlternative[];
  /** Index into the setup families, −1 without one (no setup, the machine keeps its set-up family). */
  setupFamily: number;
  /** Index into the batch families, −1 without one (on a batch machine it then runs alone). */
  batchFamily: number;
  minLagS: number;
  maxLagS: number;
  scrapRate: number;
  reworkRate: number;
  /** Expected work of the operations after this one, with each one's fastest alternative: per unit, per lot. */
  tailPerUnitS: number;
  tailPerLotS: number;
}

export interface CProduct {
  id: string;
  routing: COperation[];
}

export interface CBatch {
  maxUnits: number;
  minUnits: number;
  maxWaitS: number;
}

export interface CMachine {
  id: string;
  index: number;
  capacity: number;
  batch: CBatch | undefined;
  setup: SetupTable | undefined;
  /** Calendar open time. */
  calendar: OpenIntervals;
  maintenance: OpenIntervals;
  downtime: OpenIntervals;
  /** When work may proceed: calendar minus maintenance minus known downtime. */
  available: OpenIntervals;
  /** Planned busy time (ISO 22400): calendar minus planned maintenance. */
  planned: OpenIntervals;
  /** Every instant at which calendar, maintenance or downtime changes, ascending. */
  boundaries: Float64Array;
  ttf: Sampler | undefined;
  ttr: Sampler | undefined;
  failureClock: FailureClockKind;
  /** Power draw in kW per shop-floor state index (see states.ts). */
  powerKw: Float64Array;
  inputBuffer: number;
  outputBuffer: number;
  location: number;
}

export interface CBuffer {
  id: string;
  capacity: number;
  location: number;
}

/** A machine or a buffer: where a lot can be picked up or dropped. Machines come first, then buffers. */
export interface CLocation {
  id: string;
  position: Position;
  line: string | undefined;
}

export interface CTransporter {
  id: string;
  kind: 'agv' | 'forklift' | 'conveyor';
  /** Lots carried at once: a conveyor's parallel lots; an AGV or forklift carries one lot per trip. */
  capacity: number;
  /** A conveyor's ends (location indices); −1 for roaming vehicles. */
  from: number;
  to: number;
  serves: ReadonlySet<string> | undefined;
  /** Loaded trip times (load + travel + unload) and empty travel times between locations, L × L. */
  loaded: Float64Array;
  empty: Float64Array;
  /** Empty travel from the home position to each location. */
  fromHome: Float64Array;
}

/** An operation already running when the simulation starts. */
export interface CResume {
  op: number;
  alternative: CAlternative;
  /** Share of the operation's work still to do, in (0, 1]. */
  share: number;
}

export interface COrder {
  id: string;
  index: number;
  product: CProduct;
  quantity: number;
  /** Units entering the first pending operation. */
  units: number;
  releaseS: number;
  /** Infinity without a due date. */
  dueS: number;
  weight: number;
  /** First operation not done yet (= routing length when everything is done). */
  firstOp: number;
  resume: CResume | undefined;
}

export interface CompiledModel {
  startMs: number;
  horizonS: number;
  machines: CMachine[];
  buffers: CBuffer[];
  locations: CLocation[];
  transporters: CTransporter[];
  products: Map<string, CProduct>;
  orders: COrder[];
  setupFamilies: string[];
  batchFamilies: string[];
}
