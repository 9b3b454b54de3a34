import type { Order } from '../../twin/schema/order.js';
import { instantToSimTime } from '../../twin/schema/time.js';
import type { RngKind } from '../des/random/streams.js';
import { summarizeReplications } from '../des/stats/replications.js';
import { summarizeSample, type SampleSummary } from './quantiles.js';
import type { ReplicationSample } from './replicate.js';
import { wilsonInterval, type ProportionInterval } from './wilson.js';

/**
 * Sequential replications: run `minReplications`, then `step` more at a time, until every order's on-time
 * interval and the makespan's interval are as tight as asked, or `replications` (the maximum) have run.
 * Rounds end at fixed counts, so the count used depends only on the seed, never on the worker count.
 */
export interface RiskPrecision {
  /** Default 10. */
  minReplications?: number;
  /** Replications per further round (default 10). */
  step?: number;
  /** Largest half-width of an order's Wilson interval (default 0.1). */
  onTimeHalfWidth?: number;
  /** Largest half-width of the makespan's t interval over its mean (default 0.01). */
  makespanRelHalfWidth?: number;
}

/** How to run and read a risk analysis. */
export interface RiskOptions {
  /** Replications to run; with `precision`, the most to run. */
  replications: number;
  seed: number;
  rng?: RngKind;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
  /** An order whose on-time probability is below this is at risk (default 0.9). */
  threshold?: number;
  /** Stop as soon as the intervals are tight enough (default: run exactly `replications`). */
  precision?: RiskPrecision;
}

const DEFAULT_PRECISION: Required<RiskPrecision> = {
  minReplications: 10,
  step: 10,
  onTimeHalfWidth: 0.1,
  makespanRelHalfWidth: 0.01,
};

const DEFAULT_LEVEL = 0.95;
const DEFAULT_THRESHOLD = 0.9;

export interface OrderRisk {
  order: string;
  /** Due date in simulated seconds; null without one (always on time). */
  dueS: number | null;
  /** Replications in which it finished by its due date. */
  onTime: number;
  onTimeProbability: number;
  /** Wilson score interval of the on-time probability. */
  interval: ProportionInterval;
  /** Completion in simulated seconds; an unfinished run counts its end (a lower bound). */
  completionS: SampleSummary;
  /** Completion − due (negative: early); null without a due date. */
  latenessS: SampleSummary | null;
  /** Mean of max(0, lateness); null without a due date. */
  expectedTardinessS: number | null;
  /** Replications in which it did not finish before the horizon. */
  unfinished: number;
  atRisk: boolean;
}

export interface MakespanDistribution extends SampleSummary {
  /** Student-t interval of the mean at the report's level (half-width NaN with one replication). */
  halfWidth: number;
  low: number;
  high: number;
}

export interface PlanRiskReport {
  plan: string;
  planVersion: number;
  seed: number;
  rng: RngKind;
  replications: number;
  level: number;
  threshold: number;
  /** Wall-clock time of simulated second 0: completions and due dates count from here. */
  startMs: number;
  makespanS: MakespanDistribution;
  orders: OrderRisk[];
  /** Ids of the orders at risk, most at risk first (then by book order). */
  atRisk: string[];
  /** Replications that stopped at the horizon with some order unfinished. */
  incompleteRuns: number;
  /** The most replications the options allowed (= replications without a precision target). */
  maxReplications: number;
  /** How tight the intervals came out, and whether the precision target (if any) was met. */
  precision: AchievedPrecision;
  /** Events simulated over all replications (a machine-independent measure of the work). */
  eventsSimulated: number;
}

export interface AchievedPrecision {
  /** Largest half-width of an order's Wilson interval. */
  onTimeHalfWidth: number;
  /** Half-width of the makespan's t interval over its mean (NaN with one replication). */
  makespanRelHalfWidth: number;
  /** Null without a precision target. */
  met: boolean | null;
}

export function checkRiskOptions(options: RiskOptions): void {
  const { replications, seed, level = DEFAULT_LEVEL, threshold = DEFAULT_THRESHOLD } = options;
  if (!Number.isInteger(replications) || replications < 1)
    throw new RangeError(`replications must be an integer ≥ 1 (got ${replications})`);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`seed must be an integer ≥ 0 (got ${seed})`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1) (got ${level})`);
  if (!(threshold >= 0 && threshold <= 1))
    throw new RangeError(`threshold must be in [0, 1] (got ${threshold})`);
  if (options.precision) {
    const p = { ...DEFAULT_PRECISION, ...options.precision };
    for (const key of ['minReplications', 'step'] as const)
      if (!Number.isInteger(p[key]) || p[key] < 1)
        throw new RangeError(`precision.${key} must be an integer ≥ 1 (got ${p[key]})`);
    for (const key of ['onTimeHalfWidth', 'makespanRelHalfWidth'] as const)
      if (!(p[key] > 0)) throw new RangeError(`precision.${key} must be > 0 (got ${p[key]})`);
  }
}

/**
 * Where the rounds end: cumulative replication counts, the last one `replications`. One round without a
 * precision target; else min, min + step, … capped at the maximum.
 */
export function roundEnds(options: RiskOptions): number[] {
  checkRiskOptions(options);
  const max = options.replications;
  if (!options.precision) return [max];
  const { minReplications, step } = { ...DEFAULT_PRECISION, ...options.precision };
  const ends: number[] = [];
  for (let n = Math.min(minReplications, max); ; n = Math.min(max, n + step)) {
    ends.push(n);
    if (n === max) return ends;
  }
}

function dueOf(order: Order, startMs: number): number | null {
  if (order.due === undefined) return null;
  const s = instantToSimTime(order.due, startMs);
  return Number.isNaN(s) ? null : s;
}

export interface PlanRef {
  id: string;
  version: number;
}

/**
 * Fold replications (in replication order) into the risk report. Samples must be replications 0..n−1 of
 * one plan with the order book `orders`; the result depends only on them, not on who computed them.
 */
export function aggregateRisk(
  plan: PlanRef,
  orders: readonly Order[],
  startMs: number,
  samples: readonly ReplicationSample[],
  options: RiskOptions,
): PlanRiskReport {
  checkRiskOptions(options);
  const n = samples.length;
  const allowed = options.precision ? roundEnds(options) : [options.replications];
  if (!allowed.includes(n)) throw new RangeError(`expected ${allowed.join(' or ')} replications, got ${n}`);
  samples.forEach((s, r) => {
    if (s.replication !== r) throw new RangeError(`sample ${r} is replication ${s.replication}`);
    if (s.completionS.length !== orders.length)
      throw new RangeError(`replication ${r} has ${s.completionS.length} orders, the book ${orders.length}`);
  });
  const level = options.level ?? DEFAULT_LEVEL;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const makespans = new Float64Array(n);
  let incompleteRuns = 0;
  let eventsSimulated = 0;
  samples.forEach((s, r) => {
    makespans[r] = s.endS;
    eventsSimulated += s.events;
    if (s.completionS.some(Number.isNaN)) incompleteRuns++;
  });
  const t = summarizeReplications(makespans, level);
  const completion = new Float64Array(n); // scratch, reused per order
  const lateness = new Float64Array(n);
  const risks = orders.map((order, i): OrderRisk => {
    const dueS = dueOf(order, startMs);
    let onTime = 0;
    let unfinished = 0;
    let tardiness = 0;
    for (let r = 0; r < n; r++) {
      const s = samples[r]!;
      const c = s.completionS[i]!;
      const done = !Number.isNaN(c);
      if (!done) unfinished++;
      completion[r] = done ? c : s.endS;
      if (dueS === null) {
        if (done) onTime++;
        continue;
      }
      lateness[r] = completion[r]! - dueS;
      if (done && completion[r]! <= dueS) onTime++;
      tardiness += Math.max(0, lateness[r]!);
    }
    const probability = onTime / n;
    return {
      order: order.id,
      dueS,
      onTime,
      onTimeProbability: probability,
      interval: wilsonInterval(onTime, n, level),
      completionS: summarizeSample(completion),
      latenessS: dueS === null ? null : summarizeSample(lateness),
      expectedTardinessS: dueS === null ? null : tardiness / n,
      unfinished,
      atRisk: probability < threshold,
    };
  });
  let onTimeHalfWidth = 0;
  for (const o of risks) onTimeHalfWidth = Math.max(onTimeHalfWidth, (o.interval.high - o.interval.low) / 2);
  const makespanRelHalfWidth = t.mean > 0 ? t.halfWidth / t.mean : t.halfWidth === 0 ? 0 : NaN;
  let met: boolean | null = null;
  if (options.precision) {
    const target = { ...DEFAULT_PRECISION, ...options.precision };
    met = onTimeHalfWidth <= target.onTimeHalfWidth && makespanRelHalfWidth <= target.makespanRelHalfWidth;
  }
  const atRisk = risks
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => o.atRisk)
    .sort((a, b) => a.o.onTimeProbability - b.o.onTimeProbability || a.i - b.i)
    .map(({ o }) => o.order);
  return {
    plan: plan.id,
    planVersion: plan.version,
    seed: options.seed,
    rng: options.rng ?? 'default',
    replications: n,
    level,
    threshold,
    startMs,
    makespanS: { ...summarizeSample(makespans), halfWidth: t.halfWidth, low: t.low, high: t.high },
    orders: risks,
    atRisk,
    incompleteRuns,
    maxReplications: options.replications,
    precision: { onTimeHalfWidth, makespanRelHalfWidth, met },
    eventsSimulated,
  };
}
