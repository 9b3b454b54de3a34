// Small plans for dispatch tests, checked against the Plan schema like any plan from outside.
import { Plan } from '../../../twin/schema/plan.js';
import { checkSchema } from '../../../twin/validate/schema-check.js';

type Row = [order: string, operation: string, machine: string, startS: number, endS: number];

export function testPlan(rows: readonly Row[], id = 'P1', version = 1): Plan {
  const checked = checkSchema(Plan, {
    id,
    version,
    status: 'validated',
    trigger: { kind: 'initial' },
    createdAtMs: 1_767_225_600_000,
    epochMs: 1_767_225_600_000,
    seed: 1,
    inputHash: 'test',
    engine: 'test',
    frozen: [],
    assignments: rows.map(([order, operation, machine, startS, endS]) => ({
      order,
      operation,
      machine,
      startS,
      endS,
    })),
  });
  if (!checked.ok)
    throw new Error(`test plan: ${checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return checked.value;
}
