import type { ViewerState } from '../store/state.js';

type Change = Pick<ViewerState, 'selection'> & Partial<Pick<ViewerState, 'sidePanel'>>;

// What a click in the panels does to the store (`store.setState((s) => selectMachine(s, id))`). Picking one
// kind keeps the other, so the 3D view and the Gantt can highlight a machine and an order together.

/** Show a machine in the side panel. */
export function selectMachine(state: ViewerState, machine: string): Change {
  return { selection: { ...state.selection, machine }, sidePanel: 'machine' };
}

/** Show an order's trace in the side panel. */
export function selectOrder(state: ViewerState, order: string): Change {
  return { selection: { ...state.selection, order }, sidePanel: 'order' };
}

/** Close the machine panel: the machine is no longer selected. */
export function clearMachine(state: ViewerState): Change {
  const { machine: _machine, ...rest } = state.selection;
  return { selection: rest };
}

/** Close the order panel: the order is no longer selected. */
export function clearOrder(state: ViewerState): Change {
  const { order: _order, ...rest } = state.selection;
  return { selection: rest };
}
