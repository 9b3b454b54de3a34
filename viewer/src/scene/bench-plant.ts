import type { MachineId, OperationId, OrderId, PlanId } from '../../../twin/schema/ids.js';
import type { Alarm, Assignment, LayoutView, MachineView, Plan, ShopFloorState } from '../api/types.js';
import { seededRandom } from '../util/seeded-random.js';

/**
 * A synthetic plant for the frame benchmark (`?bench=<machines>x<wip>`): lines in a grid, machines of mixed
 * kinds, orders in progress on a plan, AGVs. Pure and seeded: the same seed gives the same plant and the same
 * sequence of changes, so runs compare.
 */

export interface BenchSpec {
  machines: number;
  wip: number;
  seed: number;
}

/** `500x2000` → 500 machines, 2,000 WIP items; anything else → undefined. */
export function parseBench(param: string | null): { machines: number; wip: number } | undefined {
  const m = /^(\d{1,5})x(\d{1,6})$/.exec(param ?? '');
  if (!m) return undefined;
  const machines = Number(m[1]);
  const wip = Number(m[2]);
  return machines > 0 ? { machines, wip } : undefined;
}

const KINDS = [
  'cnc-lathe',
  'machining-centre',
  'grinder',
  'drill',
  'press',
  'washer',
  'robot-cell',
  'packing',
];
const MACHINES_PER_LINE = 20;
const PITCH_M = 6;
const LINE_DEPTH_M = 14;
const BENCH_EPOCH_MS = Date.UTC(2025, 0, 6, 6);
/** Where the bench clock starts: two hours into the plan, so that every order has begun. */
const BENCH_START_MS = BENCH_EPOCH_MS + 2 * 3600_000;

export interface BenchPlant {
  layout: LayoutView;
  machines: Record<string, MachineView>;
  plan: Plan;
  nowMs: number;
  /** Per machine (layout order) its planned assignments sorted by start: the driver walks them in time. */
  schedule: { startMs: number; endMs: number; order: string }[][];
}

export function generateBenchPlant(spec: BenchSpec): BenchPlant {
  const rng = seededRandom(spec.seed);
  const lineCount = Math.ceil(spec.machines / MACHINES_PER_LINE);
  const columns = Math.max(1, Math.ceil(Math.sqrt(lineCount / 6)));
  const lineLength = MACHINES_PER_LINE * PITCH_M + 8;
  const layout: LayoutView = {
    site: { id: 'bench', name: `Bench ${spec.machines} × ${spec.wip}` },
    bounds: {
      minX: -6,
      minY: -6,
      maxX: columns * lineLength + 2,
      maxY: Math.ceil(lineCount / columns) * LINE_DEPTH_M + 2,
    },
    lines: [],
    machines: [],
    buffers: [],
    transporters: [],
  };
  const machines: Record<string, MachineView> = {};
  const lineMachines: string[][] = [];
  for (let l = 0; l < lineCount; l++) {
    const x0 = (l % columns) * lineLength;
    const y0 = Math.floor(l / columns) * LINE_DEPTH_M;
    const line = `line-${l + 1}`;
    const inLine = Math.min(MACHINES_PER_LINE, spec.machines - l * MACHINES_PER_LINE);
    layout.lines.push({
      id: line,
      name: `Line ${l + 1}`,
      area: `hall-${(l % columns) + 1}`,
      centre: { x: x0 + (inLine * PITCH_M) / 2, y: y0 + 3 },
      size: { width: inLine * PITCH_M + 4, depth: 8 },
    });
    const ids: string[] = [];
    for (let k = 0; k < inLine; k++) {
      const id = `M${l * MACHINES_PER_LINE + k + 1}`;
      const kind = KINDS[Math.floor(rng() * KINDS.length)]!;
      const width = 2.5 + rng() * 2;
      const depth = 2 + rng() * 1.5;
      layout.machines.push({
        id,
        name: `${kind} ${id}`,
        kind,
        line,
        placement: {
          position: { x: x0 + k * PITCH_M + 3, y: y0 },
          rotationDeg: 0,
          footprint: { width, depth, height: 1.8 + rng() * 1.5 },
        },
        maintenance: [],
      });
      machines[id] = machineView(id, line, kind, pickState(rng), BENCH_START_MS);
      ids.push(id);
    }
    lineMachines.push(ids);
    layout.buffers.push({
      id: `B${l + 1}`,
      name: `Buffer ${l + 1}`,
      line,
      capacity: 40,
      placement: {
        position: { x: x0 + inLine * PITCH_M + 3, y: y0 + 3 },
        footprint: { width: 3, depth: 3, height: 1.5 },
      },
    });
    if (l % 4 === 0) {
      layout.transporters.push({
        id: `AGV${l / 4 + 1}`,
        name: `AGV ${l / 4 + 1}`,
        kind: 'agv',
        speedMps: 1.2,
        home: { x: x0 + 2, y: y0 + 7 },
        lines: [line, `line-${l + 2}`, `line-${l + 3}`, `line-${l + 4}`],
      });
    }
  }
  const assignments: Assignment[] = [];
  for (let o = 0; o < spec.wip; o++) {
    const order = `BO${o + 1}`;
    const ids = lineMachines[Math.floor(rng() * lineMachines.length)]!;
    const ops = 4 + Math.floor(rng() * 3);
    // The first operation starts before the bench clock, and the last ends hours after it.
    let t = 7200 - 300 - rng() * 900;
    for (let k = 0; k < ops; k++) {
      const duration = 300 + rng() * 600;
      const machine = ids[Math.floor(rng() * ids.length)]!;
      assignments.push(assignment(order, `${order}-${k + 1}`, machine, t, t + duration));
      t += duration + 60 + rng() * 540;
    }
    // A last operation far ahead keeps every order on the floor for the whole run.
    assignments.push(assignment(order, `${order}-end`, ids[0]!, t + 36_000, t + 36_600));
  }
  const plan: Plan = {
    id: 'bench-plan' as PlanId,
    version: 1,
    status: 'validated',
    trigger: { kind: 'manual' },
    createdAtMs: BENCH_EPOCH_MS,
    epochMs: BENCH_EPOCH_MS,
    seed: spec.seed,
    inputHash: 'bench',
    engine: 'bench',
    frozen: [],
    assignments,
  };
  const slot = new Map(layout.machines.map((m, i) => [m.id, i]));
  const schedule: BenchPlant['schedule'] = layout.machines.map(() => []);
  for (const a of assignments) {
    schedule[slot.get(a.machine)!]!.push({
      startMs: BENCH_EPOCH_MS + a.startS * 1000,
      endMs: BENCH_EPOCH_MS + a.endS * 1000,
      order: a.order,
    });
  }
  for (const list of schedule) list.sort((a, b) => a.startMs - b.startMs);
  return { layout, machines, plan, nowMs: BENCH_START_MS, schedule };
}

function assignment(
  order: string,
  operation: string,
  machine: string,
  startS: number,
  endS: number,
): Assignment {
  return {
    order: order as OrderId,
    operation: operation as OperationId,
    machine: machine as MachineId,
    startS,
    endS,
  };
}

const STATES: readonly ShopFloorState[] = [
  'running',
  'running',
  'running',
  'idle',
  'setup',
  'starved',
  'blocked',
  'down',
];

function pickState(rng: () => number): ShopFloorState {
  return STATES[Math.floor(rng() * STATES.length)]!;
}

function machineView(
  id: string,
  line: string,
  kind: string,
  state: ShopFloorState,
  sinceMs: number,
): MachineView {
  return {
    id,
    line,
    kind,
    state,
    itemState: state === 'running' ? 'Executing' : 'NotExecuting',
    operationMode: 'Processing',
    sinceMs,
    partCount: 0,
    scrapCount: 0,
    quality: 'good',
    signals: {},
    stateMs: { running: 0, idle: 0, setup: 0, down: 0, maintenance: 0, blocked: 0, starved: 0, off: 0 },
    energyKwh: 0,
    oee: { availability: 1, performance: 1, quality: 1, oee: 1 },
  };
}

/** Where the driver is in each machine's schedule. */
export interface BenchCursor {
  next: Int32Array;
}

export function benchCursor(plant: BenchPlant): BenchCursor {
  return { next: new Int32Array(plant.schedule.length) };
}

/**
 * One tick of the benchmark: the clock moves to nowMs, each machine takes the order of its planned assignment
 * running then, and a share of the machines (changeShare) change state. Returns the machines that changed
 * (new objects; the rest keep theirs, as the store's reducers do) and the alarms of the machines down.
 */
export function advanceBench(
  plant: BenchPlant,
  current: Readonly<Record<string, MachineView>>,
  cursor: BenchCursor,
  nowMs: number,
  changeShare: number,
  rng: () => number,
): { changed: MachineView[]; alarms: Alarm[] } {
  const changed: MachineView[] = [];
  const alarms: Alarm[] = [];
  plant.layout.machines.forEach((m, i) => {
    const list = plant.schedule[i]!;
    let k = cursor.next[i]!;
    while (k < list.length && list[k]!.endMs <= nowMs) k++;
    cursor.next[i] = k;
    const a = list[k];
    const order = a && a.startMs <= nowMs ? a.order : undefined;
    const before = current[m.id]!;
    const state = rng() < changeShare ? pickState(rng) : before.state;
    if (order !== before.order || state !== before.state) {
      const next: MachineView = { ...before, state, ...(state !== before.state && { sinceMs: nowMs }) };
      if (order === undefined) delete next.order;
      else next.order = order;
      changed.push(next);
    }
    const after = changed[changed.length - 1]?.id === m.id ? changed[changed.length - 1]! : before;
    if (after.state === 'down') {
      alarms.push({
        id: i,
        asset: m.id,
        kind: 'machineDown',
        message: 'down',
        sinceMs: after.sinceMs,
        active: true,
      });
    }
  });
  return { changed, alarms };
}
