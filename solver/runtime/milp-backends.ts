// The two MILP backends, run inside the MILP worker thread: glpk.js (default; synchronous, no MIP start, no
// bound, stops only at its time limit) and HiGHS (wasm; MIP start, bound, time limit). This module is the one
// place that loads them. Both take the same LpModel: glpk.js its JSON form, HiGHS its CPLEX LP text.
import type { GLPK } from 'glpk.js/node';
import type { Highs } from 'highs';
import { toCplexLp } from '../milp/cplex-lp.js';
import { GLP, toGlpkJson } from '../milp/glpk-json.js';
import type { LpModel } from '../milp/lp-model.js';
import type { MilpSolvedMessage, MilpSolveRequest, MilpStatus } from './milp-protocol.js';

type Outcome = Omit<MilpSolvedMessage, 'type' | 'id' | 'backend'>;

type Glpk = GLPK;
// highs ships one types.d.ts for its CommonJS and ES builds; Node loads the ES build (default export = loader).
type HighsLoader = () => Promise<Highs>;

let glpk: Promise<Glpk> | undefined;
let highs: Promise<Highs> | undefined;

export function loadGlpk(): Promise<Glpk> {
  glpk ??= import('glpk.js/node').then((m) => m.default());
  return glpk;
}

export function loadHighs(): Promise<Highs> {
  highs ??= import('highs').then((m) => (m as unknown as { default: HighsLoader }).default());
  return highs;
}

export async function solveRequest(request: MilpSolveRequest): Promise<Outcome> {
  if (request.backend === 'glpk') return solveWithGlpk(await loadGlpk(), request);
  return solveWithHighs(await loadHighs(), request);
}

function withOffset(model: LpModel, z: number): number {
  return z + model.objectiveOffset;
}

export function solveWithGlpk(solver: Glpk, request: MilpSolveRequest): Outcome {
  const { model, timeLimitS } = request;
  const json = toGlpkJson(model);
  const started = performance.now();
  const result = solver.solve(json, {
    msglev: solver.GLP_MSG_OFF,
    presol: true,
    tmlim: timeLimitS,
    mipgap: request.mipGap ?? 0,
  });
  const timeS = (performance.now() - started) / 1000;
  const { status: code, z, vars } = result.result;
  let status: MilpStatus;
  if (code === GLP.OPT) status = 'optimal';
  else if (code === GLP.FEAS) status = 'feasible';
  else if (code === GLP.NOFEAS || code === GLP.INFEAS) status = 'infeasible';
  else status = timeS >= 0.9 * timeLimitS ? 'timeLimit' : 'infeasible';
  const solved = status === 'optimal' || status === 'feasible';
  return { status, timeS, ...(solved && { objective: withOffset(model, z), values: { ...vars } }) };
}

export function solveWithHighs(solver: Highs, request: MilpSolveRequest): Outcome {
  const { model, timeLimitS } = request;
  const text = toCplexLp(model);
  const m = solver.createModel({ format: 'lp', data: text });
  try {
    m.options.set({ output_flag: false, time_limit: timeLimitS, mip_rel_gap: request.mipGap ?? 0 });
    let startAccepted: boolean | undefined;
    if (request.start !== undefined) {
      const indices: number[] = [];
      const values: number[] = [];
      for (const v of model.variables) {
        const value = request.start[v.name];
        if (value === undefined) continue;
        indices.push(m.getColByName(v.name));
        values.push(value);
      }
      try {
        m.setSolution({ indices, values });
        startAccepted = true;
      } catch {
        startAccepted = false;
      }
    }
    const started = performance.now();
    m.run();
    const timeS = (performance.now() - started) / 1000;
    const code = m.getModelStatus();
    const c = solver.constants.modelStatus;
    const hasSolution = Number(m.info.get('primal_solution_status')) === 2;
    let status: MilpStatus;
    if (code === c.optimal) status = 'optimal';
    else if (code === c.infeasible || code === c.unboundedOrInfeasible) status = 'infeasible';
    else status = hasSolution ? 'feasible' : 'timeLimit';
    const out: Outcome = { status, timeS, ...(startAccepted !== undefined && { startAccepted }) };
    const bound = Number(m.info.get('mip_dual_bound'));
    if (Number.isFinite(bound)) out.bound = withOffset(model, bound);
    if (status === 'optimal' || status === 'feasible') {
      const colValue = m.getSolution().colValue;
      const values: Record<string, number> = {};
      colValue.forEach((x, j) => (values[m.getColName(j)] = x));
      out.objective = withOffset(model, m.getObjectiveValue());
      out.values = values;
    }
    return out;
  } finally {
    m.dispose();
  }
}
