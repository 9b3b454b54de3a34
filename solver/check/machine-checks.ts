// Checks along each machine's sequence: overlaps, setup gaps and unavailable windows.

import { setupTime, type ShopMachine, type ShopProblem, type UnavailableWindow } from '../shop/problem.js';
import type { Entry } from './entries.js';
import { machineName, opName, t } from './names.js';
import { intersects, isBefore } from './time.js';
import type { ViolationList } from './violations.js';

/** A machine's windows sorted by start, with the running maximum of their ends (works if they overlap). */
interface Windows {
  list: UnavailableWindow[];
  maxEnd: number[];
}

function prepareWindows(machine: ShopMachine): Windows {
  const list = (machine.unavailable ?? [])
    .filter((w) => Number.isFinite(w.start) && Number.isFinite(w.end))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const maxEnd: number[] = [];
  let max = -Infinity;
  for (const w of list) maxEnd.push((max = Math.max(max, w.end)));
  return { list, maxEnd };
}

/** Windows that share more than the tolerance with `[lo, hi)`. */
function windowsHit(windows: Windows, lo: number, hi: number): UnavailableWindow[] {
  const { list, maxEnd } = windows;
  // First window whose running maximum end is past `lo`: no window before it can reach `lo`.
  let a = 0;
  let b = list.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (isBefore(lo, maxEnd[mid]!)) b = mid;
    else a = mid + 1;
  }
  const hits: UnavailableWindow[] = [];
  for (let i = a; i < list.length; i++) {
    const w = list[i]!;
    if (!isBefore(w.start, hi)) break;
    if (intersects(lo, hi, w.start, w.end)) hits.push(w);
  }
  return hits;
}

function byTime(a: Entry, b: Entry): number {
  return a.start - b.start || a.end - b.end || a.job - b.job || a.op - b.op;
}

/**
 * Per machine, the timed entries sorted by start (ties by end, job, operation). Each entry is checked against
 * the one sorted just before it and against the one that ends last among all before it (which catches a long
 * operation containing several others): the intervals may not intersect (a zero-length operation intersects
 * nothing). The latter is the entry's predecessor for the setup: it must start at least
 * `setupTime(machine, its family, this family)` after the predecessor ends, and the first entry at least
 * the initial setup after time 0. The entry `[start, end)` and its setup `[start - setup, start)` must not
 * intersect an unavailable window.
 */
export function checkMachines(problem: ShopProblem, entries: readonly Entry[], out: ViolationList): void {
  const perMachine: Entry[][] = problem.machines.map(() => []);
  for (const e of entries) if (e.timed && e.machine >= 0) perMachine[e.machine]!.push(e);

  const family = (e: Entry): number | undefined => problem.jobs[e.job]!.operations[e.op]!.family;
  const ref = (e: Entry) => ({ job: e.job, op: e.op });

  perMachine.forEach((sequence, m) => {
    if (sequence.length === 0) return;
    sequence.sort(byTime);
    const machine = problem.machines[m]!;
    const mName = machineName(problem, m);
    const windows = prepareWindows(machine);
    const overlap = (a: Entry, b: Entry): void => {
      out.add(
        'overlap',
        [ref(a), ref(b)],
        () =>
          `${opName(problem, a.job, a.op)} (${t(a.start)} to ${t(a.end)}) and ${opName(problem, b.job, b.op)} ` +
          `(${t(b.start)} to ${t(b.end)}) overlap on ${mName}`,
        m,
      );
    };

    let previous: Entry | undefined;
    let latest: Entry | undefined;
    for (const e of sequence) {
      const name = () => opName(problem, e.job, e.op);
      if (previous && intersects(previous.start, previous.end, e.start, e.end)) overlap(previous, e);
      const latestOverlaps = latest !== undefined && intersects(latest.start, latest.end, e.start, e.end);
      if (latest && latest !== previous && latestOverlaps) overlap(latest, e);

      const from = latest ? family(latest) : undefined;
      const to = family(e);
      const setup = setupTime(machine, from, to);
      const ready = latest ? latest.end : 0;
      if (!latestOverlaps && setup > 0 && isBefore(e.start, ready + setup)) {
        const p = latest;
        out.add(
          'overlap',
          p ? [ref(p), ref(e)] : [ref(e)],
          () =>
            p
              ? `${name()} on ${mName} starts at ${t(e.start)}, but after ${opName(problem, p.job, p.op)} ends at ` +
                `${t(p.end)} the setup from family ${from} to family ${to} takes ${t(setup)}: ` +
                `it may start at ${t(ready + setup)} at the earliest`
              : `${name()} is the first operation on ${mName} and starts at ${t(e.start)}, but its initial setup ` +
                `(family ${to}) takes ${t(setup)} from time 0`,
          m,
        );
      }

      const lo = setup > 0 ? e.start - setup : e.start;
      if (windows.list.length > 0 && isBefore(lo, e.end)) {
        for (const w of windowsHit(windows, lo, e.end)) {
          const window = `${w.kind} window [${t(w.start)}, ${t(w.end)}) of ${mName}`;
          out.add(
            'unavailable',
            [ref(e)],
            () =>
              intersects(e.start, e.end, w.start, w.end)
                ? `${name()} on ${mName} runs from ${t(e.start)} to ${t(e.end)}, which intersects the ${window}`
                : `the setup of ${t(setup)} before ${name()} on ${mName} (from ${t(lo)} to ${t(e.start)}) ` +
                  `intersects the ${window}`,
            m,
          );
        }
      }

      previous = e;
      if (!latest || e.end >= latest.end) latest = e;
    }
  });
}
