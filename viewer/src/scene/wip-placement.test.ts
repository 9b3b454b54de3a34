import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/seeded-random.js';
import { generateBenchPlant } from './bench-plant.js';
import { indexFloor } from './floor-index.js';
import { layoutWip, WipPositions, wipScratch } from './wip-layout-reference.js';
import { indexPlan, type MachineOrder } from './wip-layout.js';
import { WipPlacement } from './wip-placement.js';

type Items = Map<string, string>;
const key = (x: number, y: number, z: number) => `${x},${y},${z}`;

function full(input: Parameters<typeof layoutWip>[0]): Items {
  const out = new WipPositions();
  layoutWip(input, out, wipScratch());
  const items: Items = new Map();
  for (let i = 0; i < out.count; i++) {
    items.set(out.orders[i]!, key(out.xyz[i * 3]!, out.xyz[i * 3 + 1]!, out.xyz[i * 3 + 2]!));
  }
  return items;
}

function shownBy(p: WipPlacement): Items {
  const items: Items = new Map();
  for (let k = 0; k < p.names.length; k++) {
    if (p.shown[k] === 1) items.set(p.names[k]!, key(p.xyz[k * 3]!, p.xyz[k * 3 + 1]!, p.xyz[k * 3 + 2]!));
  }
  return items;
}

/**
 * A random walk of the inputs (clock forward and sometimes back, machines taking planned, unplanned or shared
 * orders, the plant's begun set, a new plan): after every step the incremental placement equals a full layout,
 * and every item whose place changed is listed as changed.
 */
function walk(seed: number, machineCount: number, wip: number, steps: number): number {
  const rng = seededRandom(seed);
  const plant = generateBenchPlant({ machines: machineCount, wip, seed });
  const floor = indexFloor(plant.layout);
  const plans = [
    indexPlan(plant.plan),
    indexPlan(generateBenchPlant({ machines: machineCount, wip, seed: seed + 7 }).plan),
  ];
  const ids = plant.layout.machines.map((m) => m.id);
  let plan = plans[0]!;
  let machines: Record<string, MachineOrder> = {};
  for (const id of ids) machines[id] = {};
  let nowMs = plant.nowMs - 3600_000;
  let begunSet = new Set<string>();
  const placement = new WipPlacement();
  let before: Items = new Map();
  let placed = 0;
  for (let step = 0; step < steps; step++) {
    const r = rng();
    let begunChanged = false;
    if (r < 0.5) nowMs += rng() * 600_000;
    else if (r < 0.55) nowMs -= rng() * 1_800_000;
    else if (r < 0.6) {
      begunSet = new Set(begunSet);
      begunSet.add(plan.orders[Math.floor(rng() * plan.orders.length)]!);
      begunChanged = true;
    } else if (r < 0.63) plan = plans[Math.floor(rng() * 2)]!;
    machines = { ...machines };
    const changes = Math.floor(rng() * machineCount * 0.1);
    for (let c = 0; c < changes; c++) {
      const id = ids[Math.floor(rng() * ids.length)]!;
      const pick = rng();
      const order =
        pick < 0.6
          ? plan.orders[Math.floor(rng() * plan.orders.length)]
          : pick < 0.7
            ? `X${Math.floor(rng() * 5)}` // unplanned, possibly on several machines
            : undefined;
      machines[id] = order === undefined ? {} : { order };
    }
    const begun = (o: string) => begunSet.has(o);
    const input = { floor, plan, machines, nowMs, begun };
    placement.update({ ...input, begunChanged });
    placed += placement.placedCount;
    const expected = full(input);
    const got = shownBy(placement);
    expect(got, `step ${step}`).toEqual(expected);
    const changed = new Set(
      Array.from(placement.changed.subarray(0, placement.changedCount), (k) => placement.names[k]!),
    );
    for (const order of new Set([...before.keys(), ...got.keys()])) {
      if (before.get(order) !== got.get(order))
        expect(changed.has(order), `${order} at step ${step}`).toBe(true);
    }
    before = got;
  }
  return placed;
}

describe('incremental WIP placement', () => {
  it('equals a full layout after a random sequence of changes (queues within the infeeds)', () => {
    walk(11, 60, 300, 150);
  });

  it('equals a full layout when queues spill into the buffers', () => {
    // 600 orders on 20 machines: about 30 each, beyond an infeed's capacity.
    walk(23, 20, 600, 150);
  });

  it('re-places a small share of the items when a few machines change', () => {
    const plant = generateBenchPlant({ machines: 200, wip: 1000, seed: 5 });
    const floor = indexFloor(plant.layout);
    const plan = indexPlan(plant.plan);
    const placement = new WipPlacement();
    placement.update({ floor, plan, machines: plant.machines, nowMs: plant.nowMs });
    expect(placement.placedCount).toBeGreaterThanOrEqual(1000);
    const machines = { ...plant.machines };
    const id = plant.layout.machines[3]!.id;
    machines[id] = { ...machines[id]!, order: plan.orders[0]! };
    placement.update({ floor, plan, machines, nowMs: plant.nowMs });
    expect(placement.placedCount).toBeGreaterThan(0);
    expect(placement.placedCount).toBeLessThan(100);
  });
});
