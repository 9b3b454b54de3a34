import { Resource, type Request } from '../resource.js';
import { Interrupt, Simulation, type ProcessBody } from '../simulation.js';
import type { RandomStream } from '../random/stream.js';
import { exponentialMean, exponentialRate, uniformInt } from '../random/variates.js';

/**
 * Model B of the reference spec (shared/des/SPEC.md §1.3): a stochastic job shop with preemptive machine
 * breakdowns, written on the general kernel with the SimPy idiom (a preemptive resource per machine; failures
 * request with priority -1 and preempt, jobs with priority 1, 0 after an interruption).
 */
export interface JobShopParams {
  seed: number;
  machines: number;
  scale: number;
  breakdowns: boolean;
  warmup: number;
  meanTtf: number;
  meanRepair: number;
  meanProcessing: number;
}

export const JOBSHOP_DEFAULTS: Omit<JobShopParams, 'seed'> = {
  machines: 10,
  scale: 1,
  breakdowns: true,
  warmup: 1000,
  meanTtf: 100,
  meanRepair: 5,
  meanProcessing: 1,
};

export interface JobShopResult {
  seed: number;
  arrivals: number;
  jobs_completed_window: number;
  jobs_completed_total: number;
  wip_at_end: number;
  mean_flow_time: number;
  mean_utilization: number;
  down_fraction_mean: number;
  failures_total: number;
  ops_completed: number;
  model_events: number;
  utilization: number[];
  engine_events: number;
  end_time: number;
}

/** Streams by index, as the spec numbers them (S(seed*1000 + k)). */
export type StreamAt = (index: number) => RandomStream;

/** Time inside [from, to] of the interval [a, b]. */
const overlap = (a: number, b: number, from: number, to: number) =>
  Math.max(0, Math.min(b, to) - Math.max(a, from));

export function runJobShop(params: JobShopParams, streamAt: StreamAt): JobShopResult {
  const { seed, machines: M, warmup: W } = params;
  const H = W + 10000 * params.scale;
  const T = H - W;
  const lambda = M / 10;
  const sim = new Simulation();
  const resources = Array.from({ length: M }, (_, m) => new Resource(sim, 1, `machine ${m}`));
  const busyInWindow = new Float64Array(M);
  const downInWindow = new Float64Array(M);
  const openSegmentStart = new Float64Array(M).fill(NaN);
  const openRepairStart = new Float64Array(M).fill(NaN);
  const counts = { arrivals: 0, done: 0, windowDone: 0, flowSum: 0, failures: 0, ops: 0, events: 0 };

  function* job(arrival: number, route: Int32Array, times: Float64Array): ProcessBody {
    for (let op = 0; op < route.length; op++) {
      const m = route[op]!;
      const machine = resources[m]!;
      let remaining = times[op]!;
      let priority = 1;
      for (;;) {
        const req = (yield machine.request(priority)) as Request;
        const start = sim.now;
        openSegmentStart[m] = start;
        counts.events++; // segment start
        try {
          yield remaining;
        } catch (e) {
          if (!(e instanceof Interrupt)) throw e;
          busyInWindow[m]! += overlap(start, sim.now, W, H);
          openSegmentStart[m] = NaN;
          counts.events++; // segment end (interruption)
          remaining -= sim.now - start;
          priority = 0;
          continue;
        }
        busyInWindow[m]! += overlap(start, sim.now, W, H);
        openSegmentStart[m] = NaN;
        counts.events++; // segment end (completion)
        counts.ops++;
        machine.release(req);
        break;
      }
    }
    counts.done++;
    if (sim.now > W) {
      counts.windowDone++;
      counts.flowSum += sim.now - arrival;
    }
  }

  function* arrivals(): ProcessBody {
    const s = streamAt(seed * 1000);
    const perm = new Int32Array(M);
    // The process starts at t = 0 by drawing the first inter-arrival time (as the reference engine does).
    yield exponentialRate(s, lambda);
    for (;;) {
      counts.arrivals++;
      counts.events++;
      const k = 5 + uniformInt(s, 6);
      for (let i = 0; i < M; i++) perm[i] = i;
      for (let i = 0; i < k; i++) {
        const j = i + uniformInt(s, M - i);
        const t = perm[i]!;
        perm[i] = perm[j]!;
        perm[j] = t;
      }
      const route = perm.slice(0, k);
      const times = new Float64Array(k);
      for (let i = 0; i < k; i++) times[i] = exponentialMean(s, params.meanProcessing);
      sim.process(job(sim.now, route, times));
      yield exponentialRate(s, lambda);
    }
  }

  function* failures(m: number): ProcessBody {
    const s = streamAt(seed * 1000 + 1 + m);
    const machine = resources[m]!;
    for (;;) {
      yield exponentialMean(s, params.meanTtf);
      counts.failures++;
      counts.events++;
      const repair = exponentialMean(s, params.meanRepair);
      const req = (yield machine.request(-1, true)) as Request;
      const start = sim.now;
      openRepairStart[m] = start;
      yield repair;
      downInWindow[m]! += overlap(start, sim.now, W, H);
      openRepairStart[m] = NaN;
      counts.events++; // repair end
      machine.release(req);
    }
  }

  sim.process(arrivals(), 'arrivals');
  if (params.breakdowns) for (let m = 0; m < M; m++) sim.process(failures(m), `failures ${m}`);
  sim.run(H);

  // Segments and repairs still open at H count up to H.
  for (let m = 0; m < M; m++) {
    if (!Number.isNaN(openSegmentStart[m]!)) busyInWindow[m]! += overlap(openSegmentStart[m]!, H, W, H);
    if (!Number.isNaN(openRepairStart[m]!)) downInWindow[m]! += overlap(openRepairStart[m]!, H, W, H);
  }
  const utilization = Array.from(busyInWindow, (busy) => busy / T);
  return {
    seed,
    arrivals: counts.arrivals,
    jobs_completed_window: counts.windowDone,
    jobs_completed_total: counts.done,
    wip_at_end: counts.arrivals - counts.done,
    mean_flow_time: counts.flowSum / counts.windowDone,
    mean_utilization: utilization.reduce((a, b) => a + b, 0) / M,
    down_fraction_mean: downInWindow.reduce((a, b) => a + b, 0) / (M * T),
    failures_total: counts.failures,
    ops_completed: counts.ops,
    model_events: counts.events,
    utilization,
    engine_events: sim.eventsProcessed,
    end_time: H,
  };
}
