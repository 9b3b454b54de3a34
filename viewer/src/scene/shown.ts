import type { MachineView } from '../api/types.js';
import type { MachineAt, ViewerState } from '../store/state.js';

/** The machines at the moment shown: the live twin's, or the time view's (replay or simulated future). */
export function shownMachines(s: ViewerState): Readonly<Record<string, MachineAt | MachineView>> {
  return s.timeView.mode === 'live' ? s.machines : s.timeView.machines;
}

/** The clock of the moment shown. */
export function shownNowMs(s: ViewerState): number {
  return s.timeView.mode === 'live' ? s.nowMs : s.timeView.atMs;
}
