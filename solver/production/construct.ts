// A first plan by dispatching (Giffler–Thompson with rules, generalised to stations, setups, calendars and
// pins): among the jobs' next operations take the one that can end first; its machine is the one in conflict;
// among the operations whose best place is on that machine and that could start before that end, the rule
// picks one. The sequence of picks, with the machines chosen, is an encoding that decode.ts reproduces.
import type { CompiledProduction } from './compiled.js';
import {
  bestPlacement,
  commit,
  Decoder,
  newBest,
  newDecodeState,
  Schedule,
  standIn,
  type Best,
  type Encoding,
} from './decode.js';

export const DISPATCH_RULES = ['edd', 'atc', 'mwkr', 'slack'] as const;
export type DispatchRule = (typeof DISPATCH_RULES)[number];

export interface ConstructOptions {
  rule: DispatchRule;
  /** ATC look-ahead: larger values weigh far-off due dates more. */
  k?: number;
}

/** The rule's index of a candidate: larger is picked first. */
function ruleIndex(
  cp: CompiledProduction,
  o: number,
  best: Best,
  rule: DispatchRule,
  k: number,
  meanWork: number,
): number {
  const j = cp.jobOf[o]!;
  const work = cp.altWork[best.alt]!;
  const remaining = work + cp.tailWork[o]!;
  const due = cp.due[j]!;
  switch (rule) {
    case 'edd':
      return Number.isFinite(due) ? -due : -Number.MAX_VALUE;
    case 'mwkr':
      return remaining;
    case 'slack':
      return Number.isFinite(due) ? -(due - best.start - remaining) / cp.weight[j]! : -Number.MAX_VALUE;
    case 'atc': {
      if (!Number.isFinite(due)) return 0;
      const slack = Math.max(0, due - best.start - remaining);
      return (cp.weight[j]! / Math.max(work, 1)) * Math.exp(-slack / (k * meanWork));
    }
  }
}

export function construct(cp: CompiledProduction, options: ConstructOptions): Encoding {
  const { rule } = options;
  const k = options.k ?? 2;
  const s = new Schedule(cp);
  const state = newDecodeState(cp);
  new Decoder(cp).pins(s, state);
  const jobs = cp.jobCount;
  const next = new Int32Array(jobs).fill(-1);
  const cand: Best[] = [];
  const valid = new Uint8Array(jobs);
  let meanWork = 0;
  for (let i = 0; i < cp.free.length; i++) meanWork += cp.minWork[cp.free[i]!]!;
  meanWork = Math.max(1, meanWork / Math.max(1, cp.free.length));
  for (let j = 0; j < jobs; j++) {
    cand.push(newBest());
    for (let o = cp.jobStart[j]!; o < cp.jobStart[j + 1]!; o++) {
      if (!cp.pinned[o]) {
        next[j] = o;
        break;
      }
    }
  }
  const order = new Int32Array(cp.free.length);
  const alt = new Int32Array(cp.n).fill(-1);
  for (let step = 0; step < order.length; step++) {
    let first = -1;
    for (let j = 0; j < jobs; j++) {
      const o = next[j]!;
      if (o < 0) continue;
      if (!valid[j]) {
        bestPlacement(cp, o, cp.altStart[o]!, cp.altStart[o + 1]!, s, state, cand[j]!);
        valid[j] = 1;
      }
      if (first < 0 || cand[j]!.end < cand[first]!.end) first = j;
    }
    if (first < 0) throw new Error('construct: no operation left to dispatch (job order broken)');
    const horizonEnd = cand[first]!.end;
    const machine = cp.stationMachine[Math.max(0, cand[first]!.station)]!;
    let pick = first;
    let pickIndex = -Infinity;
    for (let j = 0; j < jobs; j++) {
      const o = next[j]!;
      const c = cand[j]!;
      if (o < 0 || c.station < 0 || cp.stationMachine[c.station] !== machine) continue;
      if (!(c.start < horizonEnd) && j !== first) continue;
      const index = ruleIndex(cp, o, c, rule, k, meanWork);
      const better =
        index > pickIndex ||
        (index === pickIndex &&
          (cp.priority[j]! > cp.priority[pick]! ||
            (cp.priority[j] === cp.priority[pick] && c.start < cand[pick]!.start)));
      if (better) {
        pick = j;
        pickIndex = index;
      }
    }
    const o = next[pick]!;
    const chosen = cand[pick]!;
    if (chosen.station < 0 || chosen.end === Infinity) standIn(cp, cp.altStart[o]!, chosen);
    const chosenMachine = cp.stationMachine[chosen.station]!;
    // Placing o seals its predecessor's batch group (no longer lengthened): joins there must look again.
    const prev = cp.jobPrev[o]!;
    const prevMachine = prev >= 0 ? cp.stationMachine[s.station[prev]!]! : -1;
    const sealedMachine = prevMachine >= 0 && cp.batchMax[prevMachine]! > 0 ? prevMachine : -1;
    commit(cp, o, chosen, s, state, step);
    order[step] = o;
    alt[o] = chosen.alt;
    next[pick] = cp.jobNext[o]!;
    valid[pick] = 0;
    // Candidates that could use the machine or need the operator just loaded must look again.
    const held = chosen.operator;
    const skills = cp.crew.skills.length;
    for (let j = 0; j < jobs; j++) {
      const q = next[j]!;
      if (q < 0 || !valid[j]) continue;
      const skill = cp.crew.opSkill[q]!;
      if (held >= 0 && skill >= 0 && cp.crew.has[held * skills + skill]) {
        valid[j] = 0;
        continue;
      }
      for (let a = cp.altStart[q]!; a < cp.altStart[q + 1]!; a++) {
        if (cp.altMachine[a] === chosenMachine || cp.altMachine[a] === sealedMachine) {
          valid[j] = 0;
          break;
        }
      }
    }
  }
  return { order, alt };
}
