import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';
import { Resource, type Preempted, type Request } from './resource.js';
import { Signal } from './signal.js';
import type { Interrupt } from './simulation.js';
import { Simulation, type ProcessBody } from './simulation.js';
import { Store } from './store.js';

describe('event calendar', () => {
  it('orders by time, then priority, then insertion', () => {
    const q = new EventQueue<string>();
    const pushes: [number, number, string][] = [
      [5, 1, 'e'],
      [1, 1, 'b'],
      [1, 0, 'a'],
      [1, 1, 'c'],
      [3, 0, 'd'],
      [5, 1, 'f'],
    ];
    for (const [t, p, name] of pushes) q.push(t, p, name, 0);
    const out: string[] = [];
    for (let slot = q.pop(); slot >= 0; slot = q.pop()) out.push(q.target(slot));
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('stays ordered through 10 000 interleaved pushes and pops, reusing slots', () => {
    const q = new EventQueue<number>();
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let last = -Infinity;
    let popped = 0;
    for (let i = 0; i < 10_000; i++) {
      q.push(last === -Infinity ? next() : last + next(), 1, i, 0);
      if (i % 3 === 0) {
        const slot = q.pop();
        const t = q.time(slot);
        expect(t).toBeGreaterThanOrEqual(last);
        last = t;
        popped++;
      }
    }
    while (q.size > 0) {
      const t = q.time(q.pop());
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
      popped++;
    }
    expect(popped).toBe(10_000);
  });
});

describe('processes', () => {
  it('interleave timeouts; simultaneous ones in start order', () => {
    const sim = new Simulation();
    const trace: string[] = [];
    function* worker(name: string, delays: number[]): ProcessBody {
      for (const d of delays) {
        yield d;
        trace.push(`${sim.now} ${name}`);
      }
    }
    sim.process(worker('a', [2, 2, 1]));
    sim.process(worker('b', [1, 3, 1]));
    sim.run();
    // At 4 both wake: b's timeout was scheduled first (at 1), so b runs first; likewise at 5.
    expect(trace).toEqual(['1 b', '2 a', '4 b', '4 a', '5 b', '5 a']);
  });

  it('run(until) stops before events at `until` and leaves the clock there', () => {
    const sim = new Simulation();
    const trace: number[] = [];
    sim.process(
      (function* () {
        for (;;) {
          yield 1;
          trace.push(sim.now);
        }
      })(),
    );
    sim.run(3);
    expect(trace).toEqual([1, 2]);
    expect(sim.now).toBe(3);
    sim.run(5);
    expect(trace).toEqual([1, 2, 3, 4]);
  });

  it('a process waits for another and gets its result', () => {
    const sim = new Simulation();
    const child = sim.process(
      (function* () {
        yield 4;
        return 'done';
      })(),
    );
    let got: unknown;
    sim.process(
      (function* () {
        got = yield child;
        expect(sim.now).toBe(4);
      })(),
    );
    sim.run();
    expect(got).toBe('done');
  });

  it('an interrupt cancels the pending timeout and is thrown into the generator', () => {
    const sim = new Simulation();
    const trace: string[] = [];
    const sleeper = sim.process(
      (function* (): ProcessBody {
        try {
          yield 10;
          trace.push('woke normally');
        } catch (e) {
          trace.push(`${sim.now} interrupted: ${(e as Interrupt).cause}`);
          yield 1;
          trace.push(`${sim.now} resumed`);
        }
      })(),
    );
    sim.process(
      (function* () {
        yield 3;
        sleeper.interrupt('power cut');
      })(),
    );
    sim.run();
    expect(trace).toEqual(['3 interrupted: power cut', '4 resumed']);
    expect(sim.now).toBe(4); // the stale timeout at 10 did not run anything
  });

  it('a signal resumes every waiter with its value', () => {
    const sim = new Simulation();
    const signal = new Signal<string>(sim);
    const got: string[] = [];
    for (const name of ['x', 'y']) {
      sim.process(
        (function* () {
          const v = yield signal;
          got.push(`${sim.now} ${name} ${v}`);
        })(),
      );
    }
    sim.process(
      (function* () {
        yield 2;
        signal.fire('go');
      })(),
    );
    sim.run();
    expect(got).toEqual(['2 x go', '2 y go']);
  });

  it('rejects a negative timeout', () => {
    const sim = new Simulation();
    sim.process(
      (function* () {
        yield -1;
      })(),
      'bad',
    );
    expect(() => sim.run()).toThrow(/bad: a timeout must be ≥ 0/);
  });
});

describe('resources', () => {
  it('serve by priority, then FIFO', () => {
    const sim = new Simulation();
    const machine = new Resource(sim, 1);
    const trace: string[] = [];
    function* job(name: string, arrive: number, priority: number): ProcessBody {
      yield arrive;
      const req = (yield machine.request(priority)) as Request;
      trace.push(`${sim.now} start ${name}`);
      yield 5;
      machine.release(req);
    }
    sim.process(job('a', 0, 1));
    sim.process(job('b', 1, 1));
    sim.process(job('c', 2, 0));
    sim.process(job('d', 3, 1));
    sim.run();
    expect(trace).toEqual(['0 start a', '5 start c', '10 start b', '15 start d']);
  });

  it('preempt-resume: a failure pushes the job out, the job finishes its remaining work after repair', () => {
    const sim = new Simulation();
    const machine = new Resource(sim, 1);
    const trace: string[] = [];
    sim.process(
      (function* (): ProcessBody {
        let remaining = 10;
        let priority = 1;
        while (remaining > 0) {
          const req = (yield machine.request(priority)) as Request;
          const start = sim.now;
          trace.push(`${sim.now} job starts (${remaining} left)`);
          try {
            yield remaining;
            remaining = 0;
            machine.release(req);
          } catch (e) {
            const cause = (e as Interrupt).cause as Preempted;
            expect(cause.kind).toBe('preempted');
            expect(cause.usageSince).toBe(start);
            remaining -= sim.now - start;
            priority = 0;
            trace.push(`${sim.now} job preempted (${remaining} left)`);
          }
        }
        trace.push(`${sim.now} job done`);
      })(),
    );
    sim.process(
      (function* (): ProcessBody {
        yield 4;
        const req = (yield machine.request(-1, true)) as Request;
        trace.push(`${sim.now} repair starts`);
        yield 3;
        machine.release(req);
        trace.push(`${sim.now} repair ends`);
      })(),
    );
    sim.run();
    expect(trace).toEqual([
      '0 job starts (10 left)',
      // The repair takes the machine at once; the job hears of it when its interrupt is delivered, still at 4.
      '4 repair starts',
      '4 job preempted (6 left)',
      '7 repair ends',
      '7 job starts (6 left)',
      '13 job done',
    ]);
  });

  it('with capacity 2, two run at once and the third waits', () => {
    const sim = new Simulation();
    const washer = new Resource(sim, 2);
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      sim.process(
        (function* (): ProcessBody {
          const req = (yield washer.request()) as Request;
          starts.push(sim.now);
          yield 4;
          washer.release(req);
        })(),
      );
    }
    sim.run();
    expect(starts).toEqual([0, 0, 4]);
  });

  it('a cancelled request never gets the resource', () => {
    const sim = new Simulation();
    const machine = new Resource(sim, 1);
    const held = machine.request();
    const waiting = machine.request();
    waiting.cancel();
    machine.release(held);
    expect(waiting.granted).toBe(false);
    expect(machine.count).toBe(0);
  });
});

describe('stores', () => {
  it('block a put while full and a get while empty', () => {
    const sim = new Simulation();
    const buffer = new Store<number>(sim, 2);
    const trace: string[] = [];
    sim.process(
      (function* (): ProcessBody {
        for (let i = 1; i <= 4; i++) {
          yield buffer.put(i);
          trace.push(`${sim.now} put ${i}`);
        }
      })(),
    );
    sim.process(
      (function* (): ProcessBody {
        yield 5;
        for (let i = 0; i < 4; i++) {
          const item = yield buffer.get();
          trace.push(`${sim.now} got ${item}`);
          yield 1;
        }
      })(),
    );
    sim.run();
    expect(trace).toEqual([
      '0 put 1',
      '0 put 2',
      '5 got 1',
      '5 put 3',
      '6 got 2',
      '6 put 4',
      '7 got 3',
      '8 got 4',
    ]);
  });

  it('a filtered get takes the first item it accepts', () => {
    const sim = new Simulation();
    const buffer = new Store<string>(sim);
    let got: unknown;
    sim.process(
      (function* (): ProcessBody {
        yield buffer.put('gear');
        yield buffer.put('shaft');
        got = yield buffer.get((item) => item === 'shaft');
      })(),
    );
    sim.run();
    expect(got).toBe('shaft');
    expect(buffer.items).toEqual(['gear']);
  });
});
