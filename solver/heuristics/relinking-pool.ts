// The pool of round bests that relinking restarts draw from. Kept by quality and spread: a round best that
// lands close to a pool member competes with that member only, so the pool does not fill with variants of
// one solution (walks between near neighbours are short and restart where the search has already been).
import type { ShopSolution } from '../shop/solution.js';
import type { FastRandom } from './fast-random.js';
import { PathRelinker } from './path-relinking.js';

interface Member {
  makespan: number;
  solution: ShopSolution;
}

export class RelinkingPool {
  private readonly members: Member[] = [];
  /** Two solutions closer than this many machine positions are variants of one another. */
  private readonly near: number;

  /** `nearShare`: the share of the shop's operations under which two solutions count as near. */
  constructor(
    private readonly capacity: number,
    operations: number,
    nearShare: number,
  ) {
    this.near = nearShare * operations;
  }

  get size(): number {
    return this.members.length;
  }

  /**
   * A solution already held is ignored; any other joins while there is room. Then one near a member replaces
   * that member if it is better, and one far from all replaces the worst member if it is no worse.
   */
  offer(makespan: number, solution: ShopSolution): void {
    let nearest = -1;
    let nearestDistance = Infinity;
    this.members.forEach((member, k) => {
      const d = PathRelinker.distance(member.solution, solution);
      if (d < nearestDistance) [nearest, nearestDistance] = [k, d];
    });
    if (nearestDistance === 0) return;
    if (this.members.length < this.capacity) {
      this.members.push({ makespan, solution });
      return;
    }
    if (nearestDistance < this.near) {
      if (makespan < this.members[nearest]!.makespan) this.members[nearest] = { makespan, solution };
      return;
    }
    const worst = this.worstIndex();
    if (makespan <= this.members[worst]!.makespan) this.members[worst] = { makespan, solution };
  }

  /** Two distinct members at random (the pool must hold at least two). */
  pickTwo(rng: FastRandom): [ShopSolution, ShopSolution] {
    const i = rng.int(this.members.length);
    let j = rng.int(this.members.length - 1);
    if (j >= i) j++;
    return [this.members[i]!.solution, this.members[j]!.solution];
  }

  /** The members, in the order they took their places. */
  solutions(): ShopSolution[] {
    return this.members.map((member) => member.solution);
  }

  /** The best member (the first of equals), or undefined while empty. */
  best(): ShopSolution | undefined {
    let best = this.members[0];
    for (const member of this.members) if (member.makespan < best!.makespan) best = member;
    return best?.solution;
  }

  private worstIndex(): number {
    let worst = 0;
    this.members.forEach((member, k) => {
      if (member.makespan > this.members[worst]!.makespan) worst = k;
    });
    return worst;
  }
}
