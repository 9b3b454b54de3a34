import type { CompiledModel } from './compiled.js';

/**
 * What a live run tells its caller as it happens (a plant's telemetry, a viewer's animation). Indices refer to
 * the run's compiled model: `model.machines[machine]`, `model.orders[order]`, `order.product.routing[op]`.
 * Times are simulated seconds. Called synchronously from inside the kernel: keep the work small and never
 * touch the simulation from a callback.
 */
export interface FactoryListener {
  /** The run's compiled model, before anything happens (the initial states follow at once). */
  init?(model: CompiledModel): void;
  /**
   * A machine's shop-floor state (index into SHOP_FLOOR_STATES) from t on. Several changes may happen at one
   * instant (an operation ends and the next starts); the last one at an instant is the one that holds.
   */
  machineState?(t: number, machine: number, state: number): void;
  /** A lot (or each lot of a batch) is loaded on the machine: setup, if any, then processing follow. */
  operationStart?(t: number, order: number, op: number, machine: number, units: number): void;
  /** Setup is over: processing begins (it pauses over closed time). */
  processingStart?(t: number, order: number, op: number, machine: number): void;
  /** The operation is done: `unitsIn` went in, `scrapped` of them were scrapped. */
  operationEnd?(
    t: number,
    order: number,
    op: number,
    machine: number,
    unitsIn: number,
    scrapped: number,
  ): void;
  /** Every operation of the order is done (or every unit scrapped). */
  orderDone?(t: number, order: number): void;
}
