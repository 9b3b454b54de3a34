// From an encoding (a priority list of the free operations, job order respected, and a machine choice per
// operation) to times: pinned operations first, as they are; then each listed operation is appended to the
// station of its machine where it ends first (every eligible machine when its choice is open), after its job
// predecessor, the lag and the transport, in open time (placement.ts). Station states are saved every
// CHECKPOINT positions, so a move that changes the list from position p on re-decodes only from there.
// On a batch machine an operation may join the station's last group instead (batching.ts); an operation
// bound by a maximum lag to its predecessor is placed with it as a chain, at the chain's first position
// (lag-chain.ts). An operation that needs an operator books one (operators.ts); operator timelines are
// not append-only, so each booking is logged with the list position it was placed at and undone by it.
import { BatchGroups } from './batching.js';
import { setupSeconds, type CompiledProduction } from './compiled.js';
import { LagChains } from './lag-chain.js';
import { holdEnd, newCrewState, pinnedOperator, placeOperation, type CrewState } from './operators.js';
import { newPlacement, type Placement } from './placement.js';

export const CHECKPOINT = 32;

/** Stamps of decoded contents, so a decoder knows whether its operator timeline holds a base's bookings. */
let stamps = 0;

/** The times of one decoded encoding, by global operation index. */
export class Schedule {
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly setupStart: Float64Array;
  readonly station: Int32Array;
  readonly alt: Int32Array;
  /** Operator held (-1: none), by global operation index. */
  readonly operator: Int32Array;
  /** This content's stamp; the stamp of the content it was decoded from and the list position up to which
   * the two agree (-1 and 0 when decoded from scratch). */
  stamp = 0;
  parent = -1;
  agree = 0;
  /** Station free times and families at every CHECKPOINT-th list position. */
  readonly ckFree: Float64Array;
  readonly ckFamily: Int32Array;
  /** -1 when every operation found a place, else the first operation that did not (open time ran out, or
   * no place met its maximum lag: `failedLag`). */
  failed = -1;
  failedLag = false;
  /** Batch groups and the station states they need. */
  readonly groups: BatchGroups;

  constructor(cp: CompiledProduction) {
    const n = cp.n;
    this.start = new Float64Array(n);
    this.end = new Float64Array(n);
    this.setupStart = new Float64Array(n);
    this.station = new Int32Array(n);
    this.alt = new Int32Array(n);
    this.operator = new Int32Array(n).fill(-1);
    const checkpoints = Math.floor(cp.free.length / CHECKPOINT) + 1;
    this.ckFree = new Float64Array(checkpoints * cp.stationCount);
    this.ckFamily = new Int32Array(checkpoints * cp.stationCount);
    this.groups = new BatchGroups(cp.stationCount, n, checkpoints);
  }

  copyFrom(other: Schedule): void {
    this.start.set(other.start);
    this.end.set(other.end);
    this.setupStart.set(other.setupStart);
    this.station.set(other.station);
    this.alt.set(other.alt);
    this.operator.set(other.operator);
    this.stamp = other.stamp;
    this.parent = other.parent;
    this.agree = other.agree;
    this.ckFree.set(other.ckFree);
    this.ckFamily.set(other.ckFamily);
    this.failed = other.failed;
    this.failedLag = other.failedLag;
    this.groups.copyFrom(other.groups);
  }
}

/** An encoding: `order` lists the free operations (a job's operations in route order); `alt[o]` is a global
 * alternative index, or -1 to take the alternative where the operation ends first. */
export interface Encoding {
  order: Int32Array;
  alt: Int32Array;
}

/** True when `order` holds every free operation once, each after its job predecessor. */
export function isValidOrder(cp: CompiledProduction, order: Int32Array): boolean {
  if (order.length !== cp.free.length) return false;
  const seen = new Uint8Array(cp.n);
  for (let i = 0; i < order.length; i++) {
    const o = order[i]!;
    if (o < 0 || o >= cp.n || seen[o] || cp.pinned[o]) return false;
    const prev = cp.jobPrev[o]!;
    if (prev >= 0 && !cp.pinned[prev] && !seen[prev]) return false;
    seen[o] = 1;
  }
  return true;
}

/** The best place found for one operation (reused). */
export interface Best {
  end: number;
  start: number;
  setupStart: number;
  station: number;
  alt: number;
  /** Operator held, -1 for none. */
  operator: number;
  /** It joins the station's last batch group; its start meets its maximum lag. */
  join: boolean;
  lagOk: boolean;
  /** Input: its setup may not start before this (a chain delaying it, lag-chain.ts); read once, reset to 0. */
  notBefore: number;
}

export function newBest(): Best {
  return {
    end: Infinity,
    start: Infinity,
    setupStart: Infinity,
    station: -1,
    alt: -1,
    operator: -1,
    join: false,
    lagOk: false,
    notBefore: 0,
  };
}

/** Slack on a maximum lag for float noise (far below the checkers' tolerance of 1e-9 relative). */
export function lagSlack(t: number): number {
  return 1e-10 * Math.max(1, Math.abs(t));
}

/** What a decode advances as it places operations: per station the free time and the family set up, the
 * operators' bookings, and the placement scratch. */
export interface DecodeState {
  readonly free: Float64Array;
  readonly family: Int32Array;
  readonly crew: CrewState;
  readonly p: Placement;
}

export function newDecodeState(cp: CompiledProduction): DecodeState {
  return {
    free: new Float64Array(cp.stationCount),
    family: new Int32Array(cp.stationCount),
    crew: newCrewState(cp.crew),
    p: newPlacement(),
  };
}

/**
 * The station, among those of alternatives a0 .. a1 - 1 of operation o, where o ends first given the station
 * states `free`/`family` and the times of its job predecessor in `s` (ties: the first alternative and
 * station; then a place that meets its maximum lag first, and a batch joined on equal ends), with a skilled
 * operator free and on shift when it needs one (operators.ts; an operation that needs one joins no batch).
 * Its setup starts not before `best.notBefore`. `best.station` is -1 when there is none.
 */
export function bestPlacement(
  cp: CompiledProduction,
  o: number,
  a0: number,
  a1: number,
  s: Schedule,
  state: DecodeState,
  best: Best,
): Best {
  const { free, family, crew, p } = state;
  const notBefore = best.notBefore;
  best.notBefore = 0;
  const j = cp.jobOf[o]!;
  const prev = cp.jobPrev[o]!;
  const fam = cp.family[o]!;
  const m = cp.m;
  const prevEnd = prev >= 0 ? s.end[prev]! : -Infinity;
  const maxLag = prev >= 0 ? cp.maxLag[o]! : Infinity;
  const bound = maxLag < Infinity;
  const groups = s.groups;
  best.end = Infinity;
  best.start = Infinity;
  best.setupStart = Infinity;
  best.station = -1;
  best.alt = -1;
  best.operator = -1;
  best.join = false;
  best.lagOk = false;
  const mayJoin = cp.crew.opSkill[o]! < 0;
  for (let a = a0; a < a1; a++) {
    const mc = cp.altMachine[a]!;
    let ready: number;
    if (prev >= 0) {
      const pm = cp.stationMachine[s.station[prev]!]!;
      const lag = cp.minLag[o]!;
      const move = cp.transport[pm * m + mc]!;
      ready = s.end[prev]! + (lag > move ? lag : move);
    } else {
      ready = cp.release[j]!;
      const at = cp.jobFrom[j]!;
      if (at >= 0 && cp.now + cp.transport[at * m + mc]! > ready) ready = cp.now + cp.transport[at * m + mc]!;
    }
    if (notBefore > ready) ready = notBefore;
    const batch = mayJoin && cp.batchMax[mc]! > 0;
    const pause = cp.mayPause[mc] === 1;
    const open = cp.open[mc]!;
    const work = cp.altWork[a]!;
    for (let st = cp.stationStart[mc]!; st < cp.stationStart[mc + 1]!; st++) {
      const earliest = free[st]! > ready ? free[st]! : ready;
      placeOperation(
        cp.crew,
        crew,
        o,
        open,
        pause,
        earliest,
        setupSeconds(cp, mc, family[st]!, fam),
        work,
        p,
      );
      // Inline: this is the hot loop of every decode.
      const lagOk = !bound || p.start - prevEnd <= maxLag + 1e-10 * (p.start > 1 ? p.start : 1);
      if (lagOk ? !best.lagOk || p.end < best.end : !best.lagOk && p.end < best.end) {
        best.end = p.end;
        best.start = p.start;
        best.setupStart = p.setupStart;
        best.station = st;
        best.alt = a;
        best.operator = crew.operator;
        best.join = false;
        best.lagOk = lagOk;
      }
      if (!batch || groups.leader[st]! < 0) continue;
      groups.scratch[0] = ready;
      groups.scratch[1] = prevEnd;
      if (!groups.joinEnd(cp, o, a, st, s, free, p)) continue;
      // A join (its maximum lag checked) ends with its group: better on an equal end too.
      if (!best.lagOk || p.end <= best.end) {
        best.end = p.end;
        best.start = p.start;
        best.setupStart = p.setupStart;
        best.station = st;
        best.alt = a;
        best.operator = -1;
        best.join = true;
        best.lagOk = true;
      }
    }
  }
  return best;
}

/**
 * `bestPlacement` over o's alternatives as `alt` fixes them (-1: all of them). When o finds no place before the
 * horizon, `best` holds a stand-in (the first allowed machine's first station) so that every operation still
 * gets times, and the answer is false.
 */
export function placeAllowed(
  cp: CompiledProduction,
  o: number,
  alt: Int32Array,
  s: Schedule,
  state: DecodeState,
  best: Best,
): boolean {
  let a0 = cp.altStart[o]!;
  let a1 = cp.altStart[o + 1]!;
  if (alt[o]! >= 0) {
    a0 = alt[o]!;
    a1 = a0 + 1;
  }
  bestPlacement(cp, o, a0, a1, s, state, best);
  if (best.station >= 0 && best.end !== Infinity) return true;
  standIn(cp, a0, best);
  return false;
}

/** For an operation that found no place: alternative `a`'s machine's first station, no batch, no operator. */
export function standIn(cp: CompiledProduction, a: number, best: Best): void {
  best.station = cp.stationStart[cp.altMachine[a] ?? 0]!;
  best.alt = a;
  best.join = false;
  best.operator = -1;
}

/** Writes o's place into `s`, advances its station and books its operator for list `position`. */
export function commit(
  cp: CompiledProduction,
  o: number,
  best: Best,
  s: Schedule,
  state: DecodeState,
  position: number,
): void {
  const { free, family, crew } = state;
  s.start[o] = best.start;
  s.end[o] = best.end;
  s.setupStart[o] = best.setupStart;
  s.station[o] = best.station;
  s.alt[o] = best.alt;
  s.operator[o] = best.operator;
  if (best.operator >= 0)
    crew.timeline.book(best.operator, best.setupStart, holdEnd(cp.crew, o, best.start, best.end), position);
  const prev = cp.jobPrev[o]!;
  if (prev >= 0) s.groups.seal(prev, s.station[prev]!);
  if (best.join) s.groups.join(cp, o, best.station, best.alt, s.end);
  else s.groups.open(cp, o, best.station, best.alt);
  free[best.station] = best.end;
  const fam = cp.family[o]!;
  if (fam >= 0) family[best.station] = fam;
}

/**
 * The list position from which a change to o's machine must be decoded: its chain's first operation's, or 0
 * for one placed before the list (`pos`: list positions by operation).
 */
export function placedFrom(cp: CompiledProduction, o: number, pos: Int32Array): number {
  while (cp.lagTail[o]) o = cp.jobPrev[o]!;
  return cp.lagUrgent[o] ? 0 : pos[o]!;
}

export class Decoder {
  private readonly state: DecodeState;
  private readonly best = newBest();
  private readonly chains: LagChains;
  /** The content whose bookings the timeline holds in full: its stamp, parent and agreement (-1: none). */
  private held = -1;
  private heldParent = -1;
  private heldAgree = 0;

  constructor(private readonly cp: CompiledProduction) {
    this.state = newDecodeState(cp);
    this.chains = new LagChains(cp);
  }

  /**
   * Resets `free`/`family` to the states after the pinned operations and writes those into `out`. A frozen
   * operation keeps its start but still needs the setup from the family its station has then (a change of
   * order in the same family too), placed right before its start as the model checker and the simulation
   * following the plan count it; a running one is set up already.
   */
  pins(out: Schedule, state: DecodeState = this.state): void {
    const { cp } = this;
    const { free, family, crew } = state;
    crew.timeline.clear();
    if (state === this.state) this.held = -1;
    free.fill(cp.now);
    family.set(cp.stationInitialFamily);
    out.groups.reset();
    for (let i = 0; i < cp.pinOrder.length; i++) {
      const o = cp.pinOrder[i]!;
      const s = cp.pinStation[o]!;
      const start = cp.pinStart[o]!;
      out.start[o] = start;
      out.setupStart[o] = start;
      // A member of a pinned batch shares its group's setup.
      if (out.groups.pin(cp, o, s, start, cp.pinEnd[o]!, out.end))
        out.setupStart[o] = out.setupStart[out.groups.group[o]!]!;
      else if (cp.pinFrozen[o]) {
        const mc = cp.stationMachine[s]!;
        const setup = setupSeconds(cp, mc, family[s]!, cp.family[o]!);
        const from = cp.mayPause[mc] ? cp.open[mc]!.retreatWorking(start, setup) : start - setup;
        // No open time for it (a pin the freeze did not check): elapsed time, and the checker names it.
        out.setupStart[o] = from > -Infinity ? from : start - setup;
      }
      out.end[o] = cp.pinEnd[o]!;
      out.station[o] = s;
      out.alt[o] = cp.pinAlt[o]!;
      out.operator[o] = -1;
      const hold = holdEnd(cp.crew, o, start, cp.pinEnd[o]!);
      if (cp.crew.opSkill[o]! >= 0 && hold > out.setupStart[o]!) {
        const open = cp.open[cp.stationMachine[s]!]!;
        const w = pinnedOperator(cp.crew, crew.timeline, o, open, out.setupStart[o]!, hold);
        out.operator[o] = w;
        if (w >= 0) crew.timeline.bookPinned(w, out.setupStart[o]!, hold);
      }
      if (cp.pinEnd[o]! > free[s]!) free[s] = cp.pinEnd[o]!;
      if (cp.family[o]! >= 0) family[s] = cp.family[o]!;
    }
  }

  /**
   * Decodes `enc` into `out`. With `base` and `from`, the operations listed before position `from` keep the
   * times they have in `base` (which must be the decode of an encoding that agrees up to there). An operation
   * is placed at its chain's first position, or before the list (`placedFrom`).
   */
  decode(enc: Encoding, out: Schedule, base?: Schedule, from = 0): Schedule {
    const { cp } = this;
    const { free, family } = this.state;
    const S = cp.stationCount;
    let position = 0;
    if (base && from > 0) {
      const baseStamp = base.stamp;
      if (base !== out) out.copyFrom(base);
      const ck = Math.floor(from / CHECKPOINT);
      position = ck * CHECKPOINT;
      this.restoreCrew(enc, out, baseStamp, position);
      free.set(out.ckFree.subarray(ck * S, ck * S + S));
      family.set(out.ckFamily.subarray(ck * S, ck * S + S));
      out.groups.restore(ck, free, out.end);
      out.parent = baseStamp;
      out.agree = position;
      // The base decoded what comes before without failing (the searches keep only such schedules).
      out.failed = -1;
      out.failedLag = false;
    } else {
      this.pins(out);
      out.parent = -1;
      out.agree = 0;
      out.failed = -1;
      out.failedLag = false;
      const urgent = cp.urgentOrder;
      for (let i = 0; i < urgent.length; i++) this.placeOne(urgent[i]!, enc.alt, out, i - urgent.length);
    }
    out.stamp = ++stamps;
    const { order, alt } = enc;
    for (; position < order.length; position++) {
      if (position % CHECKPOINT === 0) {
        const at = (position / CHECKPOINT) * S;
        out.ckFree.set(free, at);
        out.ckFamily.set(family, at);
        out.groups.save(position / CHECKPOINT);
      }
      const o = order[position]!;
      // Placed with the head of its chain, or before the list.
      if (cp.lagTail[o] || cp.lagUrgent[o]) continue;
      this.placeOne(o, alt, out, position);
    }
    this.held = out.stamp;
    this.heldParent = out.parent;
    this.heldAgree = out.agree;
    return out;
  }

  /**
   * Brings the operator timeline to the bookings of `s` (a copy of the base stamped `baseStamp`) before list
   * `position`: undo back to it when the timeline holds the base; when it holds a content decoded from the
   * base, undo back to where the two agree and book the base's from there; else rebuild from the pins.
   * Bookings carry the position their operation was placed at: a chain's at its head's, the operations
   * placed before the list (urgentOrder) at negative positions.
   */
  private restoreCrew(enc: Encoding, s: Schedule, baseStamp: number, position: number): void {
    const { cp } = this;
    const timeline = this.state.crew.timeline;
    let from = position;
    if (this.held < 0 || (baseStamp !== this.held && baseStamp !== this.heldParent)) {
      timeline.clear();
      for (let i = 0; i < cp.pinOrder.length; i++) {
        const o = cp.pinOrder[i]!;
        const w = s.operator[o]!;
        if (w >= 0) timeline.bookPinned(w, s.setupStart[o]!, holdEnd(cp.crew, o, s.start[o]!, s.end[o]!));
      }
      const urgent = cp.urgentOrder;
      for (let i = 0; i < urgent.length; i++) this.rebook(urgent[i]!, s, i - urgent.length);
      from = 0;
    } else if (baseStamp !== this.held) from = Math.min(this.heldAgree, position);
    timeline.restore(from);
    for (let i = from; i < position; i++) {
      const o = enc.order[i]!;
      if (!cp.lagTail[o] && !cp.lagUrgent[o]) this.rebook(o, s, i);
    }
  }

  /** Books the operators of o and of the chain it heads as `s` has them, at list `position`. */
  private rebook(o: number, s: Schedule, position: number): void {
    const { cp } = this;
    for (let k = o; k >= 0; k = cp.jobNext[k]!) {
      if (k !== o && !cp.lagTail[k]) break;
      const w = s.operator[k]!;
      if (w >= 0)
        this.state.crew.timeline.book(
          w,
          s.setupStart[k]!,
          holdEnd(cp.crew, k, s.start[k]!, s.end[k]!),
          position,
        );
    }
  }

  /** Places o (with its chain when operations follow it within a maximum lag) into `out`, at `position`. */
  private placeOne(o: number, alt: Int32Array, out: Schedule, position: number): void {
    const { cp, state, best } = this;
    const next = cp.jobNext[o]!;
    if (next >= 0 && cp.lagTail[next]) {
      const failed = this.chains.place(o, alt, out, state, best, position);
      if (failed >= 0 && out.failed < 0) {
        out.failed = failed;
        out.failedLag = this.chains.failedLag;
      }
      return;
    }
    if (!placeAllowed(cp, o, alt, out, state, best)) {
      if (out.failed < 0) out.failed = o;
    } else if (!best.lagOk && out.failed < 0) {
      // Bound by a maximum lag to a pinned predecessor: no delay can help.
      out.failed = o;
      out.failedLag = true;
    }
    commit(cp, o, best, out, state, position);
  }
}
