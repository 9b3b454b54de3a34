// Maximum lags as hard constraints. Operations bound to their predecessor by a maximum lag form a chain
// (quench → temper within 4 h; a no-wait line); when the list reaches the chain's first operation the whole
// chain is placed, each where it meets its lag if it can (decode.ts bestPlacement), else the chain is taken
// back and the predecessor of the operation that starts too late is delayed by the excess (its setup may not
// start before the old setup start + excess), and the chain placed again: the gaps close from the back. At
// most MAX_TRIES placements; a chain that does not fit then (or whose first operation is bound to a pinned
// predecessor that no delay can move) is reported, never placed in violation silently. Taking a chain back
// restores the states of the stations it touched from a small log (no allocation per chain).
import { GroupLog } from './batching.js';
import type { CompiledProduction } from './compiled.js';
import { commit, lagSlack, placeAllowed, type Best, type DecodeState, type Schedule } from './decode.js';

/** Placements of one chain before it is reported. */
const MAX_TRIES = 32;

export class LagChains {
  private readonly chain: Int32Array;
  /** Per chain position: its setup starts at or after this (0: no bound). */
  private readonly notBefore: Float64Array;
  // The log: per touched station, its state before the chain.
  private size = 0;
  private readonly logStation: Int32Array;
  private readonly logFree: Float64Array;
  private readonly logFamily: Int32Array;
  private readonly logGroups: GroupLog;
  /** After `place` failed: true when a maximum lag could not be met (else the open time ran out). */
  failedLag = false;

  constructor(private readonly cp: CompiledProduction) {
    const len = cp.maxChain;
    this.chain = new Int32Array(len);
    this.notBefore = new Float64Array(len);
    // Each operation touches its own station and seals its predecessor's.
    this.logStation = new Int32Array(2 * len);
    this.logFree = new Float64Array(2 * len);
    this.logFamily = new Int32Array(2 * len);
    this.logGroups = new GroupLog(2 * len);
  }

  private log(st: number, s: Schedule, state: DecodeState): void {
    const i = this.size++;
    this.logStation[i] = st;
    this.logFree[i] = state.free[st]!;
    this.logFamily[i] = state.family[st]!;
    s.groups.stash(st, this.logGroups, i);
  }

  /** Takes the chain back: the logged stations as they were, newest entry first, and its operators'
   * bookings (all made at the chain's list position). */
  private undo(s: Schedule, state: DecodeState, position: number): void {
    const { free, family } = state;
    state.crew.timeline.restore(position);
    for (let i = this.size - 1; i >= 0; i--) {
      const st = this.logStation[i]!;
      free[st] = this.logFree[i]!;
      family[st] = this.logFamily[i]!;
      s.groups.unstash(st, this.logGroups, i, this.logFree[i]!, s.end);
    }
    this.size = 0;
  }

  /**
   * Places the chain that starts at `head` (alternatives as `alt` fixes them, -1 open) into `s`. Returns -1,
   * or the operation that found no place (`failedLag` says why); every operation gets times either way.
   */
  place(
    head: number,
    alt: Int32Array,
    s: Schedule,
    state: DecodeState,
    best: Best,
    position: number,
  ): number {
    const { cp, chain, notBefore } = this;
    let len = 0;
    for (let o = head; ;) {
      chain[len] = o;
      notBefore[len++] = 0;
      const next = cp.jobNext[o]!;
      if (next < 0 || !cp.lagTail[next]) break;
      o = next;
    }
    for (let tries = 1; ; tries++) {
      this.size = 0;
      let late = -1;
      let excess = 0;
      for (let i = 0; i < len; i++) {
        const o = chain[i]!;
        best.notBefore = notBefore[i]!;
        if (!placeAllowed(cp, o, alt, s, state, best)) {
          // Out of open time: delaying cannot help. Place the rest anyway so every time is written.
          commit(cp, o, best, s, state, position);
          this.rest(chain, i + 1, len, alt, s, state, best, position);
          this.failedLag = false;
          return o;
        }
        const prev = cp.jobPrev[o]!;
        this.log(best.station, s, state);
        if (prev >= 0) this.log(s.station[prev]!, s, state);
        commit(cp, o, best, s, state, position);
        if (!best.lagOk) {
          late = i;
          excess = s.start[o]! - s.end[prev]! - cp.maxLag[o]!;
          break;
        }
      }
      if (late < 0) return -1;
      if (late === 0 || tries >= MAX_TRIES) {
        this.rest(chain, late + 1, len, alt, s, state, best, position);
        this.failedLag = true;
        return chain[late]!;
      }
      this.undo(s, state, position);
      const before = chain[late - 1]!;
      notBefore[late - 1] = s.setupStart[before]! + Math.max(excess, lagSlack(s.start[before]!));
    }
  }

  /** Places chain positions from .. len - 1 as they come (after a failure). */
  private rest(
    chain: Int32Array,
    from: number,
    len: number,
    alt: Int32Array,
    s: Schedule,
    state: DecodeState,
    best: Best,
    position: number,
  ): void {
    const cp = this.cp;
    for (let i = from; i < len; i++) {
      const o = chain[i]!;
      placeAllowed(cp, o, alt, s, state, best);
      commit(cp, o, best, s, state, position);
    }
  }
}
