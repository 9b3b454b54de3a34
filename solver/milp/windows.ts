// Unavailable windows: an operation on machine m, with the setup before it, runs either wholly before or
// wholly after each window of m that its time bounds let it meet. The setup counted is the longest one that
// can precede the operation (safe; exact on machines without setups). Windows it cannot meet get no row;
// one it can only pass on one side gets one row without a variable.
import { maxSetupInto, onMachine, type BuildContext } from './context.js';
import { LinearExpr } from './lp-model.js';
import { startVar, windowVar } from './names.js';

/** A window variable: 1 if operation `op` runs after window `window` of `machine`. */
export interface WindowChoice {
  name: string;
  op: number;
  machine: number;
  window: number;
}

const EPS = 1e-9;

export function addWindows(ctx: BuildContext): WindowChoice[] {
  const { ops, lp, shop } = ctx;
  const choices: WindowChoice[] = [];
  ops.forEach((op, o) => {
    for (const alt of op.alts) {
      const windows = shop.problem.machines[alt.machine]!.unavailable ?? [];
      const setup = maxSetupInto(ctx, o, alt.machine);
      const p = alt.duration;
      if (p + setup <= 0) continue; // nothing to place
      const off = new LinearExpr().add(undefined, 1).plus(onMachine(ctx, o, alt.machine), -1); // 1 - on(o, m)
      windows.forEach((w, k) => {
        if (op.ls + p <= w.start + EPS || op.es - setup >= w.end - EPS) return; // cannot meet it
        const canBefore = op.es + p <= w.start + EPS;
        const canAfter = op.ls - setup >= w.end - EPS;
        const bigBefore = op.ls + p - w.start; // start + p - w.start never exceeds this
        const bigAfter = w.end + setup - op.es; // w.end + setup - start never exceeds this
        const tag = `j${op.ref.job}_o${op.ref.op}_m${alt.machine}_u${k}`;
        const s = startVar(op.ref);
        if (!canBefore && !canAfter) {
          // Neither side fits its bounds: the operation cannot run on this machine.
          lp.addRow(`nowin_${tag}`, onMachine(ctx, o, alt.machine), undefined, 0);
          return;
        }
        // Switches: the "before" row binds when its switch is 0, the "after" row likewise.
        let beforeSwitch: LinearExpr | undefined;
        let afterSwitch: LinearExpr | undefined;
        if (canBefore && canAfter) {
          const z = lp.addVariable({ name: windowVar(op.ref, alt.machine, k), kind: 'binary' });
          choices.push({ name: z, op: o, machine: alt.machine, window: k });
          beforeSwitch = new LinearExpr().add(z, 1);
          afterSwitch = new LinearExpr().add(undefined, 1).add(z, -1);
        } else if (canBefore) beforeSwitch = new LinearExpr();
        else afterSwitch = new LinearExpr();
        if (beforeSwitch !== undefined) {
          // start + p <= w.start + M * (switch + off)
          const row = new LinearExpr().add(s, 1).plus(beforeSwitch, -bigBefore).plus(off, -bigBefore);
          lp.addRow(`winb_${tag}`, row, undefined, w.start - p);
        }
        if (afterSwitch !== undefined) {
          // start - setup >= w.end - M * (switch + off)
          const row = new LinearExpr().add(s, 1).plus(afterSwitch, bigAfter).plus(off, bigAfter);
          lp.addRow(`wina_${tag}`, row, w.end + setup, undefined);
        }
      });
    }
  });
  return choices;
}
