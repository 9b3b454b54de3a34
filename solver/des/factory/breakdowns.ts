import type { RandomStream } from '../random/stream.js';
import type { Sampler } from '../random/variates.js';
import type { Request } from '../resource.js';
import { NORMAL, type Callback, type ProcessBody, type Simulation } from '../simulation.js';
import type { FactoryContext } from './context.js';
import type { MachineRt } from './machine.js';

/**
 * Time to failure that counts only while its clock runs: while the machine processes (operating clock) or
 * always but during repair (calendar clock). Pausing and resuming cost no allocation: a superseded calendar
 * entry is recognised by its time and ignored.
 */
export class FailureClock implements Callback {
  private left: number;
  private since = 0;
  private dueAt = NaN;
  private running = false;

  constructor(
    private readonly sim: Simulation,
    private readonly stream: RandomStream,
    private readonly ttf: Sampler,
    private readonly onFailure: () => void,
  ) {
    this.left = ttf(stream);
  }

  set(running: boolean): void {
    if (running === this.running) return;
    this.running = running;
    const now = this.sim.now;
    if (running) {
      this.since = now;
      this.dueAt = now + this.left; // the sum the calendar computes, so `fire` recognises its entry
      this.sim.scheduleCallback(this.left, NORMAL, this);
    } else {
      this.left = Math.max(0, this.left - (now - this.since));
      this.dueAt = NaN;
    }
  }

  fire(sim: Simulation): void {
    if (sim.now !== this.dueAt) return;
    this.dueAt = NaN;
    this.running = false;
    this.onFailure();
  }

  /** A new time to failure after a repair. */
  renew(): void {
    this.left = this.ttf(this.stream);
  }
}

/**
 * The repair: every station's slot is taken with preemption (priority −1, as in reference/jobshop.ts), so
 * running operations are interrupted and resume their remaining work after the repair (preempt-resume). The
 * repair takes its drawn time as elapsed time, whether or not the calendar is open.
 */
function* repair(m: MachineRt, stream: RandomStream): ProcessBody {
  const ttr = m.c.ttr!(stream);
  const slots: Request[] = [];
  for (let i = 0; i < m.c.capacity; i++) slots.push(m.resource.request(-1, true));
  for (const slot of slots) if (!slot.granted) yield slot;
  yield ttr;
  for (const slot of slots) m.resource.release(slot);
  m.broken = false;
  m.failure!.renew();
  m.refresh();
  m.gate.notify();
}

/** Breakdowns for a machine with ttf and ttr, on its own random stream (common random numbers per machine). */
export function startBreakdowns(ctx: FactoryContext, m: MachineRt): void {
  const { ttf, ttr } = m.c;
  if (!ttf || !ttr) return;
  const stream = ctx.streams.stream(`failures:${m.c.id}`);
  m.failure = new FailureClock(ctx.sim, stream, ttf, () => {
    m.broken = true;
    if (ctx.sim.now >= ctx.warmupS) m.failures++;
    m.refresh();
    ctx.sim.process(repair(m, stream), `repair ${m.c.id}`);
  });
  m.refresh();
}
