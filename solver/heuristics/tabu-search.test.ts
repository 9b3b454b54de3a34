import { describe, expect, it } from 'vitest';
import { checkPlan } from '../check/check-plan.js';
import { compileShop } from '../shop/compiled.js';
import { FT06_OPTIMUM, ft06 } from '../shop/__fixtures__/ft06.js';
import { planOf } from '../shop/timetable.js';
import { createShopSearch } from './search.js';
import { restartInterval, TabuSearch } from './tabu-search.js';
import { bruteForceMakespan, randomShop } from './__fixtures__/tiny-shops.js';

describe('tabu search', () => {
  it('finds the optimum of ft06 (55)', () => {
    const shop = compileShop(ft06());
    const search = createShopSearch(shop, { seed: 1, target: FT06_OPTIMUM });
    search.run(200_000);
    expect(search.bestMakespan).toBe(FT06_OPTIMUM);
    expect(search.finished).toBe(true);
    const plan = planOf(shop, search.best())!;
    expect(plan.makespan).toBe(FT06_OPTIMUM);
    expect(checkPlan(shop.problem, plan).ok).toBe(true);
  });

  const tiny = [
    ['job shop', randomShop(21, 3, 3, 3)],
    ['job shop with releases', randomShop(22, 3, 3, 3, 1, true)],
    ['flexible job shop', randomShop(23, 3, 3, 3, 3)],
    ['flexible job shop with releases', randomShop(24, 3, 2, 2, 2, true)],
    ['flexible job shop, revisiting machines', randomShop(25, 2, 4, 2, 2)],
  ] as const;
  for (const [label, problem] of tiny) {
    it(`reaches the brute-force optimum of a tiny ${label}`, () => {
      const optimum = bruteForceMakespan(problem);
      const shop = compileShop(problem);
      const search = createShopSearch(shop, { seed: 2 });
      search.run(20_000);
      expect(search.bestMakespan).toBe(optimum);
      const plan = planOf(shop, search.best())!;
      expect(plan.makespan).toBe(optimum);
      expect(checkPlan(problem, plan).violations).toEqual([]);
    });
  }

  for (const [label, problem] of [
    ['job shop', randomShop(71, 12, 8, 6)],
    ['job shop with releases', randomShop(72, 12, 8, 6, 1, true)],
    ['flexible job shop', randomShop(73, 12, 8, 6, 3, true)],
    ['flexible job shop, revisiting machines', randomShop(74, 8, 10, 3, 2)],
  ] as const) {
    it(`keeps heads, tails and order right incrementally on a ${label}`, () => {
      const shop = compileShop(problem);
      const search = createShopSearch(shop, { seed: 5, selfCheck: true });
      expect(() => search.run(30_000)).not.toThrow();
      expect(search.iterations).toBeGreaterThan(0);
    });
  }

  it('counts a target as reached up to floating-point rounding (scenario times are means)', () => {
    const problem = {
      name: 'fractional',
      machines: [{ id: 'M0' }],
      jobs: [
        {
          id: 'J0',
          release: 0,
          operations: [0.1, 0.2, 0.3].map((d, k) => ({
            id: `O${k}`,
            alternatives: [{ machine: 0, duration: d }],
          })),
        },
      ],
    };
    const search = createShopSearch(compileShop(problem), { seed: 1, target: 0.6 - 1e-12 });
    expect(search.finished).toBe(true);
    const strict = createShopSearch(compileShop(problem), { seed: 1, target: 0.5 });
    expect(strict.finished).toBe(false);
  });

  it('is anytime: the best so far is a valid plan after any number of iterations', () => {
    const problem = randomShop(31, 15, 8, 6, 2);
    const shop = compileShop(problem);
    const search = createShopSearch(shop, { seed: 4 });
    let previous = Infinity;
    for (const steps of [0, 1, 10, 100, 1000]) {
      search.run(steps);
      const plan = planOf(shop, search.best())!;
      expect(checkPlan(problem, plan).ok).toBe(true);
      expect(plan.makespan).toBe(search.bestMakespan);
      expect(search.bestMakespan).toBeLessThanOrEqual(previous);
      previous = search.bestMakespan;
    }
  });

  it('gives the same trajectory for the same seed, and another for another seed', () => {
    const shop = compileShop(randomShop(41, 20, 10, 10));
    const runs = [1, 1, 2].map((seed) => {
      const search = createShopSearch(shop, { seed });
      search.run(3000);
      return { makespan: search.bestMakespan, best: search.best(), stagnation: search.stagnation };
    });
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]!.best).not.toEqual(runs[0]!.best);
  });

  it('improves well beyond the constructive start on a 20x10 job shop', () => {
    const shop = compileShop(randomShop(51, 20, 10, 10));
    const search = createShopSearch(shop, { seed: 1 });
    const start = search.bestMakespan;
    search.run(20_000);
    expect(search.bestMakespan).toBeLessThan(start * 0.95);
  });

  it('adopts a better solution from elsewhere and continues from it', () => {
    const shop = compileShop(randomShop(61, 10, 5, 5, 2));
    const strong = createShopSearch(shop, { seed: 1 });
    strong.run(5000);
    const weak = createShopSearch(shop, { seed: 2 });
    weak.adopt(strong.best());
    expect(weak.bestMakespan).toBe(strong.bestMakespan);
    weak.run(100);
    expect(weak.bestMakespan).toBeLessThanOrEqual(strong.bestMakespan);
  });

  it('restarts later on shops with many jobs per machine, sooner in a job shop (relinked starts)', () => {
    const square = compileShop(randomShop(31, 10, 10, 10));
    const long = compileShop(randomShop(32, 50, 10, 10));
    const wide = compileShop(randomShop(33, 10, 15, 15));
    const flexible = compileShop(randomShop(34, 10, 10, 10, 2));
    expect(restartInterval(square)).toBe(0.6 * (10000 + 20 * square.n));
    expect(restartInterval(wide)).toBe(0.6 * (10000 + 20 * wide.n));
    // 5 jobs per machine: 25 times the per-operation share, of which only the base part is shortened.
    expect(restartInterval(long)).toBe(0.6 * (10000 + 20 * long.n) + 20 * long.n * 24);
    expect(restartInterval(flexible)).toBe(10000 + 20 * flexible.n);
  });

  it('restarts from relinked starts in a job shop, from kicked elite solutions in a flexible one', () => {
    for (const [problem, relinks] of [
      [randomShop(35, 15, 5, 5), true],
      [randomShop(36, 15, 5, 5, 2), false],
    ] as const) {
      const shop = compileShop(problem);
      const search = new TabuSearch(shop, { seed: 3 });
      // Rounds end after restartInterval iterations without a better round best.
      search.run(restartInterval(shop) * 8);
      expect(search.restarts).toBeGreaterThan(2);
      // The first restarts fill the pool; later ones relink (job shop) or never do (flexible shop).
      if (relinks) expect(search.relinkedStarts).toBeGreaterThanOrEqual(search.restarts - 2);
      else expect(search.relinkedStarts).toBe(0);
      const plan = planOf(shop, search.best())!;
      expect(checkPlan(problem, plan).violations).toEqual([]);
      expect(plan.makespan).toBe(search.bestMakespan);
    }
  });
});
