import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../twin/schema/plan.js';
import { checkProductionPlan } from '../../solver/check/production/check-production-plan.js';
import { compileProduction } from '../../solver/production/compiled.js';
import { Decoder, Schedule } from '../../solver/production/decode.js';
import { evaluate } from '../../solver/production/objectives.js';
import { solveProduction } from '../../solver/production/solve.js';
import { parseScenario } from '../parse.js';
import type { Scenario } from '../schema.js';
import { validateEvent, type RescheduleEvent } from './events.js';
import { rescheduleProblem, rescheduleScenario, DEFAULT_FROZEN_HORIZON_S } from './reschedule.js';
import { scheduleScenario } from './schedule.js';

// The demo plant (100 orders, 640 operations on 28 machines), scheduled once, then each trigger kind.
const parsed = parseScenario(readFileSync(new URL('../demo-plant.yaml', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('demo plant does not parse');
const demo: Scenario = parsed.edited;
const ITERATIONS = 150;
const base = scheduleScenario(demo, { seed: 1, maxIterations: ITERATIONS });
const NOW = 100_000;

/** An operation the base plan has under way at NOW. */
const running = base.plan.assignments.find((a) => a.startS < NOW && NOW < a.endS - 3600)!;

const events: RescheduleEvent[] = [
  { kind: 'machineDown', at: NOW, machine: 'GR3' as never, repairS: 4 * 3600 },
  {
    kind: 'rushOrder',
    at: NOW,
    order: {
      id: 'RUSH-1' as never,
      product: 'shaft-in-22' as never,
      quantity: 60,
      due: NOW + 2 * 86_400,
      weight: 3,
    },
  },
  { kind: 'dueDateChange', at: NOW, order: 'SO-2611-002' as never, due: NOW + 4 * 3600 },
  { kind: 'quantityChange', at: NOW, order: 'SO-2611-002' as never, quantity: 320 },
  { kind: 'operationLate', at: NOW, order: running.order, operation: running.operation, delayS: 7200 },
];

/** Every operation the new plan pins stays as the previous plan had it, and the plan passes the checker. */
function expectValidVersion(
  previous: Readonly<Plan>,
  r: ReturnType<typeof rescheduleScenario>,
  kind: string,
) {
  expect(checkProductionPlan(r.problem, r.result.plan).ok).toBe(true);
  expect(r.plan).toMatchObject({ version: previous.version + 1, parent: previous.id, status: 'draft' });
  expect(r.plan.trigger.kind).toBe(kind);
  const before = new Map(previous.assignments.map((a) => [`${a.order}/${a.operation}`, a]));
  expect(r.plan.frozen.length).toBeGreaterThan(0);
  for (const i of r.plan.frozen) {
    const a = r.plan.assignments[i]!;
    const b = before.get(`${a.order}/${a.operation}`)!;
    expect(a.machine).toBe(b.machine);
    expect(a.startS).toBe(b.startS);
    expect(a.startS).toBeLessThan(r.now + DEFAULT_FROZEN_HORIZON_S);
    // Only a late operation, or one running on a machine that broke down or came back, ends otherwise.
    if (!['operationLate', 'machineDown', 'machineBack'].includes(kind))
      expect(a.endS).toBeCloseTo(b.endS, 6);
  }
  // Nothing free starts before now.
  r.plan.assignments.forEach((a, i) => {
    if (!r.plan.frozen.includes(i)) expect(a.startS).toBeGreaterThanOrEqual(r.now - 1e-6);
  });
}

describe('a repair decodes the plan in force in the order it was decoded from', () => {
  it("records each free operation's rank in the twin plan", () => {
    const ranked = base.plan.assignments.filter((a) => a.rank !== undefined);
    expect(ranked.length).toBeGreaterThan(base.plan.assignments.length * 0.9);
    expect(new Set(ranked.map((a) => a.rank)).size).toBe(ranked.length);
  });

  it('moves next to nothing when the event changes nothing, and little after a short breakdown', () => {
    const order = demo.orders[50]!;
    const same = rescheduleScenario(
      demo,
      base.plan as Plan,
      { kind: 'dueDateChange', at: NOW, order: order.id, due: order.due! },
      { seed: 1, maxIterations: 0 },
    );
    // Decoded by start instead, 324 of 640 moved. What moves here: an operation the freeze lets go (its
    // operator or setup no longer fits at its old start) and the ones it pushes.
    expect(same.changes.movedCount).toBeLessThan(20);
    expect(same.changes.machineChanges).toBe(0);
    const down = rescheduleScenario(
      demo,
      base.plan as Plan,
      { kind: 'machineDown', at: NOW, machine: 'GR3' as never, repairS: 4 * 3600 },
      { seed: 1, maxIterations: 0 },
    );
    // Only what the breakdown pushes moves: a few operations, not the plant.
    expect(down.changes.movedCount).toBeGreaterThan(0);
    expect(down.changes.movedCount).toBeLessThan(40);
  });
});

describe('rescheduling the demo plant', () => {
  it.each(events.map((e) => [e.kind, e] as const))(
    '%s gives a valid new version that keeps what is frozen',
    (kind, event) => {
      const r = rescheduleScenario(demo, base.plan, event, { seed: 1, maxIterations: ITERATIONS });
      expectValidVersion(base.plan, r, kind);
      if (kind === 'rushOrder')
        expect(r.changes.added).toBe(r.problem.jobs.find((j) => j.id === 'RUSH-1')!.operations.length);
      if (kind === 'operationLate') {
        const late = r.plan.assignments.find(
          (a) => a.order === running.order && a.operation === running.operation,
        )!;
        expect(late.endS).toBeCloseTo(running.endS + 7200, 6);
      }
    },
  );

  it('machineBack after machineDown gives a third version with the machine usable again', () => {
    const down = rescheduleScenario(demo, base.plan, events[0]!, { seed: 1, maxIterations: ITERATIONS });
    const back = rescheduleScenario(
      down.scenario,
      down.plan,
      { kind: 'machineBack', at: NOW + 3600, machine: 'GR3' as never },
      { seed: 1, maxIterations: ITERATIONS },
    );
    expectValidVersion(down.plan, back, 'machineBack');
    expect(back.plan.version).toBe(3);
    const gr3 = back.problem.machines.find((m) => m.id === 'GR3')!;
    expect(gr3.unavailable!.some((w) => w.kind === 'downtime' && w.end > NOW + 3600)).toBe(false);
  });

  it('repairs a breakdown moving fewer operations than scheduling from scratch', () => {
    for (const machine of ['GR3', 'L1']) {
      const event: RescheduleEvent = {
        kind: 'machineDown',
        at: NOW,
        machine: machine as never,
        repairS: 4 * 3600,
      };
      const repaired = rescheduleScenario(demo, base.plan, event, { seed: 1, maxIterations: ITERATIONS });
      const { problem, reference } = rescheduleProblem(demo, base.plan, event);
      const scratch = solveProduction(problem, { seed: 1, maxIterations: ITERATIONS });
      const cp = compileProduction(problem);
      const s = new Decoder(cp).decode(scratch.encoding, new Schedule(cp));
      const scratchMoved = evaluate(cp, s, reference).moved;
      expect(repaired.changes.movedCount).toBeLessThan(scratchMoved);
      expect(repaired.changes.movedCount).toBeGreaterThan(0);
    }
  });
});

describe('reschedule events', () => {
  const startMs = Date.parse(demo.start);
  it('need a repair time for a machine down, naming the field', () => {
    const checked = validateEvent({ kind: 'machineDown', at: 10, machine: 'GR3' }, startMs);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues[0]).toMatchObject({ path: 'repairS', code: 'TWIN_E_MISSING_KEY' });
  });
  it('reject unknown kinds and keys', () => {
    expect(validateEvent({ kind: 'meteor', at: 10 }, startMs).ok).toBe(false);
    expect(validateEvent({ kind: 'machineBack', at: 10, machine: 'GR3', extra: 1 }, startMs).ok).toBe(false);
  });
});

describe('scheduling a scenario', () => {
  it('maps stations, pausing, transport and running orders from the demo plant', () => {
    const { problem } = base;
    const byId = new Map(problem.machines.map((m) => [m.id, m]));
    expect(byId.get('WS2')!.stations).toBe(2);
    expect(byId.get('OV1')!.mayPause).toBe(false);
    expect(byId.get('L1')!.mayPause).toBe(true);
    expect(problem.transport!.some((row) => row.some((s) => s > 0))).toBe(true);
    const pins = problem.jobs.flatMap((j) => j.operations.filter((o) => o.pin));
    expect(pins.length).toBeGreaterThan(0);
    expect(pins.every((o) => o.pin!.reason === 'running')).toBe(true);
    expect(base.orders).toHaveLength(problem.jobs.filter((j) => j.operations.length > 0).length);
  });

  it('names an order whose only machine was removed', () => {
    const broken = structuredClone(demo);
    broken.machines = broken.machines.filter((m) => m.id !== 'TS1');
    expect(() => scheduleScenario(broken, { maxIterations: 10 })).toThrow(
      /order "SO-2611-\d+", operation "eol-test" has no machine/,
    );
  });
});
