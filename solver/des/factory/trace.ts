import { SHOP_FLOOR_STATES, type ShopFloorState } from '../../../twin/schema/machine-state.js';
import type { CompiledModel } from './compiled.js';

/**
 * The event trace of a run, for the viewer and for replay: machine state changes and operations, stored as
 * columns (typed arrays travel between threads without copying). Recorded only when the run asks for it.
 */
export interface FactoryTrace {
  machines: string[];
  orders: string[];
  states: readonly ShopFloorState[];
  /** Machine state changes in time order: machine and state are indices into `machines` and `states`. */
  stateChanges: { t: Float64Array; machine: Uint16Array; state: Uint8Array };
  /** Operations in order of completion: start of processing (after setup), end, setup work, units in. */
  operations: {
    order: Uint32Array;
    operation: string[];
    machine: Uint16Array;
    start: Float64Array;
    end: Float64Array;
    setupS: Float64Array;
    units: Uint32Array;
  };
}

export interface StateChangeRow {
  t: number;
  machine: string;
  state: ShopFloorState;
}

export interface OperationRow {
  order: string;
  operation: string;
  machine: string;
  start: number;
  end: number;
  setupS: number;
  units: number;
}

const DEAD = -1;

export class TraceRecorder {
  private readonly st: number[] = [];
  private readonly sm: number[] = [];
  private readonly ss: number[] = [];
  /** Per entry: the machine's previous live entry (−1 for its first). */
  private readonly sprev: number[] = [];
  private readonly last: Int32Array;
  private readonly ops = {
    order: [] as number[],
    operation: [] as string[],
    machine: [] as number[],
    start: [] as number[],
    end: [] as number[],
    setupS: [] as number[],
    units: [] as number[],
  };

  constructor(machines: number) {
    this.last = new Int32Array(machines).fill(-1);
  }

  /**
   * A machine's state from t on. Changes at one instant collapse into one (an operation ending and the next
   * starting at the same time shows no zero-length idle), and a flip back to the state before disappears.
   */
  state(t: number, machine: number, state: number): void {
    const i = this.last[machine]!;
    if (i >= 0 && this.st[i] === t) {
      const p = this.sprev[i]!;
      if (p >= 0 && this.ss[p] === state) {
        this.ss[i] = DEAD;
        this.last[machine] = p;
      } else {
        this.ss[i] = state;
      }
      return;
    }
    this.last[machine] = this.st.length;
    this.st.push(t);
    this.sm.push(machine);
    this.ss.push(state);
    this.sprev.push(i);
  }

  operation(
    order: number,
    operation: string,
    machine: number,
    start: number,
    end: number,
    setupS: number,
    units: number,
  ): void {
    const o = this.ops;
    o.order.push(order);
    o.operation.push(operation);
    o.machine.push(machine);
    o.start.push(start);
    o.end.push(end);
    o.setupS.push(setupS);
    o.units.push(units);
  }

  finish(model: CompiledModel): FactoryTrace {
    const live: number[] = [];
    for (let i = 0; i < this.ss.length; i++) if (this.ss[i] !== DEAD) live.push(i);
    const o = this.ops;
    return {
      machines: model.machines.map((m) => m.id),
      orders: model.orders.map((x) => x.id),
      states: SHOP_FLOOR_STATES,
      stateChanges: {
        t: Float64Array.from(live, (i) => this.st[i]!),
        machine: Uint16Array.from(live, (i) => this.sm[i]!),
        state: Uint8Array.from(live, (i) => this.ss[i]!),
      },
      operations: {
        order: Uint32Array.from(o.order),
        operation: o.operation,
        machine: Uint16Array.from(o.machine),
        start: Float64Array.from(o.start),
        end: Float64Array.from(o.end),
        setupS: Float64Array.from(o.setupS),
        units: Uint32Array.from(o.units),
      },
    };
  }
}

/** The state changes as rows (tests, JSON for the viewer). */
export function stateChangeRows(trace: FactoryTrace, machine?: string): StateChangeRow[] {
  const { t, machine: m, state } = trace.stateChanges;
  const rows: StateChangeRow[] = [];
  for (let i = 0; i < t.length; i++) {
    const id = trace.machines[m[i]!]!;
    if (machine === undefined || id === machine)
      rows.push({ t: t[i]!, machine: id, state: trace.states[state[i]!]! });
  }
  return rows;
}

/** The operations as rows, in order of completion. */
export function operationRows(trace: FactoryTrace): OperationRow[] {
  const o = trace.operations;
  return Array.from(o.order, (order, i) => ({
    order: trace.orders[order]!,
    operation: o.operation[i]!,
    machine: trace.machines[o.machine[i]!]!,
    start: o.start[i]!,
    end: o.end[i]!,
    setupS: o.setupS[i]!,
    units: o.units[i]!,
  }));
}
