import { describe, expect, it } from 'vitest';
import { RealTimeLagError, RealTimePacer } from './realtime.js';
import { Simulation, type ProcessBody } from './simulation.js';

function ticking(sim: Simulation, every: number, log: number[]): void {
  sim.process(
    (function* (): ProcessBody {
      for (;;) {
        yield every;
        log.push(sim.now);
      }
    })(),
  );
}

describe('real-time pacing', () => {
  it('runs events when the wall clock reaches them, scaled by speed', () => {
    const sim = new Simulation();
    const log: number[] = [];
    ticking(sim, 10, log);
    const pacer = new RealTimePacer(sim, { speed: 10, mode: 'catch-up' });
    pacer.start(1_000);
    sim.step(); // start the process
    let r = pacer.advance(1_500); // 0.5 wall s = 5 sim s
    expect(log).toEqual([]);
    expect(r.simTime).toBe(5);
    expect(r.nextWallMs).toBe(2_000);
    r = pacer.advance(2_000);
    expect(log).toEqual([10]);
    r = pacer.advance(4_100);
    expect(log).toEqual([10, 20, 30]);
    expect(r.simTime).toBeCloseTo(31);
    expect(r.lagMs).toBe(0);
  });

  it('changes speed without a jump in simulated time', () => {
    const sim = new Simulation();
    const pacer = new RealTimePacer(sim, { speed: 1, mode: 'catch-up' });
    pacer.start(0);
    pacer.advance(2_000);
    expect(sim.now).toBe(2);
    pacer.setSpeed(60, 2_000);
    pacer.advance(3_000);
    expect(sim.now).toBe(62);
  });

  it('catch-up runs late events in bounded slices and reports the lag', () => {
    const sim = new Simulation();
    const log: number[] = [];
    ticking(sim, 1, log);
    const pacer = new RealTimePacer(sim, { speed: 1, mode: 'catch-up', maxEventsPerAdvance: 5 });
    pacer.start(0);
    const r = pacer.advance(100_000);
    expect(r.eventsRun).toBe(5);
    expect(r.lagMs).toBeGreaterThan(90_000);
    expect(r.nextWallMs).toBeLessThan(100_000);
  });

  it('strict pacing refuses to fall behind beyond its tolerance', () => {
    const sim = new Simulation();
    ticking(sim, 1, []);
    const pacer = new RealTimePacer(sim, {
      speed: 1,
      mode: 'strict',
      toleranceMs: 50,
      maxEventsPerAdvance: 2,
    });
    pacer.start(0);
    expect(() => pacer.advance(10_000)).toThrow(RealTimeLagError);
  });
});
