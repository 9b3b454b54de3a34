// What every constraint family needs: the operations with the machines they may still use, time bounds from
// heads and tails (earliest start, latest start), the precedence reachability that makes some machine orders
// certain, and the model under construction. Big-M values are computed from these bounds, so they are as
// tight as the data allows.
import { compileShop, type CompiledShop } from '../shop/compiled.js';
import { setupTime, type ShopMachine } from '../shop/problem.js';
import { LinearExpr, LpModelBuilder } from './lp-model.js';
import { assignVar, startVar } from './names.js';
import type { MilpProblem, OpRef } from './problem.js';

export interface OpData {
  readonly ref: OpRef;
  /** The machines it may run on in this model (one once pinned or kept), with durations. */
  alts: { machine: number; duration: number }[];
  family: number | undefined;
  pinnedStart: number | undefined;
  kept: boolean;
  minDuration: number;
  /** Earliest and latest start. */
  es: number;
  ls: number;
  /** Least time from its end to the horizon (the work that must follow it). */
  tail: number;
}

export interface BuildContext {
  readonly problem: MilpProblem;
  readonly shop: CompiledShop;
  readonly ops: OpData[];
  readonly horizon: number;
  /** Minimum and maximum lag before each operation (from the end of its job predecessor). */
  readonly lagMin: Float64Array;
  readonly lagMax: Float64Array;
  /** Kept sequences as successor links on their machine, -1 at the end. */
  readonly keptNext: Int32Array;
  /** `reaches(a, b)`: b cannot start before a ends (a path of job or kept-sequence arcs from a to b). */
  reaches(a: number, b: number): boolean;
  readonly lp: LpModelBuilder;
}

export function machineOf(ctx: BuildContext, o: number): ShopMachine {
  return ctx.shop.problem.machines[ctx.ops[o]!.alts[0]!.machine]!;
}

export function durationOn(op: OpData, machine: number): number | undefined {
  return op.alts.find((a) => a.machine === machine)?.duration;
}

/** 1 if operation o runs on machine m: a constant when it has one machine, its assignment variable otherwise. */
export function onMachine(ctx: BuildContext, o: number, m: number): LinearExpr {
  const op = ctx.ops[o]!;
  if (op.alts.length === 1) return new LinearExpr().add(undefined, op.alts[0]!.machine === m ? 1 : 0);
  return new LinearExpr().add(assignVar(op.ref, m), 1);
}

/** End time of operation o: its start plus its duration on the machine it runs on. */
export function endOf(ctx: BuildContext, o: number): LinearExpr {
  const op = ctx.ops[o]!;
  const e = new LinearExpr().add(startVar(op.ref), 1);
  if (op.alts.length === 1) return e.add(undefined, op.alts[0]!.duration);
  for (const a of op.alts) e.add(assignVar(op.ref, a.machine), a.duration);
  return e;
}

/** Setup on machine m between operations a and b (a before b). */
export function setupBetween(ctx: BuildContext, m: number, a: number, b: number): number {
  return setupTime(ctx.shop.problem.machines[m]!, ctx.ops[a]!.family, ctx.ops[b]!.family);
}

/** The longest setup that can precede operation o on machine m (initial setup included). */
export function maxSetupInto(ctx: BuildContext, o: number, m: number): number {
  const machine = ctx.shop.problem.machines[m]!;
  const to = ctx.ops[o]!.family;
  if (to === undefined) return 0;
  let max = machine.initialSetup?.[to] ?? 0;
  for (const row of machine.setup ?? []) max = Math.max(max, row[to] ?? 0);
  return max;
}

/** The operations' machines, durations, pins and kept sequences, before any time bound. */
function operationsOf(problem: MilpProblem, shop: CompiledShop): { ops: OpData[]; keptNext: Int32Array } {
  const ops: OpData[] = [];
  for (let o = 0; o < shop.n; o++) {
    const job = shop.jobOf[o]!;
    const ref = { job, op: o - shop.jobStart[job]! };
    const alts = [];
    for (let a = shop.altStart[o]!; a < shop.altStart[o + 1]!; a++) {
      alts.push({ machine: shop.altMachine[a]!, duration: shop.altDuration[a]! });
    }
    const family = shop.family[o]! >= 0 ? shop.family[o]! : undefined;
    ops.push({
      ref,
      alts,
      family,
      pinnedStart: undefined,
      kept: false,
      minDuration: 0,
      es: 0,
      ls: 0,
      tail: 0,
    });
  }
  const index = (r: OpRef) => shop.jobStart[r.job]! + r.op;
  const only = (op: OpData, machine: number) => (op.alts = op.alts.filter((a) => a.machine === machine));
  for (const pin of problem.pinned ?? []) {
    const op = ops[index(pin)]!;
    only(op, pin.machine);
    op.pinnedStart = pin.start;
  }
  const keptNext = new Int32Array(shop.n).fill(-1);
  for (const k of problem.kept ?? []) {
    let prev = -1;
    for (const r of k.operations) {
      const o = index(r);
      only(ops[o]!, k.machine);
      ops[o]!.kept = true;
      if (prev >= 0) keptNext[prev] = o;
      prev = o;
    }
  }
  for (const op of ops) op.minDuration = Math.min(...op.alts.map((a) => a.duration));
  return { ops, keptNext };
}

/** A horizon long enough for a serial schedule: all work, setups and lags one after another, around windows. */
export function defaultHorizon(problem: MilpProblem, ctx: Pick<BuildContext, 'ops' | 'lagMin'>): number {
  let base = 0;
  for (const job of problem.shop.jobs) base = Math.max(base, job.release);
  let work = 0;
  let longestOp = 0;
  const machines = problem.shop.machines;
  ctx.ops.forEach((op, o) => {
    if (op.pinnedStart !== undefined) base = Math.max(base, op.pinnedStart + op.alts[0]!.duration);
    let longest = 0;
    for (const a of op.alts) {
      const machine = machines[a.machine]!;
      let setup = 0;
      if (op.family !== undefined) {
        setup = machine.initialSetup?.[op.family] ?? 0;
        for (const row of machine.setup ?? []) setup = Math.max(setup, row[op.family] ?? 0);
      }
      longest = Math.max(longest, a.duration + setup);
    }
    work += longest + ctx.lagMin[o]!;
    longestOp = Math.max(longestOp, longest);
  });
  let horizon = base + work;
  for (const machine of machines) {
    // A window costs its length plus, at worst, the gap before it that no operation (with setup) fits in.
    for (const w of machine.unavailable ?? []) if (w.start < horizon) horizon += w.end - w.start + longestOp;
  }
  return horizon;
}

export function createContext(problem: MilpProblem): BuildContext {
  const shop = compileShop(problem.shop);
  const { n } = shop;
  const { ops, keptNext } = operationsOf(problem, shop);
  const lagMin = new Float64Array(n);
  const lagMax = new Float64Array(n).fill(Infinity);
  for (const l of problem.lags ?? []) {
    const o = shop.jobStart[l.job]! + l.op;
    if (l.min !== undefined) lagMin[o] = Math.max(lagMin[o]!, l.min);
    if (l.max !== undefined) lagMax[o] = Math.min(lagMax[o]!, l.max);
  }
  const horizon = problem.horizon ?? defaultHorizon(problem, { ops, lagMin });
  const lp = new LpModelBuilder(problem.shop.name.replace(/[^A-Za-z0-9_]/g, '_') || 'schedule');

  // Arcs: job route (o-1 -> o) and kept sequences; a topological order by Kahn's algorithm.
  const indegree = new Int32Array(n);
  for (let o = 0; o < n; o++) {
    if (shop.jobPrev[o]! >= 0) indegree[o]!++;
    if (keptNext[o]! >= 0) indegree[keptNext[o]!]!++;
  }
  const order: number[] = [];
  for (let o = 0; o < n; o++) if (indegree[o] === 0) order.push(o);
  for (let i = 0; i < order.length; i++) {
    const o = order[i]!;
    for (const next of [shop.jobNext[o]!, keptNext[o]!])
      if (next >= 0 && --indegree[next]! === 0) order.push(next);
  }
  if (order.length < n) lp.infeasible = 'the kept sequences contradict the job routes (a cycle)';

  const machineOfKept = (o: number) => ops[o]!.alts[0]!.machine;
  const keptSetup = (a: number, b: number) =>
    setupTime(problem.shop.machines[machineOfKept(a)]!, ops[a]!.family, ops[b]!.family);
  // Heads: earliest starts forward along the arcs.
  for (let o = 0; o < n; o++) {
    const op = ops[o]!;
    op.es = shop.release[o]!;
    if (op.alts.length === 1 && op.family !== undefined) {
      op.es = Math.max(op.es, problem.shop.machines[op.alts[0]!.machine]!.initialSetup?.[op.family] ?? 0);
    }
  }
  for (const o of order) {
    const op = ops[o]!;
    if (op.pinnedStart !== undefined) {
      if (op.pinnedStart + 1e-9 < op.es)
        lp.infeasible ??= `pinned ${startVar(op.ref)} = ${op.pinnedStart} is before its earliest start ${op.es}`;
      op.es = op.pinnedStart;
    }
    const jn = shop.jobNext[o]!;
    if (jn >= 0) ops[jn]!.es = Math.max(ops[jn]!.es, op.es + op.minDuration + lagMin[jn]!);
    const kn = keptNext[o]!;
    if (kn >= 0) ops[kn]!.es = Math.max(ops[kn]!.es, op.es + op.minDuration + keptSetup(o, kn));
  }
  // Tails backward, then latest starts.
  for (let i = order.length - 1; i >= 0; i--) {
    const o = order[i]!;
    const op = ops[o]!;
    let tail = 0;
    const jn = shop.jobNext[o]!;
    if (jn >= 0) tail = Math.max(tail, lagMin[jn]! + ops[jn]!.minDuration + ops[jn]!.tail);
    const kn = keptNext[o]!;
    if (kn >= 0) tail = Math.max(tail, keptSetup(o, kn) + ops[kn]!.minDuration + ops[kn]!.tail);
    op.tail = tail;
    op.ls = op.pinnedStart ?? horizon - tail - op.minDuration;
    if (op.pinnedStart !== undefined && op.pinnedStart > horizon - tail - op.minDuration + 1e-9) {
      lp.infeasible ??= `pinned ${startVar(op.ref)} = ${op.pinnedStart} leaves too little time before the horizon ${horizon}`;
    }
  }

  // Reachability along the arcs, as bit sets filled in reverse topological order.
  const words = (n + 31) >>> 5;
  const reach = new Uint32Array(n * words);
  for (let i = order.length - 1; i >= 0; i--) {
    const o = order[i]!;
    for (const next of [shop.jobNext[o]!, keptNext[o]!]) {
      if (next < 0) continue;
      reach[o * words + (next >>> 5)]! |= 1 << (next & 31);
      for (let w = 0; w < words; w++) reach[o * words + w]! |= reach[next * words + w]!;
    }
  }
  const reaches = (a: number, b: number) => (reach[a * words + (b >>> 5)]! & (1 << (b & 31))) !== 0;
  return { problem, shop, ops, horizon, lagMin, lagMax, keptNext, reaches, lp };
}
