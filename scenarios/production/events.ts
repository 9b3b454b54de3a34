// What triggers a reschedule, as one schema (files, API bodies, MQTT payloads validate against it), and how
// each event changes the scenario: a machine down for an expected repair time, a machine back, a rush order,
// a due date or quantity change, an operation running late. `at` is when it happens: the new plan's now.
import Type, { type Static } from 'typebox';
import { MachineId, OperationId, OrderId } from '../../twin/schema/ids.js';
import { Order } from '../../twin/schema/order.js';
import { instantToSimTime, Instant } from '../../twin/schema/time.js';
import { TaggedUnion } from '../../twin/schema/tagged-union.js';
import { issue, type Validated } from '../../twin/validate/issue.js';
import { checkSchema } from '../../twin/validate/schema-check.js';
import { applyEdits } from '../edits/apply.js';
import type { Edit } from '../edits/schema.js';
import type { Scenario } from '../schema.js';

const event = <const K extends string, P extends Parameters<typeof Type.Object>[0]>(kind: K, props: P) =>
  Type.Object(
    {
      kind: Type.Literal(kind),
      at: Instant,
      note: Type.Optional(Type.String({ maxLength: 500 })),
      ...props,
    },
    { additionalProperties: false },
  );

export const MachineDownEvent = event('machineDown', {
  machine: MachineId,
  repairS: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'expected repair time' })),
  until: Type.Optional(Instant),
});
export const MachineBackEvent = event('machineBack', { machine: MachineId });
export const RushOrderEvent = event('rushOrder', { order: Order });
export const DueDateChangeEvent = event('dueDateChange', { order: OrderId, due: Instant });
export const QuantityChangeEvent = event('quantityChange', {
  order: OrderId,
  quantity: Type.Integer({ minimum: 1 }),
});
export const OperationLateEvent = event('operationLate', {
  order: OrderId,
  operation: OperationId,
  expectedEnd: Type.Optional(Instant),
  delayS: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'later than planned by' })),
});

const EVENTS = [
  MachineDownEvent,
  MachineBackEvent,
  RushOrderEvent,
  DueDateChangeEvent,
  QuantityChangeEvent,
  OperationLateEvent,
] as const;

/** The event kinds, read off the schemas (each one is also a plan trigger kind: the new plan records it). */
export const EVENT_KINDS = EVENTS.map((e) => e.properties.kind.const);

export const RescheduleEvent = TaggedUnion([...EVENTS], {
  title: 'RescheduleEvent',
  description: `what triggers a reschedule: kind is one of ${EVENT_KINDS.join(', ')}`,
});
export type RescheduleEvent = Static<typeof RescheduleEvent>;

/** Schema first, then what it cannot say: a machine down needs `repairS` or `until`, a late operation one
 * of `expectedEnd` and `delayS`, instants that read as dates. */
export function validateEvent(value: unknown, startMs: number): Validated<RescheduleEvent> {
  const checked = checkSchema(RescheduleEvent, value);
  if (!checked.ok) return checked;
  const e = checked.value;
  const issues = [];
  if (Number.isNaN(instantToSimTime(e.at, startMs)))
    issues.push(issue('TWIN_E_SCHEMA', ['at'], 'is not a date-time'));
  if (e.kind === 'machineDown' && e.repairS === undefined && e.until === undefined)
    issues.push(
      issue(
        'TWIN_E_MISSING_KEY',
        ['repairS'],
        'a machine down needs repairS (expected repair time) or until',
      ),
    );
  if (e.kind === 'operationLate' && e.expectedEnd === undefined && e.delayS === undefined)
    issues.push(issue('TWIN_E_MISSING_KEY', ['delayS'], 'a late operation needs delayS or expectedEnd'));
  return issues.length ? { ok: false, issues } : checked;
}

/** The scenario as the event leaves it (the input untouched); running-late operations are handled by the
 * caller, which knows the plan's times. */
export function applyEvent(scenario: Scenario, e: RescheduleEvent, startMs: number): Validated<Scenario> {
  const now = instantToSimTime(e.at, startMs);
  const edits: Edit[] = [];
  switch (e.kind) {
    case 'machineDown': {
      const to = e.until ?? now + e.repairS!;
      edits.push({ kind: 'machineDown', machine: e.machine, from: now, to, note: e.note ?? 'breakdown' });
      break;
    }
    case 'machineBack': {
      const next = structuredClone(scenario);
      const machine = next.machines.find((m) => m.id === e.machine);
      if (!machine)
        return { ok: false, issues: [issue('TWIN_E_EDIT', ['machine'], `unknown machine "${e.machine}"`)] };
      // Downtime going on at `at` ends then; planned maintenance stays.
      machine.downtime = (machine.downtime ?? []).flatMap((w) => {
        const from = instantToSimTime(w.start, startMs);
        const to = instantToSimTime(w.end, startMs);
        if (from <= now && now < to) return from < now ? [{ ...w, end: now }] : [];
        return [w];
      });
      return { ok: true, value: next };
    }
    case 'rushOrder': {
      const release =
        e.order.release === undefined ? now : Math.max(now, instantToSimTime(e.order.release, startMs));
      edits.push({ kind: 'rushOrder', order: { ...e.order, release } });
      break;
    }
    case 'dueDateChange':
      edits.push({ kind: 'dueDate', order: e.order, due: e.due });
      break;
    case 'quantityChange':
      edits.push({ kind: 'quantity', order: e.order, quantity: e.quantity });
      break;
    case 'operationLate':
      if (!scenario.orders.some((o) => o.id === e.order))
        return { ok: false, issues: [issue('TWIN_E_EDIT', ['order'], `unknown order "${e.order}"`)] };
      return { ok: true, value: scenario };
  }
  return applyEdits(scenario, edits);
}
