// Batches on batch machines while decoding. Each station keeps the group it ran last, the only one a lot may
// still join: same batch family and setup family, units within maxUnits, the lot ready by the group's setup
// start (the simulation following a plan starts a group once all its lots are there, at its planned setup
// start), its maximum lag met at the group's start. The group's cycle is its longest member's work: a longer
// joiner lengthens it only while no member's successor is placed yet (`sealed`), so nothing already placed
// moves; the group's start and setup never change. Arrays, no allocation per operation.
import type { CompiledProduction } from './compiled.js';
import { place, type Placement } from './placement.js';

/** Saved group states of stations, one per slot: a decode's checkpoints, a lag chain's undo log. */
export class GroupLog {
  readonly leader: Int32Array;
  readonly last: Int32Array;
  readonly units: Float64Array;
  readonly work: Float64Array;
  readonly sealed: Uint8Array;

  constructor(slots: number) {
    this.leader = new Int32Array(slots);
    this.last = new Int32Array(slots);
    this.units = new Float64Array(slots);
    this.work = new Float64Array(slots);
    this.sealed = new Uint8Array(slots);
  }

  /** Copies the whole of `from` (a log, or a BatchGroups' stations) to slots `at` on. */
  setAll(from: GroupLog | BatchGroups, at = 0): void {
    this.leader.set(from.leader, at);
    this.last.set(from.last, at);
    this.units.set(from.units, at);
    this.work.set(from.work, at);
    this.sealed.set(from.sealed, at);
  }
}

export class BatchGroups {
  /** Per station: the first operation of its last group (-1 when that cannot be joined), the group's last
   * member, its units, its cycle (longest work), and 1 once a member's successor is placed. */
  readonly leader: Int32Array;
  readonly last: Int32Array;
  readonly units: Float64Array;
  readonly work: Float64Array;
  readonly sealed: Uint8Array;
  /** Inputs of `joinEnd` from the caller's loop: [ready, predecessor's end] (arrays, not arguments, so that
   * no float is boxed per call). */
  readonly scratch = new Float64Array(2);
  /** Per operation: its group's first operation (-1 off batch machines) and the next member (-1: last). */
  readonly group: Int32Array;
  readonly next: Int32Array;
  /** The per-station states at each checkpoint (decode.ts), `stations` slots per checkpoint. */
  private readonly checkpoints: GroupLog;

  constructor(
    private readonly stations: number,
    n: number,
    checkpoints: number,
  ) {
    this.leader = new Int32Array(stations).fill(-1);
    this.last = new Int32Array(stations).fill(-1);
    this.units = new Float64Array(stations);
    this.work = new Float64Array(stations);
    this.sealed = new Uint8Array(stations);
    this.group = new Int32Array(n).fill(-1);
    this.next = new Int32Array(n).fill(-1);
    this.checkpoints = new GroupLog(checkpoints * stations);
  }

  copyFrom(other: BatchGroups): void {
    this.leader.set(other.leader);
    this.last.set(other.last);
    this.units.set(other.units);
    this.work.set(other.work);
    this.sealed.set(other.sealed);
    this.group.set(other.group);
    this.next.set(other.next);
    this.checkpoints.setAll(other.checkpoints);
  }

  /** Saves station st's state in slot i of `log`. */
  stash(st: number, log: GroupLog, i: number): void {
    log.leader[i] = this.leader[st]!;
    log.last[i] = this.last[st]!;
    log.units[i] = this.units[st]!;
    log.work[i] = this.work[st]!;
    log.sealed[i] = this.sealed[st]!;
  }

  /** No joinable group anywhere (before the pins). */
  reset(): void {
    this.leader.fill(-1);
    this.last.fill(-1);
    this.sealed.fill(0);
  }

  save(ck: number): void {
    this.checkpoints.setAll(this, ck * this.stations);
  }

  /** Back to checkpoint `ck`; `free` already restored, `end` holds the times of a later decode. */
  restore(ck: number, free: Float64Array, end: Float64Array): void {
    const at = ck * this.stations;
    for (let st = 0; st < this.stations; st++) this.unstash(st, this.checkpoints, at + st, free[st]!, end);
  }

  /**
   * Station st back to slot i of `log`; the members up to its `last` get the group's end back (a later joiner
   * may have lengthened it) and lose the members appended after `last`.
   */
  unstash(st: number, log: GroupLog, i: number, groupEnd: number, end: Float64Array): void {
    const leader = log.leader[i]!;
    const last = log.last[i]!;
    this.leader[st] = leader;
    this.last[st] = last;
    this.units[st] = log.units[i]!;
    this.work[st] = log.work[i]!;
    this.sealed[st] = log.sealed[i]!;
    if (leader < 0) return;
    for (let o = leader; o >= 0 && o !== last; o = this.next[o]!) end[o] = groupEnd;
    end[last] = groupEnd;
    this.next[last] = -1;
  }

  /**
   * Whether operation o (alternative a; ready at `scratch[0]`, its job predecessor ending at `scratch[1]`,
   * -Infinity without one) may join the group of station `st`; if so its setup start, start and end go to
   * `p`. `free[st]` is the group's end.
   */
  joinEnd(
    cp: CompiledProduction,
    o: number,
    a: number,
    st: number,
    s: { readonly start: Float64Array; readonly setupStart: Float64Array },
    free: Float64Array,
    p: Placement,
  ): boolean {
    const leader = this.leader[st]!;
    if (leader < 0) return false;
    const k = cp.stationMachine[st]!;
    const fam = cp.batchFamily[o]!;
    if (fam < 0 || cp.batchFamily[leader] !== fam || cp.family[leader] !== cp.family[o]) return false;
    if (this.units[st]! + cp.units[o]! > cp.batchMax[k]!) return false;
    const groupSetupStart = s.setupStart[leader]!;
    const groupStart = s.start[leader]!;
    if (this.scratch[0]! > groupSetupStart) return false;
    const prevEnd = this.scratch[1]!;
    if (prevEnd > -Infinity && groupStart - prevEnd > cp.maxLag[o]!) return false;
    const work = cp.altWork[a]!;
    let end = free[st]!;
    if (work > this.work[st]!) {
      if (this.sealed[st]) return false;
      place(cp.open[k]!, cp.mayPause[k] === 1, groupStart, 0, work, p);
      if (p.start !== groupStart) return false;
      end = p.end;
    }
    p.setupStart = groupSetupStart;
    p.start = groupStart;
    p.end = end;
    return true;
  }

  /** o opens a group on station st (joinable when it has a batch family on a batch machine). */
  open(cp: CompiledProduction, o: number, st: number, alt: number): void {
    const work = alt >= 0 ? cp.altWork[alt]! : 0;
    const batch = cp.batchMax[cp.stationMachine[st]!]! > 0;
    this.group[o] = batch ? o : -1;
    this.next[o] = -1;
    this.leader[st] = batch && cp.batchFamily[o]! >= 0 ? o : -1;
    this.last[st] = o;
    this.units[st] = cp.units[o]!;
    this.work[st] = work;
    this.sealed[st] = 0;
  }

  /** o (alternative alt) joins the group of station st, which now ends at `end[o]` (so every member does). */
  join(cp: CompiledProduction, o: number, st: number, alt: number, end: Float64Array): void {
    const leader = this.leader[st]!;
    const work = cp.altWork[alt]!;
    const groupEnd = end[o]!;
    this.group[o] = leader;
    this.next[this.last[st]!] = o;
    this.next[o] = -1;
    this.last[st] = o;
    this.units[st] = this.units[st]! + cp.units[o]!;
    this.work[st] = Math.max(this.work[st]!, work);
    for (let m = leader; m >= 0; m = this.next[m]!) end[m] = groupEnd;
  }

  /**
   * A pinned operation on station st, pins in start order: it runs in the group of the pin before it when
   * that has its start and end on a batch machine (a batch running or frozen); pinned groups take no lot.
   */
  pin(
    cp: CompiledProduction,
    o: number,
    st: number,
    start: number,
    end: number,
    ends: Float64Array,
  ): boolean {
    const before = this.last[st]!;
    const batch = cp.batchMax[cp.stationMachine[st]!]! > 0;
    const shared =
      batch &&
      before >= 0 &&
      cp.pinStart[before] === start &&
      ends[before] === end &&
      this.group[before]! >= 0;
    this.group[o] = !batch ? -1 : shared ? this.group[before]! : o;
    this.next[o] = -1;
    if (shared) this.next[before] = o;
    this.last[st] = o;
    this.leader[st] = -1;
    return shared;
  }

  /** A successor of o is being placed: o's group, if still the last on its station, may no longer grow. */
  seal(o: number, st: number): void {
    const g = this.group[o]!;
    if (g >= 0 && this.leader[st] === g) this.sealed[st] = 1;
  }
}
