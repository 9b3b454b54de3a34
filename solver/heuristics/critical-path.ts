// One critical path of the disjunctive graph (ties broken at random, so repeated calls see different ones)
// and its blocks: maximal runs of consecutive path operations on one machine, linked by machine arcs.
import type { DisjunctiveGraph } from './disjunctive-graph.js';
import type { FastRandom } from './fast-random.js';

export class CriticalPath {
  /** Operations of the path from source to sink. */
  readonly ops: Int32Array;
  length = 0;
  /** Block b covers `ops[blockStart[b]] .. ops[blockStart[b] + blockLength[b] - 1]`. */
  readonly blockStart: Int32Array;
  readonly blockLength: Int32Array;
  blocks = 0;

  constructor(n: number) {
    this.ops = new Int32Array(n);
    this.blockStart = new Int32Array(n);
    this.blockLength = new Int32Array(n);
  }

  find(g: DisjunctiveGraph, rng: FastRandom): void {
    const { head, dur, mPrev, mNext, makespan } = g;
    const jobPrev = g.shop.jobPrev;
    let last = -1;
    let ties = 0;
    for (let o = 0; o < g.n; o++) {
      if (head[o]! + dur[o]! === makespan && g.tail[o] === 0 && rng.int(++ties) === 0) last = o;
    }
    let len = 0;
    const ops = this.ops;
    for (let o = last; o >= 0;) {
      ops[len++] = o;
      const h = head[o]!;
      const jp = jobPrev[o]!;
      const mp = mPrev[o]!;
      const viaJob = jp >= 0 && head[jp]! + dur[jp]! === h;
      const viaMachine = mp >= 0 && head[mp]! + dur[mp]! === h;
      if (viaJob && viaMachine) o = rng.int(2) === 0 ? jp : mp;
      else if (viaJob) o = jp;
      else if (viaMachine) o = mp;
      else o = -1;
    }
    ops.subarray(0, len).reverse();
    this.length = len;
    let blocks = 0;
    let i = 0;
    while (i < len) {
      let j = i;
      while (j + 1 < len && mNext[ops[j]!] === ops[j + 1]) j++;
      this.blockStart[blocks] = i;
      this.blockLength[blocks] = j - i + 1;
      blocks++;
      i = j + 1;
    }
    this.blocks = blocks;
  }
}
