// Incremental update of heads, tails and the topological order after a move, instead of a full pass.
// A move adds at most two machine arcs that run against the current topological order; for each the order
// is repaired locally (Pearce & Kelly's dynamic topological sort: only the operations between the arc's ends
// that depend on it are reordered), and a cycle is detected on the way. Heads are then recomputed forward
// from the earliest changed operation, only where a predecessor's end moved; tails likewise backward.
import type { DisjunctiveGraph } from './disjunctive-graph.js';

export class IncrementalEvaluator {
  /** Position of each operation in `g.topo`. */
  readonly pos: Int32Array;
  private readonly seen: Int32Array;
  private stamp = 0;
  private readonly forward: Int32Array;
  private readonly backward: Int32Array;
  private readonly stack: Int32Array;
  private readonly slots: Int32Array;
  private readonly headDirty: Int32Array;
  private readonly tailDirty: Int32Array;
  private readonly seedMark: Int32Array;

  constructor(private readonly g: DisjunctiveGraph) {
    const n = g.n;
    this.pos = new Int32Array(n);
    this.seen = new Int32Array(n);
    this.forward = new Int32Array(n);
    this.backward = new Int32Array(n);
    this.stack = new Int32Array(n);
    this.slots = new Int32Array(n);
    this.headDirty = new Int32Array(n);
    this.tailDirty = new Int32Array(n);
    this.seedMark = new Int32Array(n);
  }

  /** Full evaluation; afterwards incremental updates may follow. */
  evaluate(): boolean {
    if (!this.g.evaluate()) return false;
    this.syncPositions();
    return true;
  }

  private syncPositions(): void {
    const { topo, n } = this.g;
    for (let i = 0; i < n; i++) this.pos[topo[i]!] = i;
  }

  /**
   * After the linked lists were changed by a move: `arcs` lists (from, to) machine arcs that may run against
   * the order; `headSeeds` are operations whose predecessors or duration changed, `tailSeeds` those whose
   * successors or duration changed. Returns false (state undefined: call `evaluate`) on a cycle.
   */
  update(
    arcs: Int32Array,
    arcCount: number,
    headSeeds: Int32Array,
    headCount: number,
    tailSeeds: Int32Array,
    tailCount: number,
  ): boolean {
    for (let a = 0; a < arcCount; a++) {
      if (!this.repairOrder(arcs[2 * a]!, arcs[2 * a + 1]!)) return false;
    }
    this.updateHeads(headSeeds, headCount);
    this.updateTails(tailSeeds, tailCount);
    return true;
  }

  /** Compares the incremental state with a full recomputation (tests turn this on). */
  selfCheck(): void {
    const g = this.g;
    const head = Float64Array.from(g.head);
    const tail = Float64Array.from(g.tail);
    const makespan = g.makespan;
    const pos = this.pos;
    for (let o = 0; o < g.n; o++) {
      const jn = g.shop.jobNext[o]!;
      const mn = g.mNext[o]!;
      if ((jn >= 0 && pos[jn]! <= pos[o]!) || (mn >= 0 && pos[mn]! <= pos[o]!)) {
        throw new Error(`self-check: the order puts a successor of operation ${o} before it`);
      }
    }
    if (!this.evaluate()) throw new Error('self-check: the graph has a cycle');
    for (let o = 0; o < g.n; o++) {
      if (head[o] !== g.head[o] || tail[o] !== g.tail[o]) {
        throw new Error(
          `self-check: operation ${o} head ${head[o]} / ${g.head[o]}, tail ${tail[o]} / ${g.tail[o]}`,
        );
      }
    }
    if (makespan !== g.makespan) throw new Error(`self-check: makespan ${makespan} / ${g.makespan}`);
  }

  /** Make `from` precede `to` in the order, moving only the operations between them that must move. */
  private repairOrder(from: number, to: number): boolean {
    const { pos, seen, forward, backward, stack } = this;
    const g = this.g;
    const { jobNext, jobPrev } = g.shop;
    const lower = pos[to]!;
    const upper = pos[from]!;
    if (upper < lower) return true;
    const mark = ++this.stamp;
    // Operations reachable from `to` up to `from`'s position; reaching `from` closes a cycle.
    let nf = 0;
    let top = 0;
    stack[top++] = to;
    seen[to] = mark;
    while (top > 0) {
      const o = stack[--top]!;
      forward[nf++] = o;
      const jn = jobNext[o]!;
      const mn = g.mNext[o]!;
      if (jn === from || mn === from) return false;
      if (jn >= 0 && seen[jn] !== mark && pos[jn]! < upper) {
        seen[jn] = mark;
        stack[top++] = jn;
      }
      if (mn >= 0 && seen[mn] !== mark && pos[mn]! < upper) {
        seen[mn] = mark;
        stack[top++] = mn;
      }
    }
    // Operations that reach `from`, down to `to`'s position.
    let nb = 0;
    stack[top++] = from;
    seen[from] = mark;
    while (top > 0) {
      const o = stack[--top]!;
      backward[nb++] = o;
      const jp = jobPrev[o]!;
      const mp = g.mPrev[o]!;
      if (jp >= 0 && seen[jp] !== mark && pos[jp]! > lower) {
        seen[jp] = mark;
        stack[top++] = jp;
      }
      if (mp >= 0 && seen[mp] !== mark && pos[mp]! > lower) {
        seen[mp] = mark;
        stack[top++] = mp;
      }
    }
    const byPos = (a: number, b: number) => pos[a]! - pos[b]!;
    const fw = forward.subarray(0, nf).sort(byPos);
    const bw = backward.subarray(0, nb).sort(byPos);
    // The freed positions, in order, take first the backward set then the forward set.
    const slots = this.slots;
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < nb || j < nf) {
      if (j >= nf || (i < nb && pos[bw[i]!]! < pos[fw[j]!]!)) slots[k++] = pos[bw[i++]!]!;
      else slots[k++] = pos[fw[j++]!]!;
    }
    k = 0;
    for (i = 0; i < nb; i++) this.place(bw[i]!, slots[k++]!);
    for (j = 0; j < nf; j++) this.place(fw[j]!, slots[k++]!);
    return true;
  }

  private place(o: number, at: number): void {
    this.pos[o] = at;
    this.g.topo[at] = o;
  }

  private updateHeads(seeds: Int32Array, count: number): void {
    const g = this.g;
    const { head, dur, topo, mPrev, n } = g;
    const { jobPrev, release, jobStart, jobCount } = g.shop;
    const dirty = this.headDirty;
    const mark = ++this.stamp;
    let from = n;
    for (let s = 0; s < count; s++) {
      const o = seeds[s]!;
      dirty[o] = mark;
      this.seedMark[o] = mark;
      if (this.pos[o]! < from) from = this.pos[o]!;
    }
    for (let i = from; i < n; i++) {
      const o = topo[i]!;
      if (dirty[o] !== mark) continue;
      const jp = jobPrev[o]!;
      const mp = mPrev[o]!;
      let h = release[o]!;
      if (jp >= 0 && head[jp]! + dur[jp]! > h) h = head[jp]! + dur[jp]!;
      if (mp >= 0 && head[mp]! + dur[mp]! > h) h = head[mp]! + dur[mp]!;
      // Successors need a look when this end moved; a seed's duration may have changed, so always for seeds.
      if (h === head[o] && this.seedMark[o] !== mark) continue;
      head[o] = h;
      const jn = g.shop.jobNext[o]!;
      const mn = g.mNext[o]!;
      if (jn >= 0) dirty[jn] = mark;
      if (mn >= 0) dirty[mn] = mark;
    }
    let makespan = 0;
    for (let j = 0; j < jobCount; j++) {
      const last = jobStart[j + 1]! - 1;
      if (last >= jobStart[j]! && head[last]! + dur[last]! > makespan) makespan = head[last]! + dur[last]!;
    }
    g.makespan = makespan;
  }

  private updateTails(seeds: Int32Array, count: number): void {
    const g = this.g;
    const { tail, dur, topo, mNext } = g;
    const { jobNext } = g.shop;
    const dirty = this.tailDirty;
    const mark = ++this.stamp;
    let from = -1;
    for (let s = 0; s < count; s++) {
      const o = seeds[s]!;
      dirty[o] = mark;
      this.seedMark[o] = mark;
      if (this.pos[o]! > from) from = this.pos[o]!;
    }
    for (let i = from; i >= 0; i--) {
      const o = topo[i]!;
      if (dirty[o] !== mark) continue;
      const jn = jobNext[o]!;
      const mn = mNext[o]!;
      let t = 0;
      if (jn >= 0) t = tail[jn]! + dur[jn]!;
      if (mn >= 0 && tail[mn]! + dur[mn]! > t) t = tail[mn]! + dur[mn]!;
      if (t === tail[o] && this.seedMark[o] !== mark) continue;
      tail[o] = t;
      const jp = g.shop.jobPrev[o]!;
      const mp = g.mPrev[o]!;
      if (jp >= 0) dirty[jp] = mark;
      if (mp >= 0) dirty[mp] = mark;
    }
  }
}
