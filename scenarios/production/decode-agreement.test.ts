// The demo plant has every constraint family the decoder handles at once: operators (bookings that are not
// append-only), batch groups, maximum-lag chains, stations, pins. A search re-decodes from checkpoints with
// alternating bases (a rejected candidate leaves the decoder's operator timeline holding its bookings), so
// here a random walk of moves, accepted or undone at random, checks every partial decode against a decode
// from scratch by a fresh decoder, and every accepted plan against the independent checker.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkProductionPlan } from '../../solver/check/production/check-production-plan.js';
import { FastRandom } from '../../solver/heuristics/fast-random.js';
import { compileProduction } from '../../solver/production/compiled.js';
import { construct } from '../../solver/production/construct.js';
import { Decoder, isValidOrder, placedFrom, Schedule } from '../../solver/production/decode.js';
import { planOfSchedule } from '../../solver/production/solve.js';
import { parseScenario } from '../parse.js';
import { scenarioToProductionProblem } from './to-problem.js';

const parsed = parseScenario(readFileSync(new URL('../demo-plant.yaml', import.meta.url), 'utf8'));
if (!parsed.ok) throw new Error('demo plant does not parse');
const { problem } = scenarioToProductionProblem(parsed.edited);
const cp = compileProduction(problem);

function same(a: Schedule, b: Schedule): boolean {
  for (let o = 0; o < cp.n; o++) {
    if (a.start[o] !== b.start[o] || a.end[o] !== b.end[o] || a.station[o] !== b.station[o]) return false;
    if (a.setupStart[o] !== b.setupStart[o] || a.operator[o] !== b.operator[o]) return false;
  }
  return true;
}

describe('decoding the demo plant from checkpoints', () => {
  it('has operators, batches and maximum lags to exercise', () => {
    expect(problem.operators?.length).toBeGreaterThan(0);
    expect(problem.machines.some((m) => m.batch)).toBe(true);
    expect(problem.jobs.some((j) => j.operations.some((o) => o.maxLag !== undefined))).toBe(true);
  });

  it('gives what a decode from scratch gives, move after move', () => {
    const rng = new FastRandom(11);
    const enc = construct(cp, { rule: 'edd' });
    const pos = new Int32Array(cp.n).fill(-1);
    enc.order.forEach((o, i) => (pos[o] = i));
    const decoder = new Decoder(cp);
    let current = decoder.decode(enc, new Schedule(cp));
    let candidate = new Schedule(cp);
    const fresh = new Schedule(cp);
    let accepted = 0;
    for (let step = 0; step < 300; step++) {
      // Shift one operation within its job's window, or change its machine.
      const o = enc.order[rng.int(enc.order.length)]!;
      const i = pos[o]!;
      const lo = cp.jobPrev[o]! >= 0 && pos[cp.jobPrev[o]!]! >= 0 ? pos[cp.jobPrev[o]!]! + 1 : 0;
      const hi = cp.jobNext[o]! >= 0 ? pos[cp.jobNext[o]!]! - 1 : enc.order.length - 1;
      const k = lo + rng.int(hi - lo + 1);
      const altBefore = enc.alt[o]!;
      const alts = cp.altStart[o + 1]! - cp.altStart[o]!;
      const changeMachine = alts > 1 && rng.next() < 0.3;
      if (changeMachine) enc.alt[o] = cp.altStart[o]! + rng.int(alts);
      else {
        enc.order.copyWithin(k < i ? k + 1 : i, k < i ? k : i + 1, k < i ? i : k + 1);
        enc.order[k] = o;
        enc.order.forEach((x, p) => (pos[x] = p));
      }
      const from = changeMachine ? placedFrom(cp, o, pos) : Math.min(i, k);
      decoder.decode(enc, candidate, current, from);
      new Decoder(cp).decode(enc, fresh);
      expect(same(candidate, fresh), `step ${step}`).toBe(true);
      if (rng.next() < 0.5 && candidate.failed < 0) {
        [current, candidate] = [candidate, current];
        accepted++;
      } else if (changeMachine) enc.alt[o] = altBefore;
      else {
        enc.order.copyWithin(i < k ? i + 1 : k, i < k ? i : k + 1, i < k ? k : i + 1);
        enc.order[i] = o;
        enc.order.forEach((x, p) => (pos[x] = p));
      }
      expect(isValidOrder(cp, enc.order)).toBe(true);
    }
    expect(accepted).toBeGreaterThan(50);
    const check = checkProductionPlan(problem, planOfSchedule(cp, current));
    expect(check.violations.slice(0, 3)).toEqual([]);
  });
});
