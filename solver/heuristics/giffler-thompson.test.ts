import { describe, expect, it } from 'vitest';
import { checkPlan } from '../check/check-plan.js';
import { compileShop } from '../shop/compiled.js';
import { ft06 } from '../shop/__fixtures__/ft06.js';
import { solutionShapeError } from '../shop/solution.js';
import { planOf } from '../shop/timetable.js';
import { FastRandom } from './fast-random.js';
import { CONSTRUCTION_RULES, gifflerThompson } from './giffler-thompson.js';
import { randomShop } from './__fixtures__/tiny-shops.js';

describe('Giffler–Thompson construction', () => {
  const problems = [ft06(), randomShop(7, 12, 6, 5, 3, true), randomShop(8, 30, 8, 6, 1)];
  for (const problem of problems) {
    for (const rule of CONSTRUCTION_RULES) {
      it(`${problem.name}, rule ${rule}: a complete plan that passes the checker`, () => {
        const shop = compileShop(problem);
        const solution = gifflerThompson(shop, rule, new FastRandom(3));
        expect(solutionShapeError(shop, solution)).toBeUndefined();
        const plan = planOf(shop, solution);
        expect(plan).toBeDefined();
        expect(checkPlan(problem, plan!).violations).toEqual([]);
      });
    }
  }

  it('builds active schedules: no operation could start earlier on its machine without delaying another', () => {
    // In an active schedule no idle gap on a machine is long enough to hold a later operation of that
    // machine whose job predecessor ended before the gap's end.
    const problem = randomShop(11, 8, 5, 4);
    const shop = compileShop(problem);
    const plan = planOf(shop, gifflerThompson(shop, 'spt', new FastRandom(1)))!;
    const jobEnd = (job: number, op: number) =>
      op === 0 ? 0 : plan.operations.find((o) => o.job === job && o.op === op - 1)!.end;
    for (let m = 0; m < problem.machines.length; m++) {
      const onMachine = plan.operations.filter((o) => o.machine === m).sort((a, b) => a.start - b.start);
      let free = 0;
      for (let i = 0; i < onMachine.length; i++) {
        const gapEnd = onMachine[i]!.start;
        for (const later of onMachine.slice(i + 1)) {
          const earliest = Math.max(free, jobEnd(later.job, later.op));
          expect(earliest + (later.end - later.start) > gapEnd).toBe(true);
        }
        free = onMachine[i]!.end;
      }
    }
  });

  it('is deterministic for a given random stream', () => {
    const shop = compileShop(randomShop(5, 10, 5, 4, 2));
    const a = gifflerThompson(shop, 'random', new FastRandom(9));
    const b = gifflerThompson(shop, 'random', new FastRandom(9));
    expect(a).toEqual(b);
  });
});
