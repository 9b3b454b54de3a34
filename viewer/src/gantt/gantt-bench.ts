import type { Assignment, LayoutView, OrderView, Plan } from '../api/types.js';
import { seededRandom } from '../util/seeded-random.js';

/** A synthetic plant and plan for the Gantt benchmark (`?ganttBench=10000`); same seed, same plan. */
export interface BenchPlan {
  plan: Plan;
  lines: LayoutView['lines'];
  machines: LayoutView['machines'];
  orders: Record<string, OrderView>;
}

const OPS_PER_ORDER = 5;
const MACHINES_PER_LINE = 10;

/**
 * `operations` operations: orders of five operations routed through the machines of one line in turn, list
 * scheduled (each operation starts when both its machine and the order's previous operation are free), with
 * setups, a maintenance window per machine, and due dates of which about one in five is missed.
 */
export function generateBenchPlan(operations: number, seed: number, epochMs: number): BenchPlan {
  const random = seededRandom(seed);
  const machineCount = Math.max(MACHINES_PER_LINE, Math.round(operations / 50));
  const lineCount = Math.ceil(machineCount / MACHINES_PER_LINE);
  const lines: LayoutView['lines'] = [];
  for (let l = 0; l < lineCount; l++) {
    lines.push({
      id: `L${l + 1}`,
      name: `Line ${l + 1}`,
      area: 'A',
      centre: { x: l * 20, y: 0 },
      size: { width: 20, depth: 10 },
    });
  }
  const machines: LayoutView['machines'] = [];
  for (let m = 0; m < machineCount; m++) {
    const startS = 3600 * (4 + Math.floor(random() * 40));
    machines.push({
      id: `M${String(m + 1).padStart(4, '0')}`,
      name: `Machine ${m + 1}`,
      kind: 'cnc',
      line: `L${Math.floor(m / MACHINES_PER_LINE) + 1}`,
      placement: { position: { x: m, y: 0 }, footprint: { width: 2, depth: 2 } },
      maintenance: [{ startMs: epochMs + startS * 1000, endMs: epochMs + (startS + 7200) * 1000 }],
    });
  }
  const free = new Float64Array(machineCount);
  const assignments: Assignment[] = [];
  const orders: Record<string, OrderView> = {};
  for (let o = 0; assignments.length < operations; o++) {
    const id = `O${String(o + 1).padStart(5, '0')}`;
    const line = Math.floor(random() * lineCount);
    const lineMachines = Math.min(MACHINES_PER_LINE, machineCount - line * MACHINES_PER_LINE);
    let ready = Math.floor(random() * 3600);
    const first = ready;
    for (let k = 0; k < OPS_PER_ORDER && assignments.length < operations; k++) {
      const m = line * MACHINES_PER_LINE + ((o + k) % lineMachines);
      const setupS = random() < 0.4 ? 300 + Math.floor(random() * 900) : 0;
      const startS = Math.max(ready, free[m]!) + setupS;
      const endS = startS + 600 + Math.floor(random() * 3000);
      assignments.push({
        order: id as Assignment['order'],
        operation: `${id}-${k + 1}` as Assignment['operation'],
        machine: machines[m]!.id as Assignment['machine'],
        startS,
        endS,
        setupS,
      });
      free[m] = endS;
      ready = endS;
    }
    // The due date: the order's own flow time with slack, missed about one time in five.
    const slack = random() < 0.2 ? 0.8 : 1.5 + random() * 3;
    orders[id] = {
      id,
      product: 'P',
      quantity: 1,
      priority: 0,
      operationsDone: 0,
      dueMs: epochMs + (first + (ready - first) * slack) * 1000,
    };
  }
  const frozen: number[] = [];
  for (let i = 0; i < assignments.length; i++) if (assignments[i]!.startS < 1800) frozen.push(i);
  const plan: Plan = {
    id: `bench-${operations}-${seed}` as Plan['id'],
    version: 1,
    status: 'draft',
    trigger: { kind: 'manual' },
    createdAtMs: epochMs,
    epochMs,
    seed,
    inputHash: 'bench',
    engine: 'gantt-bench',
    frozen,
    assignments,
  };
  return { plan, lines, machines, orders };
}
