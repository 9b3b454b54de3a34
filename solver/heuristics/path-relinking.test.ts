import { describe, expect, it } from 'vitest';
import { checkPlan } from '../check/check-plan.js';
import { compileShop } from '../shop/compiled.js';
import { planOf } from '../shop/timetable.js';
import { DisjunctiveGraph } from './disjunctive-graph.js';
import { FastRandom } from './fast-random.js';
import { gifflerThompson } from './giffler-thompson.js';
import { PathRelinker } from './path-relinking.js';
import { randomShop } from './__fixtures__/tiny-shops.js';

describe('path relinking', () => {
  const problem = randomShop(81, 15, 8, 8);
  const shop = compileShop(problem);
  const rng = new FastRandom(3);
  const from = gifflerThompson(shop, 'random', rng);
  const to = gifflerThompson(shop, 'random', rng);

  it('measures the distance as machine positions that differ', () => {
    expect(PathRelinker.distance(from, from)).toBe(0);
    const swapped = { alt: from.alt, sequences: from.sequences.map((seq) => [...seq]) };
    const seq = swapped.sequences[2]!;
    [seq[0], seq[3]] = [seq[3]!, seq[0]!];
    expect(PathRelinker.distance(from, swapped)).toBe(2);
    expect(PathRelinker.distance(from, to)).toBe(PathRelinker.distance(to, from));
  });

  it('returns a valid schedule from the middle of the path between two solutions', () => {
    const d = PathRelinker.distance(from, to);
    expect(d).toBeGreaterThan(20);
    const relinker = new PathRelinker(new DisjunctiveGraph(shop));
    for (const seed of [1, 2, 3, 4]) {
      const middle = relinker.relink(from, to, new FastRandom(seed), 0.25)!;
      expect(middle).toBeDefined();
      // At least a quarter of the way from each end.
      expect(PathRelinker.distance(middle, from)).toBeGreaterThanOrEqual(Math.ceil(d * 0.25));
      expect(PathRelinker.distance(middle, to)).toBeGreaterThanOrEqual(Math.ceil(d * 0.25));
      const plan = planOf(shop, middle);
      expect(plan).toBeDefined();
      expect(checkPlan(problem, plan!).violations).toEqual([]);
    }
  });

  it('keeps the best makespan met in the middle stretch, the same for the same seed', () => {
    const relinker = new PathRelinker(new DisjunctiveGraph(shop));
    const a = relinker.relink(from, to, new FastRandom(7), 0.25)!;
    const b = relinker.relink(from, to, new FastRandom(7), 0.25)!;
    expect(b).toEqual(a);
    // A narrower middle stretch is a subset of the same walk: never better than the wider one.
    const narrow = relinker.relink(from, to, new FastRandom(7), 0.45)!;
    expect(planOf(shop, narrow)!.makespan).toBeGreaterThanOrEqual(planOf(shop, a)!.makespan);
  });

  it('gives nothing when the two solutions are too close for a middle', () => {
    const relinker = new PathRelinker(new DisjunctiveGraph(shop));
    expect(relinker.relink(from, from, new FastRandom(1), 0.25)).toBeUndefined();
  });
});
