import { scaleDistribution } from '../../twin/distribution-scale.js';
import { issue, type Validated, type ValidationIssue } from '../../twin/validate/issue.js';
import type { Scenario } from '../schema.js';
import type { Edit } from './schema.js';

type Path = (string | number)[];

/**
 * Apply a scenario's what-if edits in order: `(scenario) → scenario` with no edits left, the input untouched.
 * An edit that leaves the model unable to make something (the only machine for an operation removed) is
 * reported with the orders it strands, rather than producing a model that cannot be run.
 */
export function applyEdits(
  scenario: Scenario,
  edits: readonly Edit[] = scenario.edits ?? [],
): Validated<Scenario> {
  const next = structuredClone({ ...scenario, edits: [] as Edit[] });
  const issues: ValidationIssue[] = [];
  edits.forEach((edit, i) => applyEdit(next, edit, ['edits', i], issues));
  return issues.length ? { ok: false, issues } : { ok: true, value: next };
}

function applyEdit(s: Scenario, edit: Edit, at: Path, issues: ValidationIssue[]): void {
  const fail = (where: Path, message: string): void => {
    issues.push(issue('TWIN_E_EDIT', where, message));
  };
  const machine = (id: string) => s.machines.find((m) => m.id === id);
  const order = (id: string) => s.orders.find((o) => o.id === id);
  switch (edit.kind) {
    case 'machineDown': {
      const m = machine(edit.machine);
      if (!m) return fail([...at, 'machine'], `unknown machine "${edit.machine}"`);
      m.downtime = [
        ...(m.downtime ?? []),
        { start: edit.from, end: edit.to, reason: edit.note ?? 'what-if: machine down' },
      ];
      return;
    }
    case 'rushOrder':
      if (order(edit.order.id))
        return fail([...at, 'order', 'id'], `order "${edit.order.id}" already exists`);
      s.orders.push(structuredClone(edit.order));
      return;
    case 'extraShift': {
      const calendar = (s.calendars ?? []).find((c) => c.id === edit.calendar);
      if (!calendar) return fail([...at, 'calendar'], `unknown calendar "${edit.calendar}"`);
      calendar.shifts.push(structuredClone(edit.shift));
      return;
    }
    case 'processingTime': {
      const op = s.products.find((p) => p.id === edit.product)?.routing.find((o) => o.id === edit.operation);
      if (!op)
        return fail(
          [...at, 'operation'],
          `unknown operation "${edit.operation}" of product "${edit.product}"`,
        );
      const targets = op.alternatives.filter((a) => edit.machine === undefined || a.machine === edit.machine);
      if (!targets.length)
        return fail(
          [...at, 'machine'],
          `machine "${edit.machine}" does not run operation "${edit.operation}"`,
        );
      for (const alt of targets) {
        if (edit.time) alt.time = structuredClone(edit.time);
        else if (edit.factor !== undefined) alt.time = scaleDistribution(alt.time, edit.factor);
      }
      return;
    }
    case 'removeMachine':
      return removeMachine(s, edit.machine, at, fail);
    case 'addMachine': {
      if (machine(edit.machine.id))
        return fail([...at, 'machine', 'id'], `machine "${edit.machine.id}" already exists`);
      s.machines.push(structuredClone(edit.machine));
      if (edit.like === undefined) return;
      if (!machine(edit.like)) return fail([...at, 'like'], `unknown machine "${edit.like}"`);
      for (const op of s.products.flatMap((p) => p.routing)) {
        const model = op.alternatives.find((a) => a.machine === edit.like);
        if (model) op.alternatives.push({ ...structuredClone(model), machine: edit.machine.id });
      }
      return;
    }
    case 'dueDate': {
      const o = order(edit.order);
      if (!o) return fail([...at, 'order'], `unknown order "${edit.order}"`);
      o.due = edit.due;
      return;
    }
    case 'quantity': {
      const o = order(edit.order);
      if (!o) return fail([...at, 'order'], `unknown order "${edit.order}"`);
      o.quantity = edit.quantity;
      return;
    }
  }
}

function removeMachine(
  s: Scenario,
  id: string,
  at: Path,
  fail: (where: Path, message: string) => void,
): void {
  const index = s.machines.findIndex((m) => m.id === id);
  if (index < 0) return fail([...at, 'machine'], `unknown machine "${id}"`);
  s.machines.splice(index, 1);
  for (const product of s.products) {
    for (const op of product.routing) {
      op.alternatives = op.alternatives.filter((a) => a.machine !== id);
      if (op.alternatives.length === 0) {
        const stranded = s.orders.filter((o) => o.product === product.id).map((o) => o.id);
        fail(
          [...at, 'machine'],
          `removing "${id}" leaves operation "${op.id}" of product "${product.id}" with no machine` +
            (stranded.length ? ` (orders ${stranded.join(', ')} cannot be finished)` : ''),
        );
      }
    }
  }
  for (const t of s.transporters ?? []) {
    if (t.from === id || t.to === id)
      fail([...at, 'machine'], `conveyor "${t.id}" starts or ends at "${id}"`);
  }
}
