import type { ShopFloorState, TwinEvent } from '../api/types.js';
import { parseTransition } from '../api/twin-event.js';

/** A stretch of one state inside the window, with its place on the bar as fractions of the window. */
export interface StateSegment {
  state: ShopFloorState;
  startMs: number;
  endMs: number;
  /** Left edge and width as fractions of the window, in [0, 1]. */
  x: number;
  w: number;
}

/**
 * The state timeline of a machine over [fromMs, toMs) from its state events ('a → b', any order): one
 * segment per stretch of a state, adjacent equal states merged, empty stretches dropped. The log is bounded,
 * so what came before its first event is unknown and left blank (not guessed). When the live state (since
 * `sinceMs`) differs from where the events end, that change is added: the stream is ahead of the last
 * fetch of the log. With no event at all, the live state is known from `sinceMs` on. Events that are not
 * state transitions are skipped.
 */
export function stateSegments(
  events: readonly Pick<TwinEvent, 'atMs' | 'detail'>[],
  window: { fromMs: number; toMs: number; currentState: ShopFloorState; sinceMs?: number },
): StateSegment[] {
  const { fromMs, toMs } = window;
  if (!(toMs > fromMs)) return [];
  const changes: { atMs: number; from: ShopFloorState; to: ShopFloorState }[] = [];
  for (const e of events) {
    const t = parseTransition(e.detail);
    if (t) changes.push({ atMs: e.atMs, ...t });
  }
  // Stable: events at the same instant keep the log's order (a → b → c in one tick).
  changes.sort((a, b) => a.atMs - b.atMs);
  // The live state may be newer than the fetched log: its change completes the log.
  const last = changes[changes.length - 1];
  if (
    last &&
    window.sinceMs !== undefined &&
    last.to !== window.currentState &&
    window.sinceMs >= last.atMs
  ) {
    changes.push({ atMs: window.sinceMs, from: last.to, to: window.currentState });
  }

  const span = toMs - fromMs;
  const out: StateSegment[] = [];
  const push = (state: ShopFloorState, startMs: number, endMs: number): void => {
    if (endMs <= startMs) return;
    const last = out[out.length - 1];
    if (last && last.state === state && last.endMs === startMs) {
      last.endMs = endMs;
      last.w = (endMs - last.startMs) / span;
      return;
    }
    out.push({ state, startMs, endMs, x: (startMs - fromMs) / span, w: (endMs - startMs) / span });
  };

  if (changes.length === 0) {
    if (window.sinceMs !== undefined) push(window.currentState, Math.max(fromMs, window.sinceMs), toMs);
    return out;
  }
  let state = changes[0]!.to;
  let cursor = Math.max(fromMs, changes[0]!.atMs);
  for (let i = 1; i < changes.length; i++) {
    const c = changes[i]!;
    if (c.atMs >= toMs) break;
    if (c.atMs > cursor) {
      push(state, cursor, c.atMs);
      cursor = c.atMs;
    }
    state = c.to;
  }
  if (changes[0]!.atMs < toMs) push(state, cursor, toMs);
  return out;
}
