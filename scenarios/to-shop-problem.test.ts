import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileShop } from '../solver/shop/compiled.js';
import { parseScenario } from './parse.js';
import { scenarioToShopProblem } from './to-shop-problem.js';

const smallPlant = readFileSync(new URL('small-plant.yaml', import.meta.url), 'utf8');

describe('scenarioToShopProblem', () => {
  const parsed = parseScenario(smallPlant);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const problem = scenarioToShopProblem(parsed.edited);

  it('makes one job per order and keeps the machines in model order', () => {
    expect(problem.name).toBe('Small plant');
    expect(problem.machines.map((m) => m.id)).toEqual(['L1', 'L2', 'OV1', 'W1', 'CMM1']);
    expect(problem.jobs.map((j) => j.id)).toEqual([
      'SO-1001',
      'SO-1002',
      'SO-1003',
      'SO-1004',
      'SO-1005',
      'SO-0999',
    ]);
    expect(problem.jobs.map((j) => j.operations.map((o) => o.id))[0]).toEqual([
      'turn',
      'harden',
      'wash',
      'inspect',
    ]);
  });

  it('releases orders relative to the scenario start', () => {
    expect(problem.jobs.map((j) => j.release)).toEqual([0, 0, 86400, 86400, 172800, 0]);
  });

  it('takes mean times, per unit times the quantity, per lot once', () => {
    const [turn, harden] = problem.jobs[0]!.operations; // 120 short shafts
    expect(turn!.alternatives).toEqual([
      { machine: 0, duration: ((40 + 45 + 60) / 3) * 120 },
      { machine: 1, duration: ((44 + 50 + 66) / 3) * 120 },
    ]);
    expect(harden!.alternatives).toEqual([{ machine: 2, duration: 7200 }]);
    expect(compileShop(problem).flexible).toBe(true);
  });
});
