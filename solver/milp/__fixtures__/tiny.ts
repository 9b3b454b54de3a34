// Tiny scheduling problems for the constraint-family tests, built from a compact description.
import type { ShopMachine, ShopProblem } from '../../shop/problem.js';

export interface TinyOp {
  /** Machine -> duration. */
  on: Record<number, number>;
  family?: number;
}

export function tinyShop(
  jobs: Array<{ release?: number; ops: TinyOp[] }>,
  machines: Array<Omit<ShopMachine, 'id'>> | number,
): ShopProblem {
  const list = typeof machines === 'number' ? Array.from({ length: machines }, () => ({})) : machines;
  return {
    name: 'tiny',
    machines: list.map((m, k) => ({ id: `M${k}`, ...m })),
    jobs: jobs.map((job, j) => ({
      id: `J${j}`,
      release: job.release ?? 0,
      operations: job.ops.map((op, k) => ({
        id: `O${k}`,
        alternatives: Object.entries(op.on).map(([machine, duration]) => ({
          machine: Number(machine),
          duration,
        })),
        ...(op.family !== undefined && { family: op.family }),
      })),
    })),
  };
}
