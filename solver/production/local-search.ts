// A seeded local search over encodings (decode.ts) under any objective (objectives.ts): moves shift an
// operation within its job's window of the priority list (biased towards late orders moving earlier), or give
// it another machine; a candidate is decoded from the first position the move touched (checkpoints), and
// accepted by late acceptance hill climbing. Anytime: `best()` at any moment. The same seed and the same
// number of iterations give the same trajectory; a time budget only decides when to stop.
import { FastRandom } from '../heuristics/fast-random.js';
import type { CompiledProduction } from './compiled.js';
import { Decoder, placedFrom, Schedule, type Encoding } from './decode.js';
import {
  compareKeys,
  evaluate,
  keyLength,
  newValues,
  objectiveKey,
  type ObjectiveSpec,
  type ObjectiveValues,
  type StabilityReference,
} from './objectives.js';

export interface LocalSearchOptions {
  seed: number;
  objective: ObjectiveSpec;
  reference?: StabilityReference | undefined;
  /** Positions an operation may shift in one move. */
  window?: number;
  /** Late acceptance history length. */
  history?: number;
}

const DEFAULT_WINDOW = 40;
const DEFAULT_HISTORY = 60;

export class LocalSearch {
  private readonly rng: FastRandom;
  private readonly decoder: Decoder;
  private readonly enc: Encoding;
  private current: Schedule;
  private candidate: Schedule;
  private readonly bestEnc: Encoding;
  private readonly bestSchedule: Schedule;
  private readonly pos: Int32Array;
  private readonly values = newValues();
  private readonly currentKey: Float64Array;
  private readonly candidateKey: Float64Array;
  private readonly bestKey: Float64Array;
  /** Late acceptance: the current key of the last `historyLength` iterations, one slot per iteration mod length. */
  private readonly history: Float64Array[];
  private readonly historyLength: number;
  private readonly window: number;
  private readonly flexibleOps: Int32Array;
  iterations = 0;
  /** Iteration at which the best last improved. */
  bestIteration = 0;

  constructor(
    private readonly cp: CompiledProduction,
    start: Encoding,
    private readonly options: LocalSearchOptions,
  ) {
    this.rng = new FastRandom(options.seed, 7);
    this.decoder = new Decoder(cp);
    this.enc = { order: Int32Array.from(start.order), alt: Int32Array.from(start.alt) };
    this.bestEnc = { order: Int32Array.from(start.order), alt: Int32Array.from(start.alt) };
    this.current = new Schedule(cp);
    this.candidate = new Schedule(cp);
    this.bestSchedule = new Schedule(cp);
    this.pos = new Int32Array(cp.n).fill(-1);
    for (let i = 0; i < this.enc.order.length; i++) this.pos[this.enc.order[i]!] = i;
    const len = keyLength(options.objective);
    this.currentKey = new Float64Array(len);
    this.candidateKey = new Float64Array(len);
    this.bestKey = new Float64Array(len);
    this.historyLength = options.history ?? DEFAULT_HISTORY;
    this.window = options.window ?? DEFAULT_WINDOW;
    this.history = Array.from({ length: this.historyLength }, () => new Float64Array(len));
    const flexible: number[] = [];
    for (let i = 0; i < cp.free.length; i++) {
      const o = cp.free[i]!;
      if (cp.altStart[o + 1]! - cp.altStart[o]! > 1) flexible.push(o);
    }
    this.flexibleOps = Int32Array.from(flexible);
    this.decoder.decode(this.enc, this.current);
    this.score(this.current, this.currentKey);
    this.bestKey.set(this.currentKey);
    this.bestSchedule.copyFrom(this.current);
    for (const slot of this.history) slot.set(this.currentKey);
  }

  private score(s: Schedule, key: Float64Array): void {
    if (s.failed >= 0) {
      key.fill(Infinity);
      return;
    }
    evaluate(this.cp, s, this.options.reference, this.values);
    objectiveKey(this.options.objective, this.values, key);
  }

  /** Position range in which free operation o may sit: after its job predecessor (lowest) … */
  private lowest(o: number): number {
    const prev = this.cp.jobPrev[o]!;
    return prev >= 0 && this.pos[prev]! >= 0 ? this.pos[prev]! + 1 : 0;
  }

  /** … and before its successor (highest). */
  private highest(o: number): number {
    const next = this.cp.jobNext[o]!;
    return next >= 0 && this.pos[next]! >= 0 ? this.pos[next]! - 1 : this.enc.order.length - 1;
  }

  /** Moves the operation at position i to position k, shifting the ones between. */
  private shift(i: number, k: number): void {
    const { order } = this.enc;
    const o = order[i]!;
    if (k < i) for (let p = i; p > k; p--) this.pos[(order[p] = order[p - 1]!)] = p;
    else for (let p = i; p < k; p++) this.pos[(order[p] = order[p + 1]!)] = p;
    order[k] = o;
    this.pos[o] = k;
  }

  /** A free operation of a late order (several tries), else -1. */
  private lateOperation(): number {
    const cp = this.cp;
    for (let tries = 0; tries < 6; tries++) {
      const j = this.rng.int(cp.jobCount);
      const last = cp.jobStart[j + 1]! - 1;
      if (last < cp.jobStart[j]! || !(this.current.end[last]! > cp.due[j]!)) continue;
      const first = cp.jobStart[j]!;
      const o = first + this.rng.int(last - first + 1);
      if (!cp.pinned[o]) return o;
    }
    return -1;
  }

  /** Advances by `iterations` moves. */
  run(iterations: number): void {
    const { cp, rng, enc } = this;
    const size = enc.order.length;
    if (size < 2 && this.flexibleOps.length === 0) {
      this.iterations += iterations;
      return;
    }
    for (let it = 0; it < iterations; it++) {
      this.iterations++;
      let from: number;
      // The move to undo on rejection: an alternative change (altOp ≥ 0) or a shift from → to.
      let altOp = -1;
      let altBefore = -1;
      let shiftedFrom = 0;
      let shiftedTo = 0;
      const r = rng.next();
      if (r < 0.15 && this.flexibleOps.length > 0) {
        const o = this.flexibleOps[rng.int(this.flexibleOps.length)]!;
        const a0 = cp.altStart[o]!;
        const count = cp.altStart[o + 1]! - a0;
        const before = enc.alt[o]!;
        let next = a0 + rng.int(count);
        if (next === this.current.alt[o]) next = a0 + ((next - a0 + 1) % count);
        enc.alt[o] = next;
        from = placedFrom(cp, o, this.pos);
        altOp = o;
        altBefore = before;
      } else {
        if (size < 2) continue;
        let o = r < 0.55 ? this.lateOperation() : -1;
        const towardsEarlier = o >= 0;
        if (o < 0) o = enc.order[rng.int(size)]!;
        const i = this.pos[o]!;
        const a = Math.max(this.lowest(o), i - this.window);
        const b = towardsEarlier ? i - 1 : Math.min(this.highest(o), i + this.window);
        if (b < a || (a === i && b === i)) continue;
        let k = a + rng.int(b - a + 1);
        if (k === i) k = k < b ? k + 1 : k - 1;
        this.shift(i, k);
        from = Math.min(i, k);
        shiftedFrom = i;
        shiftedTo = k;
      }
      this.decoder.decode(enc, this.candidate, this.current, from);
      this.score(this.candidate, this.candidateKey);
      const history = this.history[this.iterations % this.historyLength]!;
      if (
        compareKeys(this.candidateKey, this.currentKey) <= 0 ||
        compareKeys(this.candidateKey, history) < 0
      ) {
        const swap = this.current;
        this.current = this.candidate;
        this.candidate = swap;
        this.currentKey.set(this.candidateKey);
        if (compareKeys(this.currentKey, this.bestKey) < 0) {
          this.bestKey.set(this.currentKey);
          this.bestEnc.order.set(enc.order);
          this.bestEnc.alt.set(enc.alt);
          this.bestSchedule.copyFrom(this.current);
          this.bestIteration = this.iterations;
        }
      } else if (altOp >= 0) enc.alt[altOp] = altBefore;
      else this.shift(shiftedTo, shiftedFrom);
      if (compareKeys(this.currentKey, history) < 0) history.set(this.currentKey);
    }
  }

  /**
   * Takes an encoding found outside the moves (a MILP neighbourhood's proposal): it becomes the current one,
   * and the best, when it beats the best. Returns whether it did.
   */
  adopt(proposal: Encoding): boolean {
    this.decoder.decode(proposal, this.candidate);
    this.score(this.candidate, this.candidateKey);
    if (compareKeys(this.candidateKey, this.bestKey) >= 0) return false;
    this.enc.order.set(proposal.order);
    this.enc.alt.set(proposal.alt);
    for (let i = 0; i < this.enc.order.length; i++) this.pos[this.enc.order[i]!] = i;
    const swap = this.current;
    this.current = this.candidate;
    this.candidate = swap;
    this.currentKey.set(this.candidateKey);
    this.bestKey.set(this.currentKey);
    this.bestEnc.order.set(this.enc.order);
    this.bestEnc.alt.set(this.enc.alt);
    this.bestSchedule.copyFrom(this.current);
    this.bestIteration = this.iterations;
    return true;
  }

  best(): { encoding: Encoding; schedule: Schedule; values: ObjectiveValues; key: Float64Array } {
    const values = evaluate(this.cp, this.bestSchedule, this.options.reference);
    return { encoding: this.bestEnc, schedule: this.bestSchedule, values, key: this.bestKey };
  }
}
