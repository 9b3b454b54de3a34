import { Resource, type Request } from '../resource.js';
import { Simulation, type ProcessBody } from '../simulation.js';
import { exponentialRate } from '../random/variates.js';
import { batchMeans } from '../stats/batch-means.js';
import type { StreamAt } from './jobshop.js';

/** Model A of the reference spec (shared/des/SPEC.md §1.2): an M/M/1 queue on the general kernel. */
export interface Mm1Params {
  seed: number;
  n: number;
  arrivalRate: number;
  serviceRate: number;
}

export const MM1_DEFAULTS: Omit<Mm1Params, 'seed'> = { n: 100_000, arrivalRate: 0.9, serviceRate: 1.0 };

export interface Mm1Result {
  seed: number;
  n: number;
  mean_wait_all: number;
  mean_wait_batch: number;
  mean_wait_batch_half_width: number;
  end_time: number;
  model_events: number;
  engine_events: number;
}

export function runMm1(params: Mm1Params, streamAt: StreamAt): Mm1Result {
  const { seed, n } = params;
  const sim = new Simulation();
  const server = new Resource(sim, 1, 'server');
  const arrivalStream = streamAt(seed * 1000);
  const serviceStream = streamAt(seed * 1000 + 1);
  const waits = new Float64Array(n);
  let served = 0;
  let events = 0;

  function* customer(i: number, service: number): ProcessBody {
    const arrived = sim.now;
    const req = (yield server.request()) as Request;
    waits[i] = sim.now - arrived;
    events++; // service start
    yield service;
    server.release(req);
    served++;
    events++; // departure
  }

  function* arrivals(): ProcessBody {
    for (let i = 0; i < n; i++) {
      yield exponentialRate(arrivalStream, params.arrivalRate);
      events++; // arrival
      sim.process(customer(i, exponentialRate(serviceStream, params.serviceRate)));
    }
  }

  sim.process(arrivals(), 'arrivals');
  sim.run();
  if (served !== n) throw new Error(`M/M/1: ${served} of ${n} customers served`);
  const batch = batchMeans(waits.subarray(Math.floor(n / 10)), 20);
  return {
    seed,
    n,
    mean_wait_all: waits.reduce((a, b) => a + b, 0) / n,
    mean_wait_batch: batch.mean,
    mean_wait_batch_half_width: batch.halfWidth,
    end_time: sim.now,
    model_events: events,
    engine_events: sim.eventsProcessed,
  };
}
