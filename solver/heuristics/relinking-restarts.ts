// Restart points for the tabu search of a job shop: the best solution of every round (the stretch between two
// restarts) joins a small pool, and a new round starts from the middle of a path between two pool solutions
// (towards the pool's best half of the time). Each start keeps what good solutions agree on and recombines the
// rest (swv01–10 at 60 s, `npm run bench:jssp`: 1.94 % with restarts from kicked elite solutions, 1.43 % with
// relinking; the runs of a91e4df and 6478968 in the history of docs/benchmarks.md).
import type { ShopSolution } from '../shop/solution.js';
import type { DisjunctiveGraph } from './disjunctive-graph.js';
import type { FastRandom } from './fast-random.js';
import { PathRelinker } from './path-relinking.js';
import { RelinkingPool } from './relinking-pool.js';

/** Round bests kept for relinking (a small pool: a new round best soon takes part in a walk). */
const POOL_SIZE = 10;
/** Round bests closer than this share of the operations are variants of one another (one place for them). */
const NEAR_SHARE = 0.05;
/** The start is at least this share of the distance away from both ends of the path. */
const MARGIN = 0.25;

export class RelinkingRestarts {
  private readonly pool: RelinkingPool;
  private readonly relinker: PathRelinker;
  private roundBest = Infinity;
  private roundSolution: ShopSolution | undefined;

  constructor(private readonly g: DisjunctiveGraph) {
    this.relinker = new PathRelinker(g);
    this.pool = new RelinkingPool(POOL_SIZE, g.n, NEAR_SHARE);
  }

  /** After each step of the search: true when the graph's solution is the round's best so far. */
  observe(copy?: ShopSolution): boolean {
    if (this.g.makespan >= this.roundBest) return false;
    this.roundBest = this.g.makespan;
    this.roundSolution = copy ?? this.g.toSolution();
    return true;
  }

  /** The round is over (a restart, or another search's solution adopted): its best joins the pool. */
  endRound(): void {
    if (this.roundSolution !== undefined) this.pool.offer(this.roundBest, this.roundSolution);
    this.roundBest = Infinity;
    this.roundSolution = undefined;
  }

  /** Ends the round and gives the next one's start, or undefined while the pool holds no two distant solutions. */
  nextStart(rng: FastRandom): ShopSolution | undefined {
    this.endRound();
    if (this.pool.size < 2) return undefined;
    const [from, other] = this.pool.pickTwo(rng);
    const best = this.pool.best()!;
    const to = rng.int(2) === 0 && from !== best ? best : other;
    return this.relinker.relink(from, to, rng, MARGIN);
  }
}
