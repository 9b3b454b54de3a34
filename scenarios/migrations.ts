import { CURRENT_FORMAT_VERSION } from './schema.js';

/**
 * Scenario files that users keep must keep loading. Each migration lifts a document by one format version;
 * they run in order on the raw document before validation.
 *
 * Version 1 (the first preview) wrote processing times as fixed seconds in a map `machines: {M1: 90}` on each
 * operation and failures as `mtbfS` / `mttrS` numbers on each machine (exponential). Version 2 has
 * `alternatives` with a time distribution each, and `ttf` / `ttr` distributions.
 */
export interface Migration {
  from: number;
  to: number;
  describe: string;
  up(doc: Record<string, unknown>): Record<string, unknown>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    to: 2,
    describe:
      'operation `machines` maps become `alternatives`; machine mtbfS/mttrS become ttf/ttr distributions',
    up(doc) {
      const machines = Array.isArray(doc.machines)
        ? doc.machines.map((m: unknown) => {
            if (!isObject(m) || !('mtbfS' in m || 'mttrS' in m)) return m;
            const { mtbfS, mttrS, ...rest } = m;
            return {
              ...rest,
              ...(mtbfS !== undefined && { ttf: { kind: 'exponential', mean: mtbfS } }),
              ...(mttrS !== undefined && { ttr: { kind: 'exponential', mean: mttrS } }),
            };
          })
        : doc.machines;
      const products = Array.isArray(doc.products)
        ? doc.products.map((p: unknown) => {
            if (!isObject(p) || !Array.isArray(p.routing)) return p;
            const routing = p.routing.map((op: unknown) => {
              if (!isObject(op) || !isObject(op.machines)) return op;
              const { machines: times, ...rest } = op;
              const alternatives = Object.entries(times).map(([machine, seconds]) => ({
                machine,
                time: { kind: 'fixed', value: seconds },
              }));
              return { ...rest, alternatives };
            });
            return { ...p, routing };
          })
        : doc.products;
      return { ...doc, formatVersion: 2, machines, products };
    },
  },
];

export type MigrationResult =
  { ok: true; doc: unknown; applied: Migration[] } | { ok: false; message: string };

/** Bring a raw document up to the current format version, or say why it cannot be. */
export function migrate(doc: unknown, migrations: readonly Migration[] = MIGRATIONS): MigrationResult {
  if (!isObject(doc))
    return { ok: false, message: 'the file must hold a mapping (key: value pairs) at its top level' };
  const version = doc.formatVersion;
  if (version === undefined) {
    return {
      ok: false,
      message: `formatVersion is required (this build reads 1 to ${CURRENT_FORMAT_VERSION})`,
    };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      message: `formatVersion must be a whole number ≥ 1 (found ${JSON.stringify(version)})`,
    };
  }
  if (version > CURRENT_FORMAT_VERSION) {
    return {
      ok: false,
      message: `formatVersion ${version} is newer than this build reads (${CURRENT_FORMAT_VERSION}): upgrade shopfloor-twin`,
    };
  }
  let current: Json = doc;
  const applied: Migration[] = [];
  for (let v = version; v < CURRENT_FORMAT_VERSION; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return { ok: false, message: `no migration from formatVersion ${v}` };
    if (step.to !== v + 1)
      return { ok: false, message: `the migration from formatVersion ${v} must lead to ${v + 1}` };
    current = step.up(current);
    applied.push(step);
  }
  return { ok: true, doc: current, applied };
}
