import type { Order } from '../../twin/schema/order.js';
import { aggregateRisk, roundEnds, type PlanRef, type PlanRiskReport, type RiskOptions } from './report.js';
import type { ReplicationSample } from './replicate.js';

/** Replications [from, to), in replication order. */
export type RoundRequest = readonly [from: number, to: number];

/**
 * The rounds of a risk analysis: yields the replications to run next, takes their samples, and returns the
 * report once the precision target is met or the maximum has run (a single round without a target). Who
 * runs a round (this thread, a worker pool) does not change the report.
 */
export function* riskRounds(
  plan: PlanRef,
  orders: readonly Order[],
  startMs: number,
  options: RiskOptions,
): Generator<RoundRequest, PlanRiskReport, readonly ReplicationSample[]> {
  const samples: ReplicationSample[] = [];
  let report: PlanRiskReport | undefined;
  for (const end of roundEnds(options)) {
    const from = samples.length;
    const got = yield [from, end];
    if (got.length !== end - from)
      throw new RangeError(`round [${from}, ${end}) returned ${got.length} samples`);
    samples.push(...got);
    report = aggregateRisk(plan, orders, startMs, samples, options);
    if (report.precision.met) break;
  }
  return report!;
}

/** Drive the rounds with a runner in this thread. */
export function runRoundsSync(
  rounds: Generator<RoundRequest, PlanRiskReport, readonly ReplicationSample[]>,
  run: (from: number, to: number) => readonly ReplicationSample[],
): PlanRiskReport {
  let step = rounds.next([]);
  while (!step.done) step = rounds.next(run(step.value[0], step.value[1]));
  return step.value;
}

/** Drive the rounds with an asynchronous runner (a worker pool). */
export async function runRounds(
  rounds: Generator<RoundRequest, PlanRiskReport, readonly ReplicationSample[]>,
  run: (from: number, to: number) => Promise<readonly ReplicationSample[]>,
): Promise<PlanRiskReport> {
  let step = rounds.next([]);
  while (!step.done) step = rounds.next(await run(step.value[0], step.value[1]));
  return step.value;
}
