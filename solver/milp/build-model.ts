// The MILP of a scheduling (sub)problem, built in the order data -> variables -> constraints -> objective,
// one function per constraint family. Names are deterministic (names.ts), so the same problem always gives
// the same model text.
import { addAssignment } from './assignment.js';
import { createContext, type OpData } from './context.js';
import type { LpModel } from './lp-model.js';
import { addMakespan } from './makespan.js';
import { startVar } from './names.js';
import { addPrecedence } from './precedence.js';
import type { MilpProblem } from './problem.js';
import { addReleases } from './release.js';
import { addSequencing, type PairOrder } from './sequencing.js';
import { addTardiness } from './tardiness.js';
import { addWindows, type WindowChoice } from './windows.js';

export interface SchedulingModel {
  readonly problem: MilpProblem;
  readonly lp: LpModel;
  /** Every operation ends by then. */
  readonly horizon: number;
  /** Per global operation index (jobs in order, operations in route order): machines and time bounds. */
  readonly ops: readonly OpData[];
  readonly pairs: readonly PairOrder[];
  readonly windows: readonly WindowChoice[];
  /** Set when the data alone make the model infeasible (no solver needed); says why. */
  readonly infeasible: string | undefined;
}

export function buildSchedulingModel(problem: MilpProblem): SchedulingModel {
  const ctx = createContext(problem);
  for (const op of ctx.ops) {
    ctx.lp.addVariable({ name: startVar(op.ref), kind: 'continuous', lb: op.es, ub: Math.max(op.es, op.ls) });
    if (op.es > op.ls + 1e-9)
      ctx.lp.infeasible ??= `${startVar(op.ref)} has earliest start ${op.es} after latest start ${op.ls}`;
  }
  const objective = problem.objective ?? { makespan: 1 };
  addAssignment(ctx);
  addReleases(ctx);
  addPrecedence(ctx);
  const pairs = addSequencing(ctx);
  const windows = addWindows(ctx);
  if ((objective.makespan ?? 0) > 0) addMakespan(ctx, objective.makespan!);
  if ((objective.tardiness ?? 0) > 0) addTardiness(ctx, objective.tardiness!);
  return {
    problem,
    lp: ctx.lp.build(),
    horizon: ctx.horizon,
    ops: ctx.ops,
    pairs,
    windows,
    infeasible: ctx.lp.infeasible,
  };
}
