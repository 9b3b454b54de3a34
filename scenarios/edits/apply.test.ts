import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyEdits } from './apply.js';
import type { Edit } from './schema.js';
import { parseScenario } from '../parse.js';
import type { Scenario } from '../schema.js';
import { validateScenario } from '../validate.js';
import { distributionMean } from '../../twin/distribution-stats.js';
import type { ValidationIssue } from '../../twin/validate/issue.js';

const text = readFileSync(new URL('../small-plant.yaml', import.meta.url), 'utf8');

/** A fresh small plant (validated, defaults filled in). */
function smallPlant(): Scenario {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues, null, 2));
  return parsed.scenario;
}

/** Apply edits that must succeed; the result has no edits left and still validates. */
function applied(scenario: Scenario, edits: unknown[]): Scenario {
  const result = applyEdits(scenario, edits as Edit[]);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  expect(result.value.edits).toEqual([]);
  const valid = validateScenario(structuredClone(result.value));
  if (!valid.ok) throw new Error(JSON.stringify(valid.issues, null, 2));
  return result.value;
}

function refused(scenario: Scenario, edits: unknown[]): ValidationIssue[] {
  const result = applyEdits(scenario, edits as Edit[]);
  if (result.ok) throw new Error('expected the edits to be refused');
  return result.issues;
}

const machine = (s: Scenario, id: string) => s.machines.find((m) => m.id === id);
const operation = (s: Scenario, product: string, op: string) =>
  s.products.find((p) => p.id === product)!.routing.find((o) => o.id === op)!;
const machinesOf = (s: Scenario, product: string, op: string) =>
  operation(s, product, op).alternatives.map((a) => a.machine);

describe('applyEdits', () => {
  it("applies the scenario's own edits by default", () => {
    const base = smallPlant();
    expect(base.edits).toHaveLength(1);
    const out = applied(base, base.edits!);
    expect(applyEdits(base)).toEqual({ ok: true, value: out });
    expect(machine(out, 'L2')!.downtime).toEqual([
      { start: '2026-11-24T08:00:00+08:00', end: '2026-11-24T12:00:00+08:00', reason: 'spindle bearing' },
    ]);
  });

  it('machineDown adds a downtime window after the existing ones', () => {
    const base = smallPlant();
    const out = applied(base, [
      { kind: 'machineDown', machine: 'L1', from: 3600, to: 7200 },
      { kind: 'machineDown', machine: 'L1', from: 9000, to: 9600, note: 'coolant leak' },
    ]);
    expect(machine(out, 'L1')!.downtime).toEqual([
      { start: 3600, end: 7200, reason: 'what-if: machine down' },
      { start: 9000, end: 9600, reason: 'coolant leak' },
    ]);
    expect(machine(base, 'L1')!.downtime).toBeUndefined();
  });

  it('rushOrder appends an order; an existing id is an issue', () => {
    const base = smallPlant();
    const rush = { id: 'SO-2000', product: 'shaft-long', quantity: 10, due: 86400, priority: 9 };
    const out = applied(base, [{ kind: 'rushOrder', order: rush }]);
    expect(out.orders.map((o) => o.id)).toEqual([...base.orders.map((o) => o.id), 'SO-2000']);
    expect(out.orders.at(-1)).toEqual(rush);
    const issues = refused(base, [{ kind: 'rushOrder', order: { ...rush, id: 'SO-1003' } }]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([['TWIN_E_EDIT', 'edits[0].order.id']]);
    expect(issues[0]!.message).toContain('SO-1003');
  });

  it('extraShift appends a shift to the calendar', () => {
    const night = { name: 'night', days: ['mon', 'tue'], start: '22:00', end: '06:00' };
    const out = applied(smallPlant(), [{ kind: 'extraShift', calendar: 'two-shifts', shift: night }]);
    expect(out.calendars![0]!.shifts.map((s) => s.name)).toEqual(['early', 'late', 'night']);
    expect(out.calendars![0]!.shifts[2]).toEqual(night);
    expect(refused(smallPlant(), [{ kind: 'extraShift', calendar: 'nope', shift: night }])[0]!.path).toBe(
      'edits[0].calendar',
    );
  });

  it('processingTime with time replaces the distribution on the named machine only', () => {
    const base = smallPlant();
    const time = { kind: 'fixed', value: 55 };
    const out = applied(base, [
      { kind: 'processingTime', product: 'shaft-short', operation: 'turn', machine: 'L2', time },
    ]);
    const [l1, l2] = operation(out, 'shaft-short', 'turn').alternatives;
    expect(l2).toEqual({ machine: 'L2', time });
    expect(l1).toEqual(operation(base, 'shaft-short', 'turn').alternatives[0]);
  });

  it('processingTime with factor scales every alternative', () => {
    const base = smallPlant();
    const out = applied(base, [
      { kind: 'processingTime', product: 'shaft-short', operation: 'turn', factor: 1.5 },
      { kind: 'processingTime', product: 'shaft-short', operation: 'inspect', factor: 0.8 },
      { kind: 'processingTime', product: 'shaft-long', operation: 'inspect', machine: 'CMM1', factor: 2 },
    ]);
    const means = (s: Scenario, product: string, op: string) =>
      operation(s, product, op).alternatives.map((a) => distributionMean(a.time));
    const scaled = (product: string, op: string, factor: number) =>
      means(base, product, op).map((m) => m * factor);
    for (const [product, op, factor] of [
      ['shaft-short', 'turn', 1.5],
      ['shaft-short', 'inspect', 0.8], // a truncated normal
      ['shaft-long', 'inspect', 2], // an empirical distribution
    ] as const) {
      const got = means(out, product, op);
      const want = scaled(product, op, factor);
      expect(got).toHaveLength(want.length);
      got.forEach((m, i) => expect(m).toBeCloseTo(want[i]!, 9));
    }
    expect(means(out, 'shaft-short', 'wash')).toEqual(means(base, 'shaft-short', 'wash'));
  });

  it('processingTime on a machine that does not run the operation is an issue', () => {
    const issues = refused(smallPlant(), [
      { kind: 'processingTime', product: 'shaft-long', operation: 'turn', machine: 'L2', factor: 2 },
    ]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([['TWIN_E_EDIT', 'edits[0].machine']]);
  });

  it('removeMachine drops the machine and its alternatives', () => {
    const out = applied(smallPlant(), [{ kind: 'removeMachine', machine: 'L2' }]);
    expect(out.machines.map((m) => m.id)).toEqual(['L1', 'OV1', 'W1', 'CMM1']);
    expect(machinesOf(out, 'shaft-short', 'turn')).toEqual(['L1']);
  });

  it('removing the only machine of an operation names the operation and the stranded orders', () => {
    const issues = refused(smallPlant(), [{ kind: 'removeMachine', machine: 'W1' }]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([['TWIN_E_EDIT', 'edits[0].machine']]);
    const message = issues[0]!.message;
    expect(message).toContain('operation "wash" of product "shaft-short"');
    // The shaft-short orders; the shaft-long ones do not need the washer.
    expect(message).toContain('orders SO-1001, SO-1003, SO-1005 cannot be finished');
    expect(message).not.toContain('SO-1002');
  });

  it('addMachine with like copies the alternatives of the model machine', () => {
    const base = smallPlant();
    const l3 = { ...structuredClone(machine(base, 'L1')!), id: 'L3', name: 'CNC lathe 3' };
    l3.placement = { ...l3.placement, position: { x: 10, y: 0 } };
    const out = applied(base, [{ kind: 'addMachine', machine: l3, like: 'L1' }]);
    expect(out.machines.map((m) => m.id)).toEqual(['L1', 'L2', 'OV1', 'W1', 'CMM1', 'L3']);
    expect(machinesOf(out, 'shaft-short', 'turn')).toEqual(['L1', 'L2', 'L3']);
    expect(machinesOf(out, 'shaft-long', 'turn')).toEqual(['L1', 'L3']);
    const [first, , copy] = operation(out, 'shaft-short', 'turn').alternatives;
    expect(copy!.time).toEqual(first!.time);
    expect(copy!.time).not.toBe(first!.time);
    expect(machinesOf(out, 'shaft-short', 'wash')).toEqual(['W1']);
  });

  it('addMachine without like adds a machine that runs nothing yet', () => {
    const base = smallPlant();
    const w2 = { ...structuredClone(machine(base, 'W1')!), id: 'W2' };
    const out = applied(base, [{ kind: 'addMachine', machine: w2 }]);
    expect(machine(out, 'W2')).toEqual(w2);
    expect(machinesOf(out, 'shaft-short', 'wash')).toEqual(['W1']);
  });

  it('dueDate and quantity change the named order', () => {
    const base = smallPlant();
    const due = '2026-11-30T14:00:00+08:00';
    const out = applied(base, [
      { kind: 'dueDate', order: 'SO-1001', due },
      { kind: 'quantity', order: 'SO-1002', quantity: 99 },
    ]);
    expect(out.orders.find((o) => o.id === 'SO-1001')!.due).toBe(due);
    expect(out.orders.find((o) => o.id === 'SO-1002')!.quantity).toBe(99);
    expect(out.orders.find((o) => o.id === 'SO-1003')).toEqual(base.orders.find((o) => o.id === 'SO-1003'));
    const issues = refused(base, [{ kind: 'quantity', order: 'SO-9', quantity: 1 }]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([['TWIN_E_EDIT', 'edits[0].order']]);
  });

  it('leaves the input scenario untouched', () => {
    const base = smallPlant();
    const before = structuredClone(base);
    const l3 = { ...structuredClone(machine(base, 'L1')!), id: 'L3' };
    applied(base, [
      { kind: 'machineDown', machine: 'L1', from: 0, to: 60 },
      { kind: 'rushOrder', order: { id: 'SO-3000', product: 'shaft-short', quantity: 1 } },
      {
        kind: 'extraShift',
        calendar: 'two-shifts',
        shift: { name: 'sat', days: ['sat'], start: '06:00', end: '12:00' },
      },
      { kind: 'processingTime', product: 'shaft-short', operation: 'turn', factor: 1.2 },
      { kind: 'addMachine', machine: l3, like: 'L1' },
      { kind: 'removeMachine', machine: 'L2' },
      { kind: 'dueDate', order: 'SO-1001', due: 500000 },
      { kind: 'quantity', order: 'SO-1002', quantity: 5 },
    ]);
    refused(base, [{ kind: 'removeMachine', machine: 'W1' }]);
    expect(base).toEqual(before);
  });
});
