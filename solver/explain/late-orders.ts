// Why an order is late or at risk: the chain of operations backwards from its last one, each step labelled
// with the constraint that set its start, as structured data for the UI and one English line per order.

import {
  resolvePlan,
  type PlanModelInput,
  type ResolvedAssignment,
  type ResolvedPlan,
} from '../check/plan-model-resolve.js';
import type { PlanRiskReport } from '../risk/report.js';
import { causesOf, pausedS, type Cause, type CauseKind } from './binding.js';
import { clockFormatter, duration } from './format.js';

/** A step's label: what set its start, or `setup` when a setup came first (its own start has a cause too). */
export type BindingKind = CauseKind | 'setup';

export interface OperationRef {
  assignment: number;
  order: string;
  operation: string;
  machine: string;
  /** Plan seconds. */
  startS: number;
  endS: number;
}

export interface ChainStep extends OperationRef {
  binding: BindingKind;
  /** What set the start of its work (of the setup, when there is one). */
  cause: { kind: CauseKind; atS: number; waitedFor?: OperationRef; lagS?: number };
  /** Other constraints that let go at the same moment. */
  alsoBinding: CauseKind[];
  setup?: { durationS: number; from?: string; to?: string };
  /** Closed time it paused over between start and end. */
  pausedS: number;
  text: string;
}

export interface OrderExplanation {
  order: string;
  /** Plan seconds; null without a due date. */
  dueS: number | null;
  plannedEndS: number;
  /** Planned end − due (positive: late). */
  latenessS: number | null;
  late: boolean;
  onTimeProbability?: number;
  chain: ChainStep[];
  summary: string;
}

export interface ExplainOptions {
  /** With a risk report, orders at risk are explained too, with their probability. */
  risk?: PlanRiskReport;
  /** Explain exactly these orders instead of the late and at-risk ones. */
  orders?: readonly string[];
  /** Steps at most per chain (default 12). */
  maxSteps?: number;
}

function ref(resolved: ResolvedPlan, row: ResolvedAssignment): OperationRef {
  return {
    assignment: row.index,
    order: row.order.id,
    operation: row.order.product.routing[row.op]!.id,
    machine: resolved.compiled.machines[row.machine]!.id,
    startS: row.startS - resolved.shiftS,
    endS: row.endS - resolved.shiftS,
  };
}

function causeText(
  cause: Cause,
  step: OperationRef,
  at: (s: number) => string,
  resolved: ResolvedPlan,
): string {
  const other = cause.row && ref(resolved, cause.row);
  const name = other && `${other.order}/${other.operation}`;
  switch (cause.kind) {
    case 'predecessor':
      return `waited for ${name} to end on ${other!.machine} at ${at(other!.endS)}${cause.lagS ? ` plus a lag of ${duration(cause.lagS)}` : ''}`;
    case 'machine':
      return `waited for ${step.machine}, busy with ${name} until ${at(cause.atS)}`;
    case 'calendar':
      return `waited for ${step.machine}'s shift to open at ${at(cause.atS)}`;
    case 'maintenance':
      return `waited for maintenance on ${step.machine} to end at ${at(cause.atS)}`;
    case 'downtime':
      return `waited for ${step.machine} to come back from downtime at ${at(cause.atS)}`;
    case 'release':
      return `waited for the order's release at ${at(cause.atS)}`;
    case 'transport':
      return `waited for transport from ${other!.machine} (arrives by ${at(cause.atS)})`;
    case 'running':
      return 'was already running when the plan starts';
    case 'plan':
      return `is held by the plan until ${at(cause.atS)} (nothing else binds it)`;
  }
}

function stepOf(
  resolved: ResolvedPlan,
  row: ResolvedAssignment,
  at: (s: number) => string,
): [ChainStep, Cause] {
  const causes = causesOf(resolved, row);
  const cause = causes[0]!;
  const base = ref(resolved, row);
  const op = row.order.product.routing[row.op]!;
  const m = resolved.compiled.machines[row.machine]!;
  let setup: ChainStep['setup'];
  if (row.setupS > 0) {
    const to = op.setupFamily >= 0 ? resolved.compiled.setupFamilies[op.setupFamily] : undefined;
    const prior =
      cause.kind === 'machine' ? cause.row!.order.product.routing[cause.row!.op]!.setupFamily : -1;
    const from = prior >= 0 ? resolved.compiled.setupFamilies[prior] : undefined;
    setup = { durationS: row.setupS, ...(from !== undefined && { from }), ...(to !== undefined && { to }) };
  }
  const paused = pausedS(resolved, row);
  const parts = [`${base.order}/${base.operation} on ${m.id} ${causeText(cause, base, at, resolved)}`];
  if (setup)
    parts.push(
      `then needed a setup of ${duration(setup.durationS)}${setup.from ? ` (${setup.from} → ${setup.to})` : ''} before starting at ${at(base.startS)}`,
    );
  if (paused > 0) parts.push(`and paused ${duration(paused)} over closed time`);
  const step: ChainStep = {
    ...base,
    binding: setup ? 'setup' : cause.kind,
    cause: {
      kind: cause.kind,
      atS: cause.atS,
      ...(cause.row && { waitedFor: ref(resolved, cause.row) }),
      ...(cause.lagS !== undefined && { lagS: cause.lagS }),
    },
    alsoBinding: causes.slice(1).map((c) => c.kind),
    ...(setup && { setup }),
    pausedS: paused,
    text: parts.join(', '),
  };
  return [step, cause];
}

/** The chain backwards from `row`: through the predecessor or machine that held each step back. */
function explainChain(
  resolved: ResolvedPlan,
  row: ResolvedAssignment,
  at: (s: number) => string,
  maxSteps = 12,
): ChainStep[] {
  const chain: ChainStep[] = [];
  const seen = new Set<number>();
  let current: ResolvedAssignment | undefined = row;
  while (current && chain.length < maxSteps && !seen.has(current.index)) {
    seen.add(current.index);
    const [step, cause] = stepOf(resolved, current, at);
    chain.push(step);
    current =
      cause.kind === 'predecessor' || cause.kind === 'machine' || cause.kind === 'transport'
        ? cause.row
        : undefined;
  }
  return chain;
}

/** Explain the late (planned end after due) and at-risk orders of a plan, or the orders asked for. */
export function explainOrders(input: PlanModelInput, options: ExplainOptions = {}): OrderExplanation[] {
  const resolved = resolvePlan(input);
  const timeZone = input.timezone ?? input.model.site.timezone ?? 'UTC';
  const at = clockFormatter(input.plan.epochMs, timeZone);
  const risk = new Map((options.risk?.orders ?? []).map((o) => [o.order, o]));
  const wanted = options.orders && new Set(options.orders);
  const out: OrderExplanation[] = [];
  for (const order of resolved.compiled.orders) {
    const planned = resolved.byOrder[order.index]!;
    let last: ResolvedAssignment | undefined;
    for (let k = planned.length - 1; k >= 0 && !last; k--)
      if (planned[k]! >= 0) last = resolved.rows[planned[k]!];
    if (!last) continue;
    const dueS = Number.isFinite(order.dueS) ? order.dueS - resolved.shiftS : null;
    const plannedEndS = last.endS - resolved.shiftS;
    const latenessS = dueS === null ? null : plannedEndS - dueS;
    const late = latenessS !== null && latenessS > 1e-6;
    const r = risk.get(order.id);
    if (wanted ? !wanted.has(order.id) : !late && !r?.atRisk) continue;
    const chain = explainChain(resolved, last, at, options.maxSteps);
    const head =
      dueS === null
        ? `${order.id} is planned to finish at ${at(plannedEndS)} (no due date)`
        : late
          ? `${order.id} is planned to finish at ${at(plannedEndS)}, ${duration(latenessS!)} after its due date ${at(dueS)}`
          : `${order.id} is planned to finish at ${at(plannedEndS)}, ${duration(-latenessS!)} before its due date ${at(dueS)}`;
    const probability = r ? ` (on-time probability ${Math.round(r.onTimeProbability * 100)} %)` : '';
    out.push({
      order: order.id,
      dueS,
      plannedEndS,
      latenessS,
      late,
      ...(r && { onTimeProbability: r.onTimeProbability }),
      chain,
      summary: `${head}${probability}. Why: ${chain.map((s) => s.text).join('; ')}.`,
    });
  }
  return out;
}
