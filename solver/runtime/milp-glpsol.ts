// Native GLPK (Debian's glpsol) on the CPLEX LP text of a model: the reference that glpk.js results and times
// are compared with (tests and scripts/bench-milp.mjs).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCplexLp } from '../milp/cplex-lp.js';
import type { LpModel } from '../milp/lp-model.js';
import type { MilpStatus } from './milp-protocol.js';

export const GLPSOL = '/usr/bin/glpsol';

export interface GlpsolResult {
  status: MilpStatus;
  objective?: number;
  /** Wall-clock seconds of the glpsol process. */
  timeS: number;
}

export async function runGlpsol(model: LpModel, timeLimitS: number, binary = GLPSOL): Promise<GlpsolResult> {
  const dir = await mkdtemp(join(tmpdir(), 'milp-glpsol-'));
  try {
    const lp = join(dir, 'model.lp');
    const out = join(dir, 'out.txt');
    await writeFile(lp, toCplexLp(model));
    const started = performance.now();
    await new Promise<void>((resolve, reject) =>
      execFile(
        binary,
        ['--lp', lp, '--tmlim', String(Math.max(1, Math.ceil(timeLimitS))), '-o', out],
        (error) => (error ? reject(error) : resolve()),
      ),
    );
    const timeS = (performance.now() - started) / 1000;
    const text = await readFile(out, 'utf8');
    const statusLine = /^Status:\s+(.+)$/m.exec(text)?.[1]?.trim() ?? '';
    const objective = /^Objective:\s+\S+\s+=\s+(\S+)/m.exec(text)?.[1];
    let status: MilpStatus;
    if (statusLine === 'INTEGER OPTIMAL' || statusLine === 'OPTIMAL') status = 'optimal';
    else if (statusLine === 'INTEGER NON-OPTIMAL' || statusLine === 'FEASIBLE') status = 'feasible';
    else if (/EMPTY|INFEASIBLE/.test(statusLine) && !/NON-OPTIMAL/.test(statusLine)) status = 'infeasible';
    else status = 'timeLimit';
    const solved = status === 'optimal' || status === 'feasible';
    return {
      status,
      timeS,
      ...(solved && objective !== undefined && { objective: Number(objective) + model.objectiveOffset }),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
