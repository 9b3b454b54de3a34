import { checkSchema } from '../twin/validate/schema-check.js';
import { checkFactoryModel, type ModelIndex } from '../twin/validate/model-checks.js';
import { checkRef, indexIds } from '../twin/validate/id-index.js';
import { issue, type Validated, type ValidationIssue } from '../twin/validate/issue.js';
import { instantToSimTime, type Instant } from '../twin/schema/time.js';
import type { Order } from '../twin/schema/order.js';
import { modelOf, Scenario } from './schema.js';
import type { Edit } from './edits/schema.js';

/**
 * Validate a parsed (and migrated) scenario document: the schema first, then what the schema cannot say.
 * The document is changed in place (defaults filled in).
 */
export function validateScenario(doc: unknown): Validated<Scenario> {
  const shape = checkSchema(Scenario, doc);
  const issues = shape.ok ? [] : [...shape.issues];
  // Reference and consistency checks also run on a document with schema errors, so that one pass reports
  // every problem; where the document is too broken for them to walk, the schema errors say enough.
  try {
    issues.push(...semanticIssues(doc as Scenario));
  } catch {
    if (shape.ok) throw new Error('semantic checks failed on a schema-valid scenario');
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: doc as Scenario };
}

function semanticIssues(scenario: Scenario): ValidationIssue[] {
  const { issues, index } = checkFactoryModel(modelOf(scenario));
  const startMs = Date.parse(scenario.start);
  const orders = indexIds(scenario.orders, 'orders', issues, 'order');
  scenario.orders.forEach((order, i) => checkOrder(order, ['orders', i], index, startMs, issues));
  (scenario.edits ?? []).forEach((edit, i) => checkEdit(edit, ['edits', i], index, orders, startMs, issues));
  const exp = scenario.experiment;
  if (exp?.horizonS !== undefined && exp.warmupS !== undefined && exp.warmupS >= exp.horizonS) {
    issues.push(
      issue(
        'TWIN_E_INCONSISTENT',
        ['experiment', 'warmupS'],
        `must be shorter than horizonS (${exp.horizonS})`,
      ),
    );
  }
  return issues;
}

function checkOrder(
  order: Order,
  at: (string | number)[],
  index: ModelIndex,
  startMs: number,
  issues: ValidationIssue[],
) {
  checkRef(index.products, order.product, [...at, 'product'], 'product', issues);
  const release = order.release === undefined ? 0 : instantToSimTime(order.release, startMs);
  if (order.due !== undefined && instantToSimTime(order.due, startMs) < release) {
    issues.push(
      issue(
        'TWIN_E_INCONSISTENT',
        [...at, 'due'],
        `due date ${show(order.due)} is before the release ${show(order.release ?? 0)}`,
      ),
    );
  }
  const routing = index.products.get(order.product)?.routing;
  if (!routing) return;
  const opIds = new Map(routing.map((op) => [op.id as string, op]));
  (order.progress ?? []).forEach((p, k) => {
    checkRef(
      opIds,
      p.operation,
      [...at, 'progress', k, 'operation'],
      `operation of "${order.product}"`,
      issues,
    );
    if (p.completedUnits !== undefined && p.completedUnits > order.quantity) {
      issues.push(
        issue(
          'TWIN_E_INCONSISTENT',
          [...at, 'progress', k, 'completedUnits'],
          `exceeds the order quantity (${order.quantity})`,
        ),
      );
    }
    const op = opIds.get(p.operation);
    if (op && p.machine !== undefined && !op.alternatives.some((a) => a.machine === p.machine)) {
      issues.push(
        issue(
          'TWIN_E_INCONSISTENT',
          [...at, 'progress', k, 'machine'],
          `machine "${p.machine}" cannot run operation "${p.operation}"`,
        ),
      );
    }
  });
}

function checkEdit(
  edit: Edit,
  at: (string | number)[],
  index: ModelIndex,
  orders: ReadonlyMap<string, unknown>,
  startMs: number,
  issues: ValidationIssue[],
) {
  switch (edit.kind) {
    case 'machineDown':
      checkRef(index.machines, edit.machine, [...at, 'machine'], 'machine', issues);
      if (instantToSimTime(edit.to, startMs) <= instantToSimTime(edit.from, startMs)) {
        issues.push(issue('TWIN_E_INCONSISTENT', [...at, 'to'], `must be after from (${show(edit.from)})`));
      }
      break;
    case 'rushOrder':
      if (orders.has(edit.order.id))
        issues.push(
          issue('TWIN_E_DUPLICATE_ID', [...at, 'order', 'id'], `order "${edit.order.id}" already exists`),
        );
      checkOrder(edit.order, [...at, 'order'], index, startMs, issues);
      break;
    case 'extraShift':
      checkRef(index.calendars, edit.calendar, [...at, 'calendar'], 'calendar', issues);
      break;
    case 'processingTime': {
      checkRef(index.machines, edit.machine, [...at, 'machine'], 'machine', issues);
      const product = index.products.get(edit.product);
      checkRef(index.products, edit.product, [...at, 'product'], 'product', issues);
      if (product)
        checkRef(
          new Set(product.routing.map((o) => o.id)),
          edit.operation,
          [...at, 'operation'],
          `operation of "${edit.product}"`,
          issues,
        );
      if ((edit.time === undefined) === (edit.factor === undefined)) {
        issues.push(issue('TWIN_E_INCONSISTENT', at, 'give exactly one of `time` and `factor`'));
      }
      break;
    }
    case 'removeMachine':
      checkRef(index.machines, edit.machine, [...at, 'machine'], 'machine', issues);
      break;
    case 'addMachine':
      if (index.machines.has(edit.machine.id))
        issues.push(
          issue(
            'TWIN_E_DUPLICATE_ID',
            [...at, 'machine', 'id'],
            `machine "${edit.machine.id}" already exists`,
          ),
        );
      checkRef(index.lines, edit.machine.line, [...at, 'machine', 'line'], 'line', issues);
      checkRef(index.machines, edit.like, [...at, 'like'], 'machine', issues);
      break;
    case 'dueDate':
    case 'quantity':
      checkRef(orders, edit.order, [...at, 'order'], 'order', issues);
      break;
  }
}

function show(instant: Instant): string {
  return typeof instant === 'number' ? `+${instant} s` : instant;
}
