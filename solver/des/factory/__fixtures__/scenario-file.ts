// Scenario files for the smoke runs. solver/ may not import scenarios/ (not even in tests), so this reads the
// YAML itself and validates the factory model and the orders with twin's own checks. Of the what-if edits it
// applies the one kind the example files use (machineDown, as extra downtime); it refuses any other.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { FactoryModel, factoryModelProperties } from '../../../../twin/schema/factory.js';
import { Order } from '../../../../twin/schema/order.js';
import { checkFactoryModel } from '../../../../twin/validate/model-checks.js';
import { checkSchema } from '../../../../twin/validate/schema-check.js';

export interface ScenarioFile {
  model: FactoryModel;
  orders: Order[];
  startMs: number;
}

interface Edit {
  kind: string;
  machine?: string;
  from?: string | number;
  to?: string | number;
  note?: string;
}

export function loadScenarioFile(name: string): ScenarioFile {
  const url = new URL(`../../../../scenarios/${name}`, import.meta.url);
  const doc = parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
  if (doc.formatVersion !== 2)
    throw new Error(`${name}: format version ${String(doc.formatVersion)}, expected 2`);
  const model: Record<string, unknown> = {};
  for (const key of Object.keys(factoryModelProperties)) if (doc[key] !== undefined) model[key] = doc[key];
  const checked = checkSchema(FactoryModel, model);
  if (!checked.ok) throw new Error(`${name}: ${JSON.stringify(checked.issues)}`);
  const semantic = checkFactoryModel(checked.value).issues;
  if (semantic.length) throw new Error(`${name}: ${JSON.stringify(semantic)}`);
  const orders = (doc.orders as unknown[]).map((o, i) => {
    const r = checkSchema(Order, o);
    if (!r.ok) throw new Error(`${name}: orders[${i}] ${JSON.stringify(r.issues)}`);
    return r.value;
  });
  for (const edit of (doc.edits ?? []) as Edit[]) {
    if (edit.kind !== 'machineDown') throw new Error(`${name}: edit "${edit.kind}" is not supported here`);
    const m = checked.value.machines.find((x) => x.id === edit.machine);
    if (!m) throw new Error(`${name}: edit names unknown machine "${edit.machine}"`);
    m.downtime = [
      ...(m.downtime ?? []),
      { start: edit.from!, end: edit.to!, reason: edit.note ?? 'what-if' },
    ];
  }
  return { model: checked.value, orders, startMs: Date.parse(String(doc.start)) };
}
