import type { FactoryModel } from '../schema/factory.js';
import { clockMinutes, type Instant } from '../schema/time.js';
import type { Shift } from '../schema/calendar.js';
import { checkDistribution } from './distribution-checks.js';
import { checkRef, indexIds } from './id-index.js';
import { issue, type ValidationIssue } from './issue.js';
import { checkBomCycles } from './bom-cycles.js';

/** The ids of a model, indexed once for reference checks here and in scenarios. */
export interface ModelIndex {
  machines: Map<string, FactoryModel['machines'][number]>;
  products: Map<string, FactoryModel['products'][number]>;
  calendars: Map<string, unknown>;
  lines: Map<string, unknown>;
}

/** Everything a schema cannot say about a factory model: unique ids, references, consistent values. */
export function checkFactoryModel(model: FactoryModel): { issues: ValidationIssue[]; index: ModelIndex } {
  const issues: ValidationIssue[] = [];
  const areas = indexIds(model.areas, 'areas', issues, 'area');
  const lines = indexIds(model.lines, 'lines', issues, 'line');
  const machines = indexIds(model.machines, 'machines', issues, 'machine');
  const buffers = indexIds(model.buffers, 'buffers', issues, 'buffer');
  indexIds(model.transporters, 'transporters', issues, 'transporter');
  const calendars = indexIds(model.calendars, 'calendars', issues, 'calendar');
  const setupMatrices = indexIds(model.setupMatrices, 'setupMatrices', issues, 'setup matrix');
  indexIds(model.operators, 'operators', issues, 'operator');
  const products = indexIds(model.products, 'products', issues, 'product');

  (model.buffers ?? []).forEach((b, i) => {
    if (machines.has(b.id))
      issues.push(issue('TWIN_E_DUPLICATE_ID', ['buffers', i, 'id'], `"${b.id}" is already a machine id`));
  });
  checkRef(calendars, model.site.calendar, ['site', 'calendar'], 'calendar', issues);
  model.lines.forEach((l, i) => checkRef(areas, l.area, ['lines', i, 'area'], 'area', issues));
  (model.buffers ?? []).forEach((b, i) => checkRef(lines, b.line, ['buffers', i, 'line'], 'line', issues));

  model.machines.forEach((m, i) => {
    const at = ['machines', i];
    checkRef(lines, m.line, [...at, 'line'], 'line', issues);
    checkRef(calendars, m.calendar, [...at, 'calendar'], 'calendar', issues);
    checkRef(setupMatrices, m.setupMatrix, [...at, 'setupMatrix'], 'setup matrix', issues);
    checkRef(buffers, m.inputBuffer, [...at, 'inputBuffer'], 'buffer', issues);
    checkRef(buffers, m.outputBuffer, [...at, 'outputBuffer'], 'buffer', issues);
    if ((m.ttf === undefined) !== (m.ttr === undefined)) {
      const missing = m.ttf === undefined ? 'ttf' : 'ttr';
      issues.push(
        issue('TWIN_E_INCONSISTENT', [...at, missing], 'ttf and ttr go together: give both or neither'),
      );
    }
    if (m.ttf) issues.push(...checkDistribution(m.ttf, [...at, 'ttf']));
    if (m.ttr) issues.push(...checkDistribution(m.ttr, [...at, 'ttr']));
    if (m.batch && m.batch.minUnits !== undefined && m.batch.minUnits > m.batch.maxUnits) {
      issues.push(
        issue(
          'TWIN_E_INCONSISTENT',
          [...at, 'batch', 'minUnits'],
          `must be ≤ maxUnits (${m.batch.maxUnits})`,
        ),
      );
    }
    for (const key of ['maintenance', 'downtime'] as const) {
      (m[key] ?? []).forEach((w, k) => {
        // Date-times compare by the instant they name (offsets may differ); seconds compare as numbers.
        const when = (t: Instant) => (typeof t === 'number' ? t : Date.parse(t));
        if (typeof w.start === typeof w.end && when(w.end) <= when(w.start)) {
          issues.push(issue('TWIN_E_INCONSISTENT', [...at, key, k, 'end'], 'must be after start'));
        }
      });
    }
  });

  const locations = new Set([...machines.keys(), ...buffers.keys()]);
  (model.transporters ?? []).forEach((t, i) => {
    checkRef(locations, t.from, ['transporters', i, 'from'], 'machine or buffer', issues);
    checkRef(locations, t.to, ['transporters', i, 'to'], 'machine or buffer', issues);
    (t.lines ?? []).forEach((l, k) => checkRef(lines, l, ['transporters', i, 'lines', k], 'line', issues));
    if (t.kind === 'conveyor' && (t.from === undefined || t.to === undefined)) {
      issues.push(issue('TWIN_E_INCONSISTENT', ['transporters', i], 'a conveyor needs `from` and `to`'));
    }
  });

  (model.calendars ?? []).forEach((c, i) =>
    c.shifts.forEach((s, k) => checkShift(s, ['calendars', i, 'shifts', k], issues)),
  );
  (model.operators ?? []).forEach((o, i) =>
    checkRef(calendars, o.calendar, ['operators', i, 'calendar'], 'calendar', issues),
  );
  const skills = new Set((model.operators ?? []).flatMap((o) => o.skills));

  model.products.forEach((p, i) => {
    const ops = indexIds(p.routing, ['products', i, 'routing'], issues, 'operation');
    p.routing.forEach((op, k) => {
      const at = ['products', i, 'routing', k];
      const seenMachines = new Set<string>();
      op.alternatives.forEach((alt, a) => {
        checkRef(machines, alt.machine, [...at, 'alternatives', a, 'machine'], 'machine', issues);
        if (seenMachines.has(alt.machine)) {
          issues.push(
            issue(
              'TWIN_E_DUPLICATE_ID',
              [...at, 'alternatives', a, 'machine'],
              `machine "${alt.machine}" is listed twice`,
            ),
          );
        }
        seenMachines.add(alt.machine);
        issues.push(...checkDistribution(alt.time, [...at, 'alternatives', a, 'time']));
      });
      if (op.skill !== undefined && !skills.has(op.skill)) {
        issues.push(
          issue('TWIN_E_UNKNOWN_REFERENCE', [...at, 'skill'], `no operator has skill "${op.skill}"`),
        );
      }
      if (op.minLagS !== undefined && op.maxLagS !== undefined && op.minLagS > op.maxLagS) {
        issues.push(issue('TWIN_E_INCONSISTENT', [...at, 'maxLagS'], `must be ≥ minLagS (${op.minLagS})`));
      }
      if (op.batchFamily !== undefined) {
        const batchAlternative = op.alternatives.some(
          (alt) => machines.get(alt.machine)?.batch !== undefined,
        );
        if (!batchAlternative)
          issues.push(
            issue('TWIN_E_INCONSISTENT', [...at, 'batchFamily'], 'no alternative machine is a batch machine'),
          );
      }
    });
    (p.bom ?? []).forEach((item, b) => {
      checkRef(products, item.product, ['products', i, 'bom', b, 'product'], 'product', issues);
      checkRef(
        ops,
        item.atOperation,
        ['products', i, 'bom', b, 'atOperation'],
        `operation of "${p.id}"`,
        issues,
      );
    });
  });
  issues.push(...checkBomCycles(model.products));

  return { issues, index: { machines, products, calendars, lines } };
}

function checkShift(shift: Shift, at: (string | number)[], issues: ValidationIssue[]): void {
  const start = clockMinutes(shift.start);
  let end = clockMinutes(shift.end);
  if (end === start) {
    issues.push(issue('TWIN_E_INCONSISTENT', [...at, 'end'], 'a shift must not end when it starts'));
    return;
  }
  if (end < start) end += 24 * 60; // past midnight
  (shift.breaks ?? []).forEach((b, k) => {
    let bs = clockMinutes(b.start);
    let be = clockMinutes(b.end);
    if (bs < start) bs += 24 * 60;
    if (be <= bs) be += 24 * 60;
    if (bs < start || be > end) {
      issues.push(
        issue(
          'TWIN_E_INCONSISTENT',
          [...at, 'breaks', k],
          `break ${b.start}-${b.end} is outside the shift ${shift.start}-${shift.end}`,
        ),
      );
    }
  });
}
