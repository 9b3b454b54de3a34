import type { ShopFloorState } from './types.js';

/** The states the twin logs (restated: the viewer imports no runtime values from twin/; the type keeps it whole). */
const STATES: Readonly<Record<ShopFloorState, true>> = {
  running: true,
  idle: true,
  starved: true,
  blocked: true,
  setup: true,
  down: true,
  maintenance: true,
  off: true,
};

const TRANSITION = /^\s*(\w+)\s*→\s*(\w+)\s*$/;

const isState = (s: string): s is ShopFloorState => Object.hasOwn(STATES, s);

/**
 * The two states of a state event's detail (`'idle → running'`, as `/api/events` writes it), or undefined when
 * it is not a transition between known states. The state timeline and the replay both read the log with it.
 */
export function parseTransition(detail: string): { from: ShopFloorState; to: ShopFloorState } | undefined {
  const m = TRANSITION.exec(detail);
  if (!m || !isState(m[1]!) || !isState(m[2]!)) return undefined;
  return { from: m[1], to: m[2] };
}
