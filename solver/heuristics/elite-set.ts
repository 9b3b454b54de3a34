// The few best distinct solutions seen, as restart points for the search.
import type { ShopSolution } from '../shop/solution.js';
import type { DisjunctiveGraph } from './disjunctive-graph.js';
import type { FastRandom } from './fast-random.js';

interface Entry {
  makespan: number;
  hash: number;
  solution: ShopSolution;
}

/** FNV-1a over the machine sequences and the machine choice: tells distinct solutions apart cheaply. */
function fingerprint(g: DisjunctiveGraph): number {
  let h = 0x811c9dc5;
  for (let mc = 0; mc < g.m; mc++) {
    for (let o = g.mFirst[mc]!; o >= 0; o = g.mNext[o]!) h = Math.imul(h ^ o, 0x01000193);
    h = Math.imul(h ^ 0xffff, 0x01000193);
  }
  return h >>> 0;
}

export class EliteSet {
  private readonly entries: Entry[] = [];

  constructor(private readonly capacity: number) {}

  /** Keep the graph's current solution if it is among the best distinct ones. */
  offer(makespan: number, g: DisjunctiveGraph): void {
    const worst = this.entries[this.entries.length - 1];
    if (this.entries.length >= this.capacity && worst !== undefined && makespan >= worst.makespan) return;
    const hash = fingerprint(g);
    if (this.entries.some((e) => e.hash === hash && e.makespan === makespan)) return;
    const entry = { makespan, hash, solution: g.toSolution() };
    const at = this.entries.findIndex((e) => e.makespan > makespan);
    if (at < 0) this.entries.push(entry);
    else this.entries.splice(at, 0, entry);
    if (this.entries.length > this.capacity) this.entries.pop();
  }

  best(): ShopSolution | undefined {
    return this.entries[0]?.solution;
  }

  pick(rng: FastRandom): ShopSolution | undefined {
    return this.entries.length === 0 ? undefined : this.entries[rng.int(this.entries.length)]!.solution;
  }
}
