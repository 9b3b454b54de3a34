import type { Oee, StateDurations } from '../schema/twin-snapshot.js';
import { zeroDurations } from './machine-record.js';

export interface OeeInput {
  stateMs: StateDurations;
  goodParts: number;
  scrapParts: number;
  /** Ideal seconds per part; 0 when unknown. */
  idealCycleS: number;
}

const clamp01 = (x: number): number => (x > 1 ? 1 : x > 0 ? x : 0);

/**
 * OEE = availability × performance × quality (ISO 22400-2). Planned busy time excludes time the machine is
 * off shift and planned maintenance; availability = running time / planned busy time. With no ideal cycle time,
 * performance is 1 while the machine has run. A factor with nothing to rate is 0 (as the simulation reports it).
 */
export function computeOee(input: OeeInput): Oee {
  const s = input.stateMs;
  const planned = s.running + s.idle + s.setup + s.down + s.blocked + s.starved;
  const availability = planned > 0 ? clamp01(s.running / planned) : 0;
  const parts = input.goodParts + input.scrapParts;
  const performance =
    s.running <= 0 ? 0 : input.idealCycleS > 0 ? clamp01((parts * input.idealCycleS * 1000) / s.running) : 1;
  const quality = parts > 0 ? clamp01(input.goodParts / parts) : 0;
  return { availability, performance, quality, oee: availability * performance * quality };
}

/**
 * OEE of several machines: their times and parts summed, performance weighted by running time. A machine with
 * no ideal cycle time rates its running time at performance 1 (as computeOee does for it alone), so it does not
 * drag the line down for want of a figure.
 */
export function combineOee(items: readonly OeeInput[]): Oee {
  const stateMs = zeroDurations();
  let good = 0;
  let scrap = 0;
  let idealMs = 0;
  let anyIdeal = false;
  for (const it of items) {
    for (const k of Object.keys(stateMs) as (keyof StateDurations)[]) stateMs[k] += it.stateMs[k];
    good += it.goodParts;
    scrap += it.scrapParts;
    if (it.idealCycleS > 0) {
      anyIdeal = true;
      idealMs += Math.min(it.stateMs.running, (it.goodParts + it.scrapParts) * it.idealCycleS * 1000);
    } else idealMs += it.stateMs.running;
  }
  const base = computeOee({ stateMs, goodParts: good, scrapParts: scrap, idealCycleS: 0 });
  if (!anyIdeal || stateMs.running <= 0) return base;
  const performance = clamp01(idealMs / stateMs.running);
  return { ...base, performance, oee: base.availability * performance * base.quality };
}
