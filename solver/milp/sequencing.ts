// Disjunctive sequencing with sequence-dependent setups (big-M, one order variable per pair of operations that
// may meet on a machine): if a runs before b on machine m, b starts at least setup(a, b) after a ends.
// The pairwise form is exact when setups obey the triangle inequality, and otherwise errs on the safe side
// (plans stay valid). The first operation's initial setup is asked of every operation on the machine, which
// is exact unless an initial setup exceeds a predecessor's duration plus the setup after it.
// Big-M values come from the time bounds; a pair whose order the bounds or the routes decide gets no
// variable, and kept sequences are chains of rows between neighbours.
import { durationOn, onMachine, setupBetween, type BuildContext } from './context.js';
import { LinearExpr } from './lp-model.js';
import { assignVar, opTag, pairVar, startVar } from './names.js';

/** A pair order variable: 1 if `first` runs before `second` on `machine`. */
export interface PairOrder {
  name: string;
  machine: number;
  first: number;
  second: number;
}

const EPS = 1e-9;

/** The row-name part for operations x then z (global indices) on machine m. */
function pairTag(ctx: BuildContext, m: number, x: number, z: number): string {
  return `m${m}_${opTag(ctx.ops[x]!.ref)}_${opTag(ctx.ops[z]!.ref)}`;
}

export function addSequencing(ctx: BuildContext): PairOrder[] {
  const { ops, lp, shop, keptNext } = ctx;
  const pairs: PairOrder[] = [];
  addInitialSetups(ctx);
  // Kept sequences: each operation after its kept predecessor, with the setup between them.
  for (let a = 0; a < shop.n; a++) {
    const b = keptNext[a]!;
    if (b < 0) continue;
    const m = ops[a]!.alts[0]!.machine;
    const gap = new LinearExpr().add(startVar(ops[b]!.ref), 1).add(startVar(ops[a]!.ref), -1);
    const min = ops[a]!.alts[0]!.duration + setupBetween(ctx, m, a, b);
    lp.addRow(`keep_${pairTag(ctx, m, a, b)}`, gap, min, undefined);
  }
  const onMachineList: number[][] = Array.from({ length: shop.m }, () => []);
  ops.forEach((op, o) => op.alts.forEach((a) => onMachineList[a.machine]!.push(o)));
  for (let m = 0; m < shop.m; m++) {
    const list = onMachineList[m]!;
    for (let i = 0; i < list.length; i++) {
      for (let k = i + 1; k < list.length; k++) {
        const a = list[i]!;
        const b = list[k]!;
        if (ops[a]!.kept && ops[b]!.kept) continue; // ordered by their chain
        const pair = addPair(ctx, m, a, b);
        if (pair !== undefined) pairs.push(pair);
      }
    }
  }
  return pairs;
}

/** Every operation on a machine starts after the machine's initial setup for its family. */
function addInitialSetups(ctx: BuildContext): void {
  for (const op of ctx.ops) {
    if (op.family === undefined) continue;
    const setupOf = (m: number) => ctx.shop.problem.machines[m]!.initialSetup?.[op.family!] ?? 0;
    if (op.alts.length === 1) {
      ctx.lp.tighten(startVar(op.ref), setupOf(op.alts[0]!.machine), undefined);
      continue;
    }
    const row = new LinearExpr().add(startVar(op.ref), 1);
    for (const a of op.alts) row.add(assignVar(op.ref, a.machine), -setupOf(a.machine));
    if (row.terms().length > 1) ctx.lp.addRow(`init_j${op.ref.job}_o${op.ref.op}`, row, 0, undefined);
  }
}

function addPair(ctx: BuildContext, m: number, a: number, b: number): PairOrder | undefined {
  const { ops, lp } = ctx;
  const A = ops[a]!;
  const B = ops[b]!;
  const pa = durationOn(A, m)!;
  const pb = durationOn(B, m)!;
  const sab = setupBetween(ctx, m, a, b);
  const sba = setupBetween(ctx, m, b, a);
  const canAB = !ctx.reaches(b, a) && A.es + pa + sab <= B.ls + EPS;
  const canBA = !ctx.reaches(a, b) && B.es + pb + sba <= A.ls + EPS;
  // 2 - on(a) - on(b): zero when both run on m; the big-M terms below switch off otherwise.
  const apart = new LinearExpr()
    .add(undefined, 2)
    .plus(onMachine(ctx, a, m), -1)
    .plus(onMachine(ctx, b, m), -1);
  const tag = (x: number, z: number) => pairTag(ctx, m, x, z);
  if (!canAB && !canBA) {
    lp.addRow(
      `excl_${tag(a, b)}`,
      new LinearExpr().plus(onMachine(ctx, a, m)).plus(onMachine(ctx, b, m)),
      undefined,
      1,
    );
    return undefined;
  }
  const y = canAB && canBA ? lp.addVariable({ name: pairVar(m, A.ref, B.ref), kind: 'binary' }) : undefined;
  // before(x, z): start(z) - start(x) >= p_x + s_xz - M * (switch); M = ls_x + p_x + s_xz - es_z.
  const before = (x: number, z: number, px: number, sxz: number, off: LinearExpr) => {
    const big = ops[x]!.ls + px + sxz - ops[z]!.es;
    if (big <= EPS) return; // the bounds alone put z after x
    const row = new LinearExpr().add(startVar(ops[z]!.ref), 1).add(startVar(ops[x]!.ref), -1);
    row.plus(off, big).plus(apart, big);
    lp.addRow(`seq_${tag(x, z)}`, row, px + sxz, undefined);
  };
  if (canAB)
    before(a, b, pa, sab, y === undefined ? new LinearExpr() : new LinearExpr().add(undefined, 1).add(y, -1));
  if (canBA) before(b, a, pb, sba, y === undefined ? new LinearExpr() : new LinearExpr().add(y, 1));
  return y === undefined ? undefined : { name: y, machine: m, first: a, second: b };
}
