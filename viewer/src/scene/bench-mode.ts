import type { ViewerStore } from '../store/store.js';
import { seededRandom } from '../util/seeded-random.js';
import { advanceBench, benchCursor, generateBenchPlant, parseBench } from './bench-plant.js';

/** The benchmark's clock: a tick every 100 ms, each one a minute of plant time per second (like the demo). */
const TICK_MS = 100;
const PLANT_FACTOR = 60;
/** Share of machines drawing a new state at each tick. */
const CHANGE_SHARE = 0.05;

/** `?bench=<machines>x<wip>` of the page's URL, if any. */
export function benchFromUrl(): { machines: number; wip: number } | undefined {
  return parseBench(new URL(window.location.href).searchParams.get('bench'));
}

let running = false;

/**
 * With `?bench=…` in the URL: fills the store with a synthetic plant (instead of the service's) and changes it
 * every 100 ms, so that the scene's cost per frame can be measured (scripts/bench-viewer.mjs). Returns whether
 * bench mode is on; calling it again does nothing more.
 */
export function maybeStartBench(store: ViewerStore): boolean {
  const spec = benchFromUrl();
  if (!spec) return false;
  if (running) return true;
  running = true;
  const plant = generateBenchPlant({ ...spec, seed: 1 });
  store.setState((s) => ({
    layout: plant.layout,
    machines: plant.machines,
    machinesVersion: s.machinesVersion + 1,
    activePlan: plant.plan,
    activePlanRef: { id: plant.plan.id, version: plant.plan.version },
    nowMs: plant.nowMs,
    alarms: [],
  }));
  const rng = seededRandom(2);
  const cursor = benchCursor(plant);
  let nowMs = plant.nowMs;
  setInterval(() => {
    nowMs += TICK_MS * PLANT_FACTOR;
    const s = store.getState();
    const { changed, alarms } = advanceBench(plant, s.machines, cursor, nowMs, CHANGE_SHARE, rng);
    const machines = { ...s.machines };
    for (const m of changed) machines[m.id] = m;
    store.setState({ machines, machinesVersion: s.machinesVersion + 1, nowMs, alarms });
  }, TICK_MS);
  return true;
}
