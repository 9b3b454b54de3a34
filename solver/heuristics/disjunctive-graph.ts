// The disjunctive graph of a (flexible) job shop for local search: job arcs are fixed, machine arcs come from
// the current sequences (doubly linked lists), and every operation has a head (earliest start) and a tail
// (longest path from its end to the sink). All state lives in typed arrays that are reused between moves.
import type { CompiledShop } from '../shop/compiled.js';
import type { ShopSolution } from '../shop/solution.js';

export class DisjunctiveGraph {
  readonly n: number;
  readonly m: number;
  /** Chosen alternative, machine and duration per operation. */
  readonly alt: Int32Array;
  readonly mach: Int32Array;
  readonly dur: Float64Array;
  /** Machine sequences as linked lists. */
  readonly mPrev: Int32Array;
  readonly mNext: Int32Array;
  readonly mFirst: Int32Array;
  readonly mLast: Int32Array;
  /** Earliest start and tail (longest path after the operation's end) per operation. */
  readonly head: Float64Array;
  readonly tail: Float64Array;
  /** A topological order of the current graph, valid after `evaluate()` returned true. */
  readonly topo: Int32Array;
  makespan = 0;
  private readonly indegree: Int32Array;

  constructor(readonly shop: CompiledShop) {
    const { n, m } = shop;
    this.n = n;
    this.m = m;
    this.alt = new Int32Array(n);
    this.mach = new Int32Array(n);
    this.dur = new Float64Array(n);
    this.mPrev = new Int32Array(n).fill(-1);
    this.mNext = new Int32Array(n).fill(-1);
    this.mFirst = new Int32Array(m).fill(-1);
    this.mLast = new Int32Array(m).fill(-1);
    this.head = new Float64Array(n);
    this.tail = new Float64Array(n);
    this.topo = new Int32Array(n);
    this.indegree = new Int32Array(n);
  }

  load(solution: ShopSolution): void {
    this.mPrev.fill(-1);
    this.mNext.fill(-1);
    this.mFirst.fill(-1);
    this.mLast.fill(-1);
    for (let o = 0; o < this.n; o++) this.setAlternative(o, solution.alt[o]!);
    solution.sequences.forEach((seq, mc) => {
      for (let i = 0; i < seq.length; i++) {
        const o = seq[i]!;
        this.mPrev[o] = i > 0 ? seq[i - 1]! : -1;
        this.mNext[o] = i + 1 < seq.length ? seq[i + 1]! : -1;
      }
      this.mFirst[mc] = seq.length > 0 ? seq[0]! : -1;
      this.mLast[mc] = seq.length > 0 ? seq[seq.length - 1]! : -1;
    });
  }

  setAlternative(o: number, a: number): void {
    this.alt[o] = a;
    this.mach[o] = this.shop.altMachine[a]!;
    this.dur[o] = this.shop.altDuration[a]!;
  }

  toSolution(): ShopSolution {
    const sequences: number[][] = [];
    for (let mc = 0; mc < this.m; mc++) {
      const seq: number[] = [];
      for (let o = this.mFirst[mc]!; o >= 0; o = this.mNext[o]!) seq.push(o);
      sequences.push(seq);
    }
    return { alt: Array.from(this.alt), sequences };
  }

  /** Heads, tails and makespan from scratch (Kahn's order). False when the machine arcs close a cycle. */
  evaluate(): boolean {
    const { n, shop, mPrev, mNext, head, tail, topo, dur, indegree } = this;
    const { jobPrev, jobNext, release } = shop;
    let size = 0;
    for (let o = 0; o < n; o++) {
      const d = (jobPrev[o]! >= 0 ? 1 : 0) + (mPrev[o]! >= 0 ? 1 : 0);
      indegree[o] = d;
      if (d === 0) topo[size++] = o;
    }
    let makespan = 0;
    for (let i = 0; i < size; i++) {
      const o = topo[i]!;
      const jp = jobPrev[o]!;
      const mp = mPrev[o]!;
      let h = release[o]!;
      if (jp >= 0) {
        const e = head[jp]! + dur[jp]!;
        if (e > h) h = e;
      }
      if (mp >= 0) {
        const e = head[mp]! + dur[mp]!;
        if (e > h) h = e;
      }
      head[o] = h;
      if (h + dur[o]! > makespan) makespan = h + dur[o]!;
      const jn = jobNext[o]!;
      if (jn >= 0 && --indegree[jn]! === 0) topo[size++] = jn;
      const mn = mNext[o]!;
      if (mn >= 0 && --indegree[mn]! === 0) topo[size++] = mn;
    }
    if (size !== n) return false;
    for (let i = n - 1; i >= 0; i--) {
      const o = topo[i]!;
      const jn = jobNext[o]!;
      const mn = mNext[o]!;
      let t = 0;
      if (jn >= 0) t = tail[jn]! + dur[jn]!;
      if (mn >= 0) {
        const e = tail[mn]! + dur[mn]!;
        if (e > t) t = e;
      }
      tail[o] = t;
    }
    this.makespan = makespan;
    return true;
  }

  /** Take `o` out of its machine's sequence. */
  unlink(o: number): void {
    const p = this.mPrev[o]!;
    const q = this.mNext[o]!;
    const mc = this.mach[o]!;
    if (p >= 0) this.mNext[p] = q;
    else this.mFirst[mc] = q;
    if (q >= 0) this.mPrev[q] = p;
    else this.mLast[mc] = p;
    this.mPrev[o] = -1;
    this.mNext[o] = -1;
  }

  /** Put `o` (unlinked, already on machine `mach[o]`) right after `x`, or first when `x` is -1. */
  insertAfter(o: number, x: number): void {
    const mc = this.mach[o]!;
    const q = x >= 0 ? this.mNext[x]! : this.mFirst[mc]!;
    this.mPrev[o] = x;
    this.mNext[o] = q;
    if (x >= 0) this.mNext[x] = o;
    else this.mFirst[mc] = o;
    if (q >= 0) this.mPrev[q] = o;
    else this.mLast[mc] = o;
  }
}
