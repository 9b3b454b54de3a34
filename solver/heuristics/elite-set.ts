// The few best distinct solutions seen, as restart points for the search.
import type { ShopSolution } from '../shop/solution.js';
import type { DisjunctiveGraph } from './disjunctive-graph.js';
import type { FastRandom } from './fast-random.js';

interface Entry {
  makespan: number;
  hash: number;
  solution: ShopSolution;
}

// FNV-1a over the machine sequences (which sequence an operation is in is its machine choice): tells distinct
// solutions apart cheaply.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const END_OF_MACHINE = 0xffff;

function fingerprintOfGraph(g: DisjunctiveGraph): number {
  let h = FNV_OFFSET;
  for (let mc = 0; mc < g.m; mc++) {
    for (let o = g.mFirst[mc]!; o >= 0; o = g.mNext[o]!) h = Math.imul(h ^ o, FNV_PRIME);
    h = Math.imul(h ^ END_OF_MACHINE, FNV_PRIME);
  }
  return h >>> 0;
}

export class EliteSet {
  private readonly entries: Entry[] = [];

  constructor(private readonly capacity: number) {}

  /** Keep the graph's current solution if it is among the best distinct ones (copied only then). */
  offer(makespan: number, g: DisjunctiveGraph): void {
    if (this.admits(makespan)) this.insert(makespan, fingerprintOfGraph(g), () => g.toSolution());
  }

  private admits(makespan: number): boolean {
    const worst = this.entries[this.entries.length - 1];
    return this.entries.length < this.capacity || worst === undefined || makespan < worst.makespan;
  }

  private insert(makespan: number, hash: number, solution: () => ShopSolution): void {
    if (this.entries.some((e) => e.hash === hash && e.makespan === makespan)) return;
    const entry = { makespan, hash, solution: solution() };
    const at = this.entries.findIndex((e) => e.makespan > makespan);
    if (at < 0) this.entries.push(entry);
    else this.entries.splice(at, 0, entry);
    if (this.entries.length > this.capacity) this.entries.pop();
  }

  get size(): number {
    return this.entries.length;
  }

  best(): ShopSolution | undefined {
    return this.entries[0]?.solution;
  }

  pick(rng: FastRandom): ShopSolution | undefined {
    return this.entries.length === 0 ? undefined : this.entries[rng.int(this.entries.length)]!.solution;
  }
}
