import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { compileShop } from '../../solver/shop/compiled.js';
import { FT06_ORLIB, ft06 } from '../../solver/shop/__fixtures__/ft06.js';
import { parseFjs } from './fjs.js';
import type { ParseResult } from './instance.js';
import { parseOrlib } from './orlib.js';
import { benchmarkToShopProblem } from './to-shop-problem.js';

function instanceOf(result: ParseResult) {
  if (!result.ok) throw new Error(`unexpected issues: ${JSON.stringify(result.issues)}`);
  return result.instance;
}

describe('benchmarkToShopProblem', () => {
  it('maps an OR-Library instance: jobs and operations in file order, machines numbered from 0', () => {
    const problem = benchmarkToShopProblem(instanceOf(parseOrlib('2 3\n0 3 1 2 2 2\n2 4 0 1 1 0\n')), 'tiny');
    expect(problem).toEqual({
      name: 'tiny',
      machines: [
        { id: 'M0', number: 0 },
        { id: 'M1', number: 1 },
        { id: 'M2', number: 2 },
      ],
      jobs: [
        {
          id: 'J0',
          release: 0,
          operations: [
            { id: 'O0', alternatives: [{ machine: 0, duration: 3 }] },
            { id: 'O1', alternatives: [{ machine: 1, duration: 2 }] },
            { id: 'O2', alternatives: [{ machine: 2, duration: 2 }] },
          ],
        },
        {
          id: 'J1',
          release: 0,
          operations: [
            { id: 'O0', alternatives: [{ machine: 2, duration: 4 }] },
            { id: 'O1', alternatives: [{ machine: 0, duration: 1 }] },
            { id: 'O2', alternatives: [{ machine: 1, duration: 0 }] },
          ],
        },
      ],
    });
  });

  it('maps a .fjs instance: dense machine index = file number - 1, the number kept for reports', () => {
    const text = '2 3 1.5\n2 2 1 5 3 4 1 2 7\n1 3 1 1 2 2 3 3\n';
    const problem = benchmarkToShopProblem(instanceOf(parseFjs(text)), 'flex');
    expect(problem.machines).toEqual([
      { id: 'M1', number: 1 },
      { id: 'M2', number: 2 },
      { id: 'M3', number: 3 },
    ]);
    expect(problem.jobs.map((j) => j.operations.map((o) => o.alternatives))).toEqual([
      [
        [
          { machine: 0, duration: 5 },
          { machine: 2, duration: 4 },
        ],
        [{ machine: 1, duration: 7 }],
      ],
      [
        [
          { machine: 0, duration: 1 },
          { machine: 1, duration: 2 },
          { machine: 2, duration: 3 },
        ],
      ],
    ]);
    const shop = compileShop(problem);
    expect({ n: shop.n, m: shop.m, flexible: shop.flexible }).toEqual({ n: 3, m: 3, flexible: true });
  });

  it('gives the same problem as the solver fixture for ft06', () => {
    expect(benchmarkToShopProblem(instanceOf(parseOrlib(FT06_ORLIB)), 'ft06')).toEqual(ft06());
  });

  const mk01 = new URL('../../../shared/benchmarks/fjsp/mk01.fjs', import.meta.url);
  it.skipIf(!existsSync(mk01))(
    'maps mk01 from the shared benchmarks (10 jobs, 55 operations, 6 machines)',
    () => {
      const problem = benchmarkToShopProblem(instanceOf(parseFjs(readFileSync(mk01, 'utf8'))), 'mk01');
      const shop = compileShop(problem);
      expect({ jobs: shop.jobCount, n: shop.n, m: shop.m }).toEqual({ jobs: 10, n: 55, m: 6 });
      for (let a = 0; a < shop.altMachine.length; a++) {
        expect(shop.altMachine[a]).toBeGreaterThanOrEqual(0);
        expect(shop.altMachine[a]).toBeLessThan(6);
      }
    },
  );
});
