import type { StreamFactory } from '../random/streams.js';
import type { Resource } from '../resource.js';
import type { Simulation } from '../simulation.js';
import type { TimeWeighted } from '../stats/time-weighted.js';
import type { CompiledModel } from './compiled.js';
import type { DispatchRule } from './dispatch.js';
import type { Gate } from './gate.js';
import type { FactoryListener } from './listener.js';
import type { Lot } from './lot.js';
import type { MachineRt } from './machine.js';
import type { PlanIndex } from './plan-following.js';
import type { TraceRecorder } from './trace.js';
import type { TransportPool } from './transport.js';

/** Everything one run shares: the kernel, the compiled model, the runtime objects and the run's options. */
export interface FactoryContext {
  readonly sim: Simulation;
  readonly model: CompiledModel;
  readonly machines: MachineRt[];
  /** One slot resource per buffer: a lot holds a slot while it sits there (capacity in lots). */
  readonly buffers: Resource[];
  readonly lots: Lot[];
  /** Undefined when the model has no transporters: moves are then instantaneous. */
  readonly transport: TransportPool | undefined;
  readonly streams: StreamFactory;
  readonly rule: DispatchRule;
  readonly plan: PlanIndex | undefined;
  readonly allowEarly: boolean;
  readonly warmupS: number;
  readonly trace: TraceRecorder | undefined;
  /** Told of state changes and operations as they happen (a live run); undefined in batch runs. */
  readonly listener: FactoryListener | undefined;
  /** Nobody notifies it: work that cannot finish before the horizon waits here until the run stops. */
  readonly never: Gate;
  /** Lots on the floor (released, not finished), time-weighted. */
  readonly wip: TimeWeighted;
  /** Orders not finished yet; the run stops when it reaches 0. */
  unfinished: number;
}
