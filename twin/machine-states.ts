import type {
  MachineryItemState,
  MachineryOperationMode,
  SemiE10Category,
  ShopFloorState,
} from './schema/machine-state.js';

/** How a shop-floor state reads in OPC 40001-1 terms. */
export function toMachinery(state: ShopFloorState): {
  itemState: MachineryItemState;
  operationMode: MachineryOperationMode;
} {
  switch (state) {
    case 'running':
      return { itemState: 'Executing', operationMode: 'Processing' };
    case 'setup':
      return { itemState: 'Executing', operationMode: 'Setup' };
    case 'idle':
    case 'blocked':
    case 'starved':
      return { itemState: 'NotExecuting', operationMode: 'Processing' };
    case 'maintenance':
      return { itemState: 'OutOfService', operationMode: 'Maintenance' };
    case 'down':
      return { itemState: 'OutOfService', operationMode: 'None' };
    case 'off':
      return { itemState: 'NotAvailable', operationMode: 'None' };
  }
}

/** What the twin knows beyond the machine's own report: is work waiting, is the exit full. */
export interface FlowContext {
  workWaiting?: boolean;
  outputFull?: boolean;
}

/**
 * The shop-floor state from OPC 40001-1 state and mode. A machine that is not executing is blocked when its
 * output is full, starved when nothing waits for it, idle otherwise.
 */
export function fromMachinery(
  itemState: MachineryItemState,
  operationMode: MachineryOperationMode,
  flow: FlowContext = {},
): ShopFloorState {
  switch (itemState) {
    case 'NotAvailable':
      return 'off';
    case 'OutOfService':
      return operationMode === 'Maintenance' ? 'maintenance' : 'down';
    case 'Executing':
      return operationMode === 'Setup'
        ? 'setup'
        : operationMode === 'Maintenance'
          ? 'maintenance'
          : 'running';
    case 'NotExecuting':
      if (operationMode === 'Maintenance') return 'maintenance';
      if (operationMode === 'Setup') return 'setup';
      if (flow.outputFull) return 'blocked';
      if (flow.workWaiting === false) return 'starved';
      return 'idle';
  }
}

/** SEMI E10 time category of a state: setups and planned maintenance are scheduled downtime. */
export function semiE10Category(state: ShopFloorState): SemiE10Category {
  switch (state) {
    case 'running':
      return 'productive';
    case 'idle':
    case 'blocked':
    case 'starved':
      return 'standby';
    case 'setup':
    case 'maintenance':
      return 'scheduledDowntime';
    case 'down':
      return 'unscheduledDowntime';
    case 'off':
      return 'nonScheduled';
  }
}
