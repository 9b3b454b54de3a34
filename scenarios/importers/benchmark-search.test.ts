// The search on real public instances from ../shared: easy ones must reach their proven optimum within an
// iteration budget (deterministic for the seed), so a regression in the search shows up as a failure here.
import { describe, expect, it } from 'vitest';
// Tests may read fixtures from disk (DESIGN.md purity applies to product code only).
import { existsSync, readFileSync } from 'node:fs';
import { checkPlan } from '../../solver/check/check-plan.js';
import { createShopSearch } from '../../solver/heuristics/search.js';
import { compileShop } from '../../solver/shop/compiled.js';
import { planOf } from '../../solver/shop/timetable.js';
import { parseFjs } from './fjs.js';
import { parseOrlib } from './orlib.js';
import { benchmarkToShopProblem } from './to-shop-problem.js';

const SHARED = new URL('../../../shared/benchmarks/', import.meta.url);
const hasBench = existsSync(new URL('jssp/bounds.json', SHARED));
const mustHaveBench = process.env.CI === 'true';
if (!hasBench) console.warn(`benchmarks not found at ${SHARED.pathname}: skipping the search on them`);

interface Bound {
  lb: number;
  ub: number;
  optimal: boolean;
}

function load(name: string) {
  const fjs = name.startsWith('mk');
  const folder = new URL(fjs ? 'fjsp/' : 'jssp/', SHARED);
  const text = readFileSync(new URL(fjs ? `${name}.fjs` : name, folder), 'utf8');
  const parsed = fjs ? parseFjs(text) : parseOrlib(text);
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.issues)}`);
  const bounds = JSON.parse(readFileSync(new URL('bounds.json', folder), 'utf8')) as Record<string, Bound>;
  return { problem: benchmarkToShopProblem(parsed.instance, name), bound: bounds[name]! };
}

describe.skipIf(!hasBench && !mustHaveBench)('tabu search on public benchmark instances', () => {
  const cases: Array<[string, number]> = [
    ['ft06', 10_000],
    ['la01', 20_000],
    ['la05', 20_000],
    ['la06', 20_000],
    ['la11', 20_000],
    ['ft10', 1_500_000],
    ['mk01', 200_000],
    ['mk02', 200_000],
    ['mk08', 200_000],
  ];
  for (const [name, budget] of cases) {
    it(`${name} reaches its proven optimum within ${budget} iterations`, () => {
      expect(hasBench, `CI needs the benchmarks at ${SHARED.pathname}`).toBe(true);
      const { problem, bound } = load(name);
      expect(bound.optimal).toBe(true);
      const shop = compileShop(problem);
      const search = createShopSearch(shop, { seed: 1, target: bound.lb });
      search.run(budget);
      expect(search.bestMakespan).toBe(bound.ub);
      const plan = planOf(shop, search.best())!;
      expect(checkPlan(problem, plan).violations).toEqual([]);
      expect(plan.makespan).toBe(bound.ub);
    }, 60_000);
  }
});
