import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clockMinutes, instantToSimTime } from '../twin/schema/time.js';
import { parseScenario } from './parse.js';
import type { Scenario } from './schema.js';
import { distributionMean } from '../twin/distribution-stats.js';

// The default plant of `npm start`: it must load, and it must look like the shop the showcase promises.
const text = readFileSync(new URL('./demo-plant.yaml', import.meta.url), 'utf8');
const parsed = parseScenario(text);

function scenario(): Scenario {
  if (parsed.ok) return parsed.scenario;
  const lines = parsed.issues.map((i) => `  line ${i.line ?? '?'}: ${i.path} ${i.code}: ${i.message}`);
  throw new Error(`scenarios/demo-plant.yaml is invalid:\n${lines.join('\n')}`);
}

const DAY_S = 86_400;
const operations = () => scenario().products.flatMap((p) => p.routing);

describe('demo plant', () => {
  it('parses and validates', () => {
    if (!parsed.ok) console.error(parsed.issues);
    expect(parsed.ok).toBe(true);
    expect(scenario().formatVersion).toBe(2);
  });

  it('has 20-30 machines in 3-4 lines', () => {
    const s = scenario();
    expect(s.machines.length).toBeGreaterThanOrEqual(20);
    expect(s.machines.length).toBeLessThanOrEqual(30);
    expect(s.lines.length).toBeGreaterThanOrEqual(3);
    expect(s.lines.length).toBeLessThanOrEqual(4);
    const used = new Set(s.machines.map((m) => m.line));
    expect([...used].sort()).toEqual(s.lines.map((l) => l.id).sort());
  });

  it('has at least 10 products, one assembled from a bill of materials', () => {
    const s = scenario();
    expect(s.products.length).toBeGreaterThanOrEqual(10);
    const ids = new Set(s.products.map((p) => p.id));
    const assemblies = s.products.filter((p) => (p.bom ?? []).length > 0);
    expect(assemblies.length).toBeGreaterThanOrEqual(1);
    for (const p of assemblies) for (const item of p.bom ?? []) expect(ids.has(item.product)).toBe(true);
    for (const p of s.products) {
      expect(p.routing.length).toBeGreaterThanOrEqual(3);
      expect(p.routing.length).toBeLessThanOrEqual(9);
    }
  });

  it('has 90-110 orders due within two weeks of the start', () => {
    const s = scenario();
    expect(s.orders.length).toBeGreaterThanOrEqual(90);
    expect(s.orders.length).toBeLessThanOrEqual(110);
    const startMs = Date.parse(s.start);
    for (const o of s.orders) {
      expect(o.id).toMatch(/^SO-2611-\d{3}$/);
      expect(o.quantity).toBeGreaterThanOrEqual(20);
      expect(o.quantity).toBeLessThanOrEqual(400);
      expect(o.due, o.id).toBeDefined();
      const release = instantToSimTime(o.release ?? 0, startMs);
      const due = instantToSimTime(o.due!, startMs);
      expect(release, o.id).toBeGreaterThanOrEqual(0);
      expect(release, o.id).toBeLessThanOrEqual(11 * DAY_S);
      expect(due, o.id).toBeGreaterThan(release);
      expect(due, o.id).toBeLessThanOrEqual(14 * DAY_S);
    }
    expect(s.orders.filter((o) => o.priority === 9).length).toBeGreaterThanOrEqual(2);
    const inProgress = s.orders.filter((o) => o.progress?.some((p) => p.status === 'running'));
    expect(inProgress.length).toBeGreaterThanOrEqual(3);
    for (const o of inProgress)
      for (const p of o.progress ?? []) if (p.status !== 'pending') expect(p.machine).toBeDefined();
  });

  it('has 2-3 AGVs', () => {
    const agvs = (scenario().transporters ?? []).filter((t) => t.kind === 'agv');
    expect(agvs.length).toBeGreaterThanOrEqual(2);
    expect(agvs.length).toBeLessThanOrEqual(3);
    for (const a of agvs) {
      expect(a.speedMps).toBeGreaterThanOrEqual(0.8);
      expect(a.speedMps).toBeLessThanOrEqual(1.5);
    }
  });

  it('has a batch machine and a machine with parallel stations', () => {
    const s = scenario();
    expect(s.machines.some((m) => m.batch !== undefined)).toBe(true);
    expect(s.machines.some((m) => (m.capacity ?? 1) > 1)).toBe(true);
  });

  it('uses a sequence-dependent setup matrix', () => {
    const s = scenario();
    const byId = new Map(s.machines.map((m) => [m.id as string, m]));
    const matrices = new Set((s.setupMatrices ?? []).map((m) => m.id as string));
    const used = operations().filter(
      (op) =>
        op.setupFamily !== undefined &&
        op.alternatives.some((a) => matrices.has(byId.get(a.machine)?.setupMatrix ?? '')),
    );
    expect(used.length).toBeGreaterThan(0);
    expect((s.setupMatrices ?? []).some((m) => (m.changes ?? []).length > 0)).toBe(true);
  });

  it('works two shifts', () => {
    const s = scenario();
    const calendar = (s.calendars ?? []).find((c) => c.id === s.site.calendar);
    expect(calendar).toBeDefined();
    const starts = new Set(calendar!.shifts.map((sh) => sh.start));
    expect(calendar!.shifts.length).toBeGreaterThanOrEqual(2);
    expect(starts.size).toBeGreaterThanOrEqual(2);
  });

  it('gives every machine power figures and failures', () => {
    for (const m of scenario().machines) {
      expect(m.powerKw, m.id).toBeDefined();
      expect(m.powerKw!.running, m.id).toBeGreaterThan(0);
      expect(m.powerKw!.idle, m.id).toBeLessThanOrEqual(m.powerKw!.running);
      expect(m.ttf, m.id).toBeDefined();
      expect(m.ttr, m.id).toBeDefined();
    }
  });

  it('offers alternative machines on at least 30 % of the operations', () => {
    const ops = operations();
    const withAlternatives = ops.filter((op) => op.alternatives.length > 1).length;
    expect(withAlternatives / ops.length).toBeGreaterThanOrEqual(0.3);
  });

  it('places no two machines or buffers on the same floor space', () => {
    const s = scenario();
    const boxes = [...s.machines, ...(s.buffers ?? [])].map((item) => footprintBox(item.id, item.placement));
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) overlaps.push(`${a.id} / ${b.id}`);
      }
    expect(overlaps).toEqual([]);
  });

  it('loads the busiest machines to 60-90 % of their working time', () => {
    const util = utilisation(scenario());
    const busiest = Math.max(...util.values());
    expect(busiest).toBeGreaterThanOrEqual(0.6);
    expect(busiest).toBeLessThanOrEqual(0.9);
  });

  it('holds the order book that scripts/generate-demo-orders.mjs prints', () => {
    const script = fileURLToPath(new URL('../scripts/generate-demo-orders.mjs', import.meta.url));
    const args = [script, '--no-load']; // its load report needs the compiled twin (dist/), the orders do not
    const generated = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: 'pipe' });
    expect(text).toContain(generated);
  });
});

interface Box {
  id: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The floor rectangle of a placement (position = centre); rotations are multiples of 90°. */
function footprintBox(id: string, placement: Scenario['machines'][number]['placement']): Box {
  const rotation = (((placement.rotationDeg ?? 0) % 360) + 360) % 360;
  if (rotation % 90 !== 0) throw new Error(`${id}: rotation ${rotation}° is not a multiple of 90°`);
  const quarter = rotation === 90 || rotation === 270;
  const w = quarter ? placement.footprint.depth : placement.footprint.width;
  const d = quarter ? placement.footprint.width : placement.footprint.depth;
  const { x, y } = placement.position;
  return { id, x0: x - w / 2, x1: x + w / 2, y0: y - d / 2, y1: y + d / 2 };
}

// ---------------------------------------------------------------------------------------------------------
// Load estimate of this test's own, finer than the `twin inspect` figures the generator prints (those ignore
// progress, setups and maintenance, and count working time from the first release to the last due date only,
// so they read higher): the remaining work of each operation is spread over its alternatives in proportion to
// their speed, plus one setup per lot (mean of the matrix's default and same-family times); furnace cycles
// fill batches to 80 %. Capacity is the working time of each machine's calendar over the experiment horizon,
// less planned maintenance.

const BATCH_FILL = 0.8;

function utilisation(s: Scenario): Map<string, number> {
  const machines = new Map(s.machines.map((m) => [m.id as string, m]));
  const matrices = new Map((s.setupMatrices ?? []).map((m) => [m.id as string, m]));
  const products = new Map(s.products.map((p) => [p.id as string, p]));
  const load = new Map<string, number>([...machines.keys()].map((id) => [id, 0]));
  const add = (machine: string, seconds: number) => load.set(machine, load.get(machine)! + seconds);
  const batches = new Map<string, { units: number; alternatives: { machine: string; t: number }[] }>();

  for (const order of s.orders) {
    const progress = new Map((order.progress ?? []).map((p) => [p.operation as string, p]));
    for (const op of products.get(order.product)!.routing) {
      const p = progress.get(op.id);
      if (p?.status === 'done' || (p?.status === 'running' && op.batchFamily)) continue;
      const units = order.quantity - (p?.completedUnits ?? 0);
      const alternatives = op.alternatives.map((a) => ({
        machine: a.machine as string,
        t: distributionMean(a.time),
      }));
      if (op.batchFamily !== undefined) {
        const key = `${op.batchFamily}|${alternatives.map((a) => a.machine).join(',')}`;
        const entry = batches.get(key) ?? { units: 0, alternatives };
        entry.units += units;
        batches.set(key, entry);
        continue;
      }
      const rate = alternatives.reduce((sum, a) => sum + 1 / a.t, 0);
      op.alternatives.forEach((alt, k) => {
        const t = alternatives[k]!.t;
        const share = 1 / t / rate;
        const work = alt.per === 'lot' ? t * share : units * t * share * (1 + (op.reworkRate ?? 0));
        const matrix = matrices.get(machines.get(alt.machine)!.setupMatrix ?? '');
        const setup =
          op.setupFamily !== undefined && matrix
            ? (share * (matrix.defaultS + (matrix.sameFamilyS ?? 0))) / 2
            : 0;
        add(alt.machine, work + setup);
      });
    }
  }
  for (const { units, alternatives } of batches.values()) {
    const maxUnits = machines.get(alternatives[0]!.machine)!.batch!.maxUnits;
    const cycles = Math.ceil(units / (BATCH_FILL * maxUnits));
    const rate = alternatives.reduce((sum, a) => sum + 1 / a.t, 0);
    for (const a of alternatives) add(a.machine, cycles / rate);
  }
  const horizonS = s.experiment?.horizonS ?? 14 * DAY_S;
  return new Map(
    [...load].map(([id, seconds]) => {
      const m = machines.get(id)!;
      return [
        id,
        seconds / (workingSeconds(s, m.calendar, m.maintenance ?? [], horizonS) * (m.capacity ?? 1)),
      ];
    }),
  );
}

/** Working seconds of a calendar within [start, start + horizon), less the given windows (minute resolution). */
function workingSeconds(
  s: Scenario,
  calendarId: string | undefined,
  windows: { start: string | number; end: string | number }[],
  horizonS: number,
): number {
  const minutes = Math.floor(horizonS / 60);
  const open = new Uint8Array(minutes);
  const calendar = (s.calendars ?? []).find((c) => c.id === calendarId);
  if (!calendar) return horizonS; // no calendar: always available
  const startMs = Date.parse(s.start);
  const offset = /([+-])(\d\d):(\d\d)$/.exec(s.start);
  const offsetMin = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  const localStartMin = startMs / 60_000 + offsetMin;
  const firstMidnight = Math.floor(localStartMin / 1440) * 1440;
  const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  for (let midnight = firstMidnight - 1440; midnight < localStartMin + minutes; midnight += 1440) {
    const day = new Date(midnight * 60_000);
    if ((calendar.holidays ?? []).includes(day.toISOString().slice(0, 10))) continue;
    for (const shift of calendar.shifts) {
      if (!shift.days.includes(weekdays[day.getUTCDay()] as never)) continue;
      const from = clockMinutes(shift.start);
      let to = clockMinutes(shift.end);
      if (to <= from) to += 1440;
      const breaks = (shift.breaks ?? []).map((b) => {
        let bs = clockMinutes(b.start);
        let be = clockMinutes(b.end);
        if (bs < from) bs += 1440; // past midnight
        if (be <= bs) be += 1440;
        return [bs, be] as const;
      });
      for (let m = from; m < to; m++) {
        if (breaks.some(([b, e]) => m >= b && m < e)) continue;
        const i = midnight + m - localStartMin;
        if (i >= 0 && i < minutes) open[i] = 1;
      }
    }
  }
  for (const w of windows) {
    const a = Math.max(0, Math.floor(instantToSimTime(w.start, startMs) / 60));
    const b = Math.min(minutes, Math.ceil(instantToSimTime(w.end, startMs) / 60));
    for (let i = a; i < b; i++) open[i] = 0;
  }
  return open.reduce((sum, v) => sum + v, 0) * 60;
}
