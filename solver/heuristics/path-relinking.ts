// Path relinking between two job-shop solutions (after Peng, Lü & Cheng 2015): walk from one solution towards
// another one machine position at a time and keep the best solution met in the middle of the walk. It mixes
// the machine orders two good solutions agree on with a fresh combination of those they disagree on, a start
// for the tabu search that is neither a copy of a known solution nor a random one.
import type { ShopSolution } from '../shop/solution.js';
import type { DisjunctiveGraph } from './disjunctive-graph.js';
import type { FastRandom } from './fast-random.js';

function differingPositions(a: readonly number[], b: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

export class PathRelinker {
  private readonly diff: Int32Array;
  private readonly candidates: Int32Array;

  constructor(private readonly g: DisjunctiveGraph) {
    this.diff = new Int32Array(g.m);
    this.candidates = new Int32Array(g.m);
  }

  /** Machine positions where two solutions of the same shop order their operations differently. */
  static distance(a: ShopSolution, b: ShopSolution): number {
    let d = 0;
    a.sequences.forEach((seq, mc) => (d += differingPositions(seq, b.sequences[mc]!)));
    return d;
  }

  /**
   * Load `from` into the graph and walk towards `to` (same machine assignment): each step takes a machine
   * where the orders differ and moves the operation `to` has at the first differing position there (a step
   * that would close a cycle is tried on another machine). Returns the best solution whose distance to both
   * ends is at least `margin` times theirs, or undefined when there is none (the two are too close).
   * The graph is left in an unspecified state.
   */
  relink(from: ShopSolution, to: ShopSolution, rng: FastRandom, margin: number): ShopSolution | undefined {
    const g = this.g;
    const { diff, candidates } = this;
    g.load(from);
    let total = 0;
    for (let mc = 0; mc < g.m; mc++) {
      diff[mc] = differingPositions(from.sequences[mc]!, to.sequences[mc]!);
      total += diff[mc]!;
    }
    const low = Math.ceil(total * margin);
    const high = total - low;
    if (high < low || high <= 0) return undefined;
    let left = total;
    let best: ShopSolution | undefined;
    let bestMakespan = Infinity;
    while (left > low) {
      let count = 0;
      for (let mc = 0; mc < g.m; mc++) if (diff[mc]! > 0) candidates[count++] = mc;
      let moved = false;
      while (count > 0 && !moved) {
        const k = rng.int(count);
        const mc = candidates[k]!;
        candidates[k] = candidates[--count]!;
        moved = this.step(mc, to.sequences[mc]!);
        if (moved) {
          left -= diff[mc]!;
          diff[mc] = this.machineDistance(mc, to.sequences[mc]!);
          left += diff[mc]!;
        }
      }
      if (!moved) break;
      if (left > high) continue;
      if (g.makespan < bestMakespan) {
        bestMakespan = g.makespan;
        best = g.toSolution();
      }
    }
    return best;
  }

  private machineDistance(mc: number, target: readonly number[]): number {
    const g = this.g;
    let d = 0;
    let i = 0;
    for (let o = g.mFirst[mc]!; o >= 0; o = g.mNext[o]!) if (o !== target[i++]) d++;
    return d;
  }

  /** Move the target's operation at the first differing position of machine `mc` there; false on a cycle. */
  private step(mc: number, target: readonly number[]): boolean {
    const g = this.g;
    let i = 0;
    let y = g.mFirst[mc]!;
    while (y >= 0 && y === target[i]) {
      y = g.mNext[y]!;
      i++;
    }
    if (y < 0) return false;
    const x = target[i]!;
    const oldPrev = g.mPrev[x]!;
    g.unlink(x);
    g.insertAfter(x, g.mPrev[y]!);
    if (g.evaluate()) return true;
    // Back to the previous solution; its makespan is still in g.makespan (a failed evaluation leaves it).
    g.unlink(x);
    g.insertAfter(x, oldPrev);
    return false;
  }
}
