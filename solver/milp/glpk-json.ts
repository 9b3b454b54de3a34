// The glpk.js JSON model of an LpModel. The GLP_* numbers are GLPK's C API constants (glpk.h); glpk.js
// exposes the same values, which a runtime test checks, so this pure module needs no glpk.js import.
import type { LpModel } from './lp-model.js';

export const GLP = {
  MIN: 1,
  FR: 1,
  LO: 2,
  UP: 3,
  DB: 4,
  FX: 5,
  UNDEF: 1,
  FEAS: 2,
  INFEAS: 3,
  NOFEAS: 4,
  OPT: 5,
  UNBND: 6,
} as const;

/** The shape of glpk.js's `LP` (dist/types.d.ts), restated so the pure side needs no import of it. */
export interface GlpkJsonModel {
  name: string;
  objective: { direction: number; name: string; vars: { name: string; coef: number }[] };
  subjectTo: {
    name: string;
    vars: { name: string; coef: number }[];
    bnds: { type: number; lb: number; ub: number };
  }[];
  bounds: { name: string; type: number; lb: number; ub: number }[];
  binaries: string[];
  generals: string[];
}

function boundType(lb: number | undefined, ub: number | undefined): { type: number; lb: number; ub: number } {
  if (lb === undefined && ub === undefined) return { type: GLP.FR, lb: 0, ub: 0 };
  if (ub === undefined) return { type: GLP.LO, lb: lb!, ub: 0 };
  if (lb === undefined) return { type: GLP.UP, lb: 0, ub };
  return lb === ub ? { type: GLP.FX, lb, ub } : { type: GLP.DB, lb, ub };
}

export function toGlpkJson(model: LpModel): GlpkJsonModel {
  const bounds: GlpkJsonModel['bounds'] = [];
  const binaries: string[] = [];
  const generals: string[] = [];
  for (const v of model.variables) {
    if (v.kind === 'binary') binaries.push(v.name);
    if (v.kind === 'integer') generals.push(v.name);
    // glpk.js gives every variable [0, +inf) unless told; binaries get [0, 1] from their kind.
    const isDefault =
      v.kind === 'binary' ? (v.lb ?? 0) <= 0 && (v.ub ?? 1) >= 1 : v.lb === 0 && v.ub === undefined;
    if (!isDefault) bounds.push({ name: v.name, ...boundType(v.lb, v.ub) });
  }
  // Columns are numbered in order of first appearance (objective, then rows), as glpsol numbers them when it
  // reads toCplexLp's text: the same numbering makes both run the same search. Unused variables get cost 0.
  const objectiveVars = model.objective.map((t) => ({ name: t.name, coef: t.coef }));
  const used = new Set(objectiveVars.map((t) => t.name));
  for (const r of model.rows) for (const t of r.terms) used.add(t.name);
  for (const v of model.variables) if (!used.has(v.name)) objectiveVars.push({ name: v.name, coef: 0 });
  return {
    name: model.name,
    objective: { direction: GLP.MIN, name: 'obj', vars: objectiveVars },
    subjectTo: model.rows.map((r) => ({
      name: r.name,
      vars: r.terms.map((t) => ({ name: t.name, coef: t.coef })),
      bnds: boundType(r.lo, r.hi),
    })),
    bounds,
    binaries,
    generals,
  };
}
