import type { Simulation } from '../simulation.js';
import type { CompiledModel } from './compiled.js';
import type { FactoryListener } from './listener.js';
import { PH_IDLE } from './machine.js';
import { wireFactory, type FactoryInput } from './run.js';
import { stateName } from './states.js';
import type { ShopFloorState } from '../../../twin/schema/machine-state.js';

/** What one machine is doing now, read off a live run. */
export interface LiveMachine {
  id: string;
  state: ShopFloorState;
  /** Lots on its stations (loaded: in setup, processing or holding a finished lot). */
  busyStations: number;
  queued: number;
}

/**
 * A factory run that the caller advances: by `step()`/`runUntil(t)` or by pacing `sim` against a wall clock
 * (solver/des/realtime.ts). It simulates exactly what `simulateFactory` does with the same input; it just
 * never stops by itself. Pure: the caller owns the clock.
 */
export interface FactoryRun {
  readonly sim: Simulation;
  readonly model: CompiledModel;
  /** Orders not finished yet. */
  readonly unfinished: number;
  /** Wall-clock time (ms) of simulated second `t`, on the run's own clock (the input's `startMs`). */
  wallMsOf(t: number): number;
  /** Run every event before `t` (simulated seconds); the clock then stands at `t`. */
  runUntil(t: number): void;
  machines(): LiveMachine[];
}

/** Wire a run for incremental advance; `listener` hears about states and operations as they happen. */
export function createFactoryRun(input: FactoryInput, listener?: FactoryListener): FactoryRun {
  const { ctx } = wireFactory(input, listener);
  const { sim, model } = ctx;
  return {
    sim,
    model,
    get unfinished() {
      return ctx.unfinished;
    },
    wallMsOf: (t) => model.startMs + t * 1000,
    runUntil: (t) => sim.run(t),
    machines: () =>
      ctx.machines.map((m) => ({
        id: m.c.id,
        state: stateName(m.clock.state < 0 ? 0 : m.clock.state),
        busyStations: m.stations.filter((st) => st.phase !== PH_IDLE).length,
        queued: m.queue.length,
      })),
  };
}
