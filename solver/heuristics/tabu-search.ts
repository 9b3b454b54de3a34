// Tabu search on the disjunctive graph for the job shop and the flexible job shop.
// - Neighbourhood: N7-style moves on the blocks of one critical path (an inner operation to the front or the
//   end of its block, the first or last operation into the block), plus, for flexible operations on the path,
//   reassignment to another eligible machine at the best insertion position (Mastrolilli–Gambardella style).
// - Moves are ranked by an estimate of the longest path through the operations they touch, computed from
//   the current heads and tails (Balas–Vazacopoulos style), then applied and evaluated exactly.
// - Tabu attributes: the reversed pair at the ends of a move and the machine an operation left; a move that
//   would put back any tabu pair is tabu unless its estimate beats the best (aspiration).
// - After a stretch without improvement the search restarts: in a job shop from the middle of a path between
//   two good solutions of earlier rounds (relinking-restarts.ts), else from an elite solution with a random kick.
import type { CompiledShop } from '../shop/compiled.js';
import type { ShopSolution } from '../shop/solution.js';
import { CriticalPath } from './critical-path.js';
import { DisjunctiveGraph } from './disjunctive-graph.js';
import { EliteSet } from './elite-set.js';
import { IncrementalEvaluator } from './incremental.js';
import { RelinkingRestarts } from './relinking-restarts.js';
import { FastRandom } from './fast-random.js';
import { CONSTRUCTION_RULES, gifflerThompson } from './giffler-thompson.js';
import type { SearchOptions, ShopSearch } from './search.js';
import { reachesTarget } from './target.js';
import { TabuList } from './tabu-list.js';

const BEFORE = 0; // move u right before v (u was after v on the machine)
const AFTER = 1; // move u right after v (u was before v)
const REASSIGN = 2; // move u to alternative `alt`, right after v (-1: first)

/**
 * Iterations without a better solution in the round before a restart. With many jobs per machine the
 * blocks are long and improvements come further apart: on 50×10 shops a restart after 10,000 + 20·n
 * iterations threw away trajectories that were still improving, so the interval grows with the square of
 * jobs per machine; on 10×10 shops restarts still help reach the optimum (ft10, la38). Relinked starts (job
 * shops) pay off sooner than random kicks, so there the base part of a round is 0.6 times as long; the part
 * that grows with jobs per machine is not shortened (shortening it too gave swv11–15 1.66 % against 1.00 %
 * now at 60 s, docs/benchmarks.md, `npm run bench:jssp`; the older runs are in that file's history).
 */
export function restartInterval(shop: CompiledShop): number {
  const jobsPerMachine = shop.jobCount / Math.max(1, shop.m);
  const longBlocks = 20 * shop.n * (Math.max(1, jobsPerMachine * jobsPerMachine) - 1);
  const base = 10000 + 20 * shop.n;
  return Math.round((shop.flexible ? base : 0.6 * base) + longBlocks);
}

export class TabuSearch implements ShopSearch {
  iterations = 0;
  bestMakespan = Infinity;
  stagnation = 0;
  finished = false;
  /** Restarts so far, and how many of them began from a relinked start. */
  restarts = 0;
  relinkedStarts = 0;

  private readonly g: DisjunctiveGraph;
  private readonly path: CriticalPath;
  private readonly tabu: TabuList;
  private readonly elite: EliteSet;
  private readonly rng: FastRandom;
  private bestSolution!: ShopSolution; // set by the construction's first recordIfBest
  private readonly tenureMin: number;
  private readonly tenureMax: number;
  private readonly restartAfter: number;
  private sinceRestart = 0;
  /** Restart points for a job shop (undefined for a flexible one: the relinking walk keeps machines fixed). */
  private readonly relinking: RelinkingRestarts | undefined;

  // Scratch for the segment estimate.
  private readonly incremental: IncrementalEvaluator;
  private readonly arcs = new Int32Array(4);
  private readonly headSeeds = new Int32Array(4);
  private readonly tailSeeds = new Int32Array(4);
  private readonly order: Int32Array;
  private readonly mark: Int32Array;
  private readonly newHead: Float64Array;
  private readonly newTail: Float64Array;

  // The chosen move of the current iteration.
  private moveKind = -1;
  private moveU = -1;
  private moveV = -1;
  private moveAlt = -1;
  private moveEstimate = Infinity;
  private moveTies = 0;
  private fallbackKind = -1;
  private fallbackU = -1;
  private fallbackV = -1;
  private fallbackAlt = -1;
  private fallbackCount = 0;

  constructor(
    private readonly shop: CompiledShop,
    private readonly options: SearchOptions,
  ) {
    const { n, m, jobCount } = shop;
    this.rng = new FastRandom(options.seed);
    this.g = new DisjunctiveGraph(shop);
    this.incremental = new IncrementalEvaluator(this.g);
    this.path = new CriticalPath(n);
    this.tabu = new TabuList(n, m);
    this.elite = new EliteSet(8);
    this.order = new Int32Array(n);
    this.mark = new Int32Array(n).fill(-1);
    this.newHead = new Float64Array(n);
    this.newTail = new Float64Array(n);
    // Tenure after Zhang et al. (2007): L = 10 + n/m, drawn in [L, 1.4L] (n <= 2m) or [L, 1.5L].
    const base = 10 + jobCount / Math.max(1, m);
    this.tenureMin = Math.round(base);
    this.tenureMax = Math.round(base * (jobCount <= 2 * m ? 1.4 : 1.5));
    this.restartAfter = restartInterval(shop);
    this.relinking = shop.flexible ? undefined : new RelinkingRestarts(this.g);
    this.construct();
  }

  /** The best of a few Giffler–Thompson schedules (rules in turn), as the starting point. */
  private construct(): void {
    let best: ShopSolution | undefined;
    let bestMakespan = Infinity;
    for (const rule of CONSTRUCTION_RULES) {
      const solution = gifflerThompson(this.shop, rule, this.rng);
      this.g.load(solution);
      this.incremental.evaluate();
      if (this.g.makespan < bestMakespan) {
        bestMakespan = this.g.makespan;
        best = solution;
      }
    }
    this.g.load(best!);
    this.incremental.evaluate();
    this.recordIfBest();
  }

  run(iterations: number): void {
    for (let i = 0; i < iterations && !this.finished; i++) this.step();
  }

  best(): ShopSolution {
    return this.bestSolution;
  }

  adopt(solution: ShopSolution): void {
    this.relinking?.endRound();
    this.startFrom(solution, 'adopted solution');
    this.recordIfBest();
  }

  /** Continue from another solution: a new round. */
  private startFrom(solution: ShopSolution, what: string): void {
    this.g.load(solution);
    if (!this.incremental.evaluate()) throw new Error(`tabu search: the ${what} has a cycle`);
    this.sinceRestart = 0;
  }

  private recordIfBest(): boolean {
    const g = this.g;
    if (g.makespan > this.bestMakespan) return false;
    this.elite.offer(g.makespan, g); // equally good distinct solutions too: restart points
    if (g.makespan === this.bestMakespan) return false;
    this.bestMakespan = g.makespan;
    this.bestSolution = g.toSolution();
    this.stagnation = 0;
    this.sinceRestart = 0;
    const target = this.options.target;
    if (target !== undefined && reachesTarget(g.makespan, target)) this.finished = true;
    return true;
  }

  private step(): void {
    this.iterations++;
    const g = this.g;
    this.path.find(g, this.rng);
    this.scan();
    let kind = this.moveKind;
    let u = this.moveU;
    let v = this.moveV;
    let alt = this.moveAlt;
    if (kind < 0) {
      if (this.fallbackCount === 0) {
        // No move on the critical path: it is a chain of job arcs from a release, so the plan is optimal.
        this.finished = true;
        return;
      }
      kind = this.fallbackKind;
      u = this.fallbackU;
      v = this.fallbackV;
      alt = this.fallbackAlt;
    }
    this.apply(kind, u, v, alt, true);
    const improved = this.recordIfBest();
    // With relinking a round lasts while its own best improves: its start is worse than the best.
    if (this.relinking?.observe(improved ? this.bestSolution : undefined) === true) this.sinceRestart = 0;
    if (improved) return;
    this.stagnation++;
    if (++this.sinceRestart >= this.restartAfter) this.restart();
  }

  /** Restart from a relinked start, else from an elite solution (the best one half of the time) with a few random moves. */
  private restart(): void {
    this.restarts++;
    const relinked = this.relinking?.nextStart(this.rng);
    if (relinked !== undefined) this.relinkedStarts++;
    const start = relinked ?? (this.rng.int(2) === 0 ? this.elite.best() : this.elite.pick(this.rng));
    if (start === undefined) return;
    this.startFrom(start, relinked !== undefined ? 'relinked start' : 'elite solution');
    this.tabu.clear();
    // A relinked start is new already; an elite solution gets a few random moves.
    const kicks = relinked !== undefined ? 0 : 2 + this.rng.int(6);
    for (let k = 0; k < kicks; k++) {
      this.path.find(this.g, this.rng);
      this.scan();
      if (this.fallbackCount === 0) break;
      this.apply(this.fallbackKind, this.fallbackU, this.fallbackV, this.fallbackAlt, false);
    }
    this.recordIfBest();
  }

  /** Apply a move and re-evaluate; a move that closes a cycle is undone (and made tabu all the same). */
  private apply(kind: number, u: number, v: number, alt: number, markTabu: boolean): void {
    const g = this.g;
    const oldPrev = g.mPrev[u]!;
    const oldNext = g.mNext[u]!;
    const oldAlt = g.alt[u]!;
    const oldMachine = g.mach[u]!;
    if (markTabu) this.markTabu(kind, u, v);
    // New machine arcs that may run against the topological order, and where heads and tails must be redone.
    const { arcs, headSeeds, tailSeeds } = this;
    let arcCount = 0;
    let heads = 0;
    let tails = 0;
    headSeeds[heads++] = u;
    tailSeeds[tails++] = u;
    if (oldNext >= 0) headSeeds[heads++] = oldNext;
    if (oldPrev >= 0) tailSeeds[tails++] = oldPrev;
    g.unlink(u);
    if (kind === BEFORE) {
      const p = g.mPrev[v]!;
      g.insertAfter(u, p);
      arcs[arcCount * 2] = u;
      arcs[arcCount++ * 2 + 1] = v;
      headSeeds[heads++] = v;
      if (p >= 0) tailSeeds[tails++] = p;
    } else if (kind === AFTER) {
      const next = g.mNext[v]!;
      g.insertAfter(u, v);
      arcs[arcCount * 2] = v;
      arcs[arcCount++ * 2 + 1] = u;
      tailSeeds[tails++] = v;
      if (next >= 0) headSeeds[heads++] = next;
    } else {
      g.setAlternative(u, alt);
      const next = v >= 0 ? g.mNext[v]! : g.mFirst[g.mach[u]!]!;
      g.insertAfter(u, v);
      if (v >= 0) {
        arcs[arcCount * 2] = v;
        arcs[arcCount++ * 2 + 1] = u;
        tailSeeds[tails++] = v;
      }
      if (next >= 0) {
        arcs[arcCount * 2] = u;
        arcs[arcCount++ * 2 + 1] = next;
        headSeeds[heads++] = next;
      }
    }
    if (this.incremental.update(arcs, arcCount, headSeeds, heads, tailSeeds, tails)) {
      if (this.options.selfCheck === true) this.incremental.selfCheck();
      return;
    }
    g.unlink(u);
    g.setAlternative(u, oldAlt);
    g.insertAfter(u, oldPrev);
    if (g.mach[u] !== oldMachine || !this.incremental.evaluate()) {
      throw new Error('tabu search: could not undo a move');
    }
  }

  private markTabu(kind: number, u: number, v: number): void {
    const g = this.g;
    const until = this.iterations + this.rng.between(this.tenureMin, this.tenureMax);
    // Only the pair at the far end of the move is made tabu: forbidding every reversed pair of a long block
    // froze too much of the neighbourhood on 50x10 instances.
    if (kind === BEFORE) this.tabu.forbidPair(v, u, until);
    else if (kind === AFTER) this.tabu.forbidPair(u, v, until);
    else this.tabu.forbidMachine(u, g.mach[u]!, until);
  }

  /** Evaluate the neighbourhood of the current critical path; leaves the chosen move in move* fields. */
  private scan(): void {
    this.moveKind = -1;
    this.moveEstimate = Infinity;
    this.moveTies = 0;
    this.fallbackKind = -1;
    this.fallbackCount = 0;
    const { ops, blockStart, blockLength, blocks } = this.path;
    for (let b = 0; b < blocks; b++) {
      const len = blockLength[b]!;
      if (len < 2) continue;
      const s = blockStart[b]!;
      const first = ops[s]!;
      const last = ops[s + len - 1]!;
      for (let i = 1; i < len; i++) this.consider(BEFORE, ops[s + i]!, first, -1); // inner or last to the front
      for (let i = 0; i < len - 1; i++) this.consider(AFTER, ops[s + i]!, last, -1); // first or inner to the end
      for (let i = 1; i < len - 1; i++) {
        this.consider(AFTER, first, ops[s + i]!, -1); // first into the block
        this.consider(BEFORE, last, ops[s + i]!, -1); // last into the block
      }
    }
    if (this.shop.flexible) {
      for (let i = 0; i < this.path.length; i++) this.considerReassign(ops[i]!);
    }
  }

  private consider(kind: number, u: number, v: number, alt: number): void {
    const g = this.g;
    const { head, tail, dur } = g;
    const { jobPrev, jobNext } = this.shop;
    // Sufficient conditions for the move to keep the graph acyclic (Balas & Vazacopoulos 1998).
    if (kind === BEFORE) {
      const jp = jobPrev[u]!;
      if (jp >= 0 && head[jp]! + dur[jp]! > head[v]! + dur[v]!) return;
    } else {
      const jn = jobNext[u]!;
      if (jn >= 0 && tail[jn]! + dur[jn]! > tail[v]! + dur[v]!) return;
    }
    const estimate = this.estimateSequenceMove(kind, u, v);
    if (estimate === Infinity) return;
    if (this.rng.int(++this.fallbackCount) === 0) {
      this.fallbackKind = kind;
      this.fallbackU = u;
      this.fallbackV = v;
      this.fallbackAlt = alt;
    }
    // A move worse than the chosen one is never taken: skip the tabu test (choose would drop it anyway).
    if (estimate > this.moveEstimate) return;
    if (estimate >= this.bestMakespan && this.isTabu(kind, u, v)) return;
    this.choose(kind, u, v, alt, estimate);
  }

  private choose(kind: number, u: number, v: number, alt: number, estimate: number): void {
    if (estimate < this.moveEstimate) {
      this.moveEstimate = estimate;
      this.moveTies = 1;
    } else if (estimate > this.moveEstimate || this.rng.int(++this.moveTies) !== 0) return;
    this.moveKind = kind;
    this.moveU = u;
    this.moveV = v;
    this.moveAlt = alt;
  }

  private isTabu(kind: number, u: number, v: number): boolean {
    const g = this.g;
    const now = this.iterations;
    if (kind === BEFORE) {
      for (let x = v; x !== u; x = g.mNext[x]!) if (this.tabu.pairUntil(u, x) > now) return true;
    } else {
      for (let x = g.mNext[u]!; ; x = g.mNext[x]!) {
        if (this.tabu.pairUntil(x, u) > now) return true;
        if (x === v) break;
      }
    }
    return false;
  }

  /**
   * Longest path through the re-sequenced segment, from current heads and tails around it; Infinity when the
   * new order puts a job before its predecessor. Above `cutoff` the value is only a lower bound.
   */
  private estimateSequenceMove(kind: number, u: number, v: number): number {
    const g = this.g;
    const order = this.order;
    let len = 0;
    let prev: number;
    let next: number;
    if (kind === BEFORE) {
      prev = g.mPrev[v]!;
      next = g.mNext[u]!;
      order[len++] = u;
      for (let x = v; x !== u; x = g.mNext[x]!) order[len++] = x;
    } else {
      prev = g.mPrev[u]!;
      next = g.mNext[v]!;
      for (let x = g.mNext[u]!; ; x = g.mNext[x]!) {
        order[len++] = x;
        if (x === v) break;
      }
      order[len++] = u;
    }
    return this.estimateSegment(len, prev, next, this.moveEstimate);
  }

  private estimateSegment(len: number, prev: number, next: number, cutoff: number): number {
    const { head, tail, dur } = this.g;
    const { jobPrev, jobNext, release } = this.shop;
    const { order, mark, newHead, newTail } = this;
    // Mark the segment; an operation whose job successor is already marked comes after it: a cycle.
    let cycle = false;
    let remaining = 0;
    for (let i = 0; i < len; i++) {
      const o = order[i]!;
      const jn = jobNext[o]!;
      if (jn >= 0 && mark[jn]! >= 0) cycle = true;
      mark[o] = i;
      remaining += dur[o]!;
    }
    let result = cycle ? Infinity : 0;
    const tailAfter = next >= 0 ? tail[next]! + dur[next]! : 0;
    // Forward: new heads. Each one gives a lower bound (the rest of the segment and what follows it on the
    // machine, or the job successor outside the segment); above the cutoff the backward pass is skipped.
    let t = prev >= 0 ? head[prev]! + dur[prev]! : 0;
    for (let i = 0; i < len && result === 0; i++) {
      const o = order[i]!;
      let h = release[o]! > t ? release[o]! : t;
      const jp = jobPrev[o]!;
      if (jp >= 0) {
        const k = mark[jp]!;
        const e = (k >= 0 ? newHead[k]! : head[jp]!) + dur[jp]!;
        if (e > h) h = e;
      }
      newHead[i] = h;
      let bound = h + remaining + tailAfter;
      const jn = jobNext[o]!;
      if (jn >= 0 && mark[jn]! < 0) {
        const viaJob = h + dur[o]! + tail[jn]! + dur[jn]!;
        if (viaJob > bound) bound = viaJob;
      }
      if (bound > cutoff) result = bound;
      remaining -= dur[o]!;
      t = h + dur[o]!;
    }
    if (result === 0) {
      t = tailAfter;
      for (let i = len - 1; i >= 0; i--) {
        const o = order[i]!;
        let q = t;
        const jn = jobNext[o]!;
        if (jn >= 0) {
          const k = mark[jn]!;
          const e = (k >= 0 ? newTail[k]! : tail[jn]!) + dur[jn]!;
          if (e > q) q = e;
        }
        newTail[i] = q;
        const through = newHead[i]! + dur[o]! + q;
        if (through > result) {
          result = through;
          if (result > cutoff) break; // already worse than the move in hand: the exact value is not needed
        }
        t = q + dur[o]!;
      }
    }
    for (let i = 0; i < len; i++) mark[order[i]!] = -1;
    return result;
  }

  /** Best insertion of a flexible operation on each other eligible machine. */
  private considerReassign(u: number): void {
    const g = this.g;
    const shop = this.shop;
    const { head, tail, dur } = g;
    const jp = shop.jobPrev[u]!;
    const jn = shop.jobNext[u]!;
    const fromJob = Math.max(shop.release[u]!, jp >= 0 ? head[jp]! + dur[jp]! : 0);
    const toJob = jn >= 0 ? tail[jn]! + dur[jn]! : 0;
    const headLimit = head[u]! + dur[u]!; // ops starting earlier are not successors of u
    const tailLimit = tail[u]! + dur[u]!; // ops with shorter tails are not predecessors of u
    const now = this.iterations;
    for (let a = shop.altStart[u]!; a < shop.altStart[u + 1]!; a++) {
      const mc = shop.altMachine[a]!;
      if (mc === g.mach[u]) continue;
      const p = shop.altDuration[a]!;
      let bestX = -2;
      let bestEstimate = Infinity;
      // Insert after x (x = -1: first); x must not follow u, the next one must not precede it.
      for (let x = -1; ;) {
        const y = x >= 0 ? g.mNext[x]! : g.mFirst[mc]!;
        if (x >= 0 && head[x]! >= headLimit) break;
        if (y < 0 || tail[y]! < tailLimit) {
          const start = Math.max(fromJob, x >= 0 ? head[x]! + dur[x]! : 0);
          const after = Math.max(toJob, y >= 0 ? tail[y]! + dur[y]! : 0);
          const estimate = start + p + after;
          if (estimate < bestEstimate) {
            bestEstimate = estimate;
            bestX = x;
          }
        }
        if (y < 0) break;
        x = y;
      }
      if (bestX === -2) continue;
      if (this.rng.int(++this.fallbackCount) === 0) {
        this.fallbackKind = REASSIGN;
        this.fallbackU = u;
        this.fallbackV = bestX;
        this.fallbackAlt = a;
      }
      if (bestEstimate >= this.bestMakespan && this.tabu.machineUntil(u, mc) > now) continue;
      this.choose(REASSIGN, u, bestX, a, bestEstimate);
    }
  }
}
