// Releases: no operation of a job starts before the job's release (a bound on the start variables; the
// heads in context.ts have already carried it along the route).
import type { BuildContext } from './context.js';
import { startVar } from './names.js';

export function addReleases(ctx: BuildContext): void {
  const { shop, lp } = ctx;
  for (let o = 0; o < shop.n; o++) {
    const release = shop.problem.jobs[shop.jobOf[o]!]!.release;
    if (release > 0) lp.tighten(startVar(ctx.ops[o]!.ref), release, undefined);
  }
}
