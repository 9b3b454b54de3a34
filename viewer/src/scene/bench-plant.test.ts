import { describe, expect, it } from 'vitest';
import { advanceBench, benchCursor, generateBenchPlant, parseBench, type BenchPlant } from './bench-plant.js';
import { indexFloor } from './floor-index.js';
import { layoutWip, WipPositions, wipScratch } from './wip-layout-reference.js';
import { indexPlan } from './wip-layout.js';
import { seededRandom } from '../util/seeded-random.js';

function wipCount(plant: BenchPlant, machines = plant.machines, nowMs = plant.nowMs): number {
  const out = new WipPositions();
  layoutWip(
    { floor: indexFloor(plant.layout), plan: indexPlan(plant.plan), machines, nowMs },
    out,
    wipScratch(),
  );
  return out.count;
}

function ticks(seed: number, n: number) {
  const plant = generateBenchPlant({ machines: 60, wip: 200, seed });
  const rng = seededRandom(seed + 1);
  const cursor = benchCursor(plant);
  let machines = plant.machines;
  const log: string[] = [];
  for (let k = 1; k <= n; k++) {
    const { changed } = advanceBench(plant, machines, cursor, plant.nowMs + k * 6000, 0.05, rng);
    machines = { ...machines };
    for (const m of changed) machines[m.id] = m;
    log.push(changed.map((m) => `${m.id}:${m.state}:${m.order ?? ''}`).join(','));
  }
  return { plant, machines, log };
}

describe('bench plant', () => {
  it('reads the size from the URL parameter', () => {
    expect(parseBench('500x2000')).toEqual({ machines: 500, wip: 2000 });
    expect(parseBench('0x10')).toBeUndefined();
    expect(parseBench('500')).toBeUndefined();
    expect(parseBench(null)).toBeUndefined();
  });

  it('builds the size asked for, with every order on the floor', () => {
    const plant = generateBenchPlant({ machines: 500, wip: 2000, seed: 7 });
    expect(plant.layout.machines).toHaveLength(500);
    expect(Object.keys(plant.machines)).toHaveLength(500);
    expect(new Set(plant.layout.machines.map((m) => m.kind)).size).toBeGreaterThan(4);
    expect(plant.layout.lines).toHaveLength(25);
    expect(plant.layout.transporters.length).toBeGreaterThan(3);
    expect(wipCount(plant)).toBe(2000);
    // Machines stay inside the floor.
    for (const m of plant.layout.machines) {
      expect(m.placement.position.x).toBeLessThan(plant.layout.bounds.maxX);
      expect(m.placement.position.y).toBeLessThan(plant.layout.bounds.maxY);
    }
  });

  it('gives the same plant and the same changes for the same seed, and others for another seed', () => {
    const a = ticks(3, 20);
    const b = ticks(3, 20);
    const c = ticks(4, 20);
    expect(JSON.stringify(a.plant)).toBe(JSON.stringify(b.plant));
    expect(a.log).toEqual(b.log);
    expect(JSON.stringify(a.plant.plan)).not.toBe(JSON.stringify(c.plant.plan));
    expect(a.log).not.toEqual(c.log);
  });

  it('changes about the share of states asked for and moves orders onto machines as the clock runs', () => {
    const { plant, machines } = ticks(11, 30);
    const onMachines = Object.values(machines).filter((m) => m.order !== undefined).length;
    expect(onMachines).toBeGreaterThan(10);
    const plantRng = seededRandom(5);
    const cursor = benchCursor(plant);
    const { changed } = advanceBench(plant, machines, cursor, plant.nowMs + 31 * 6000, 0.5, plantRng);
    const stateChanges = changed.filter((m) => m.state !== machines[m.id]!.state).length;
    // Half the machines draw a state; about one draw in five gives the state it had.
    expect(stateChanges).toBeGreaterThan(10);
    expect(stateChanges).toBeLessThan(50);
    expect(wipCount(plant, machines, plant.nowMs + 30 * 6000)).toBe(200);
  });
});
